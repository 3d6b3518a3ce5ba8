/**
 * A 60-step agent loop through a small context window, with automatic compaction: starts the
 * bundled Codex emulator on 127.0.0.1 with a window of 4 000 tokens for the model, runs a
 * `streamText` tool loop that calls its tool 59 times and then answers, and prints each
 * step's input tokens. Without compaction the history outgrows the window after about 20
 * steps (`context_length_exceeded`); with it, the provider compacts the conversation when it
 * nears 90 % of the window and the loop runs to its end. No account, no network:
 * `npx tsx examples/long-agent-loop.ts`.
 */
import { stepCountIs, streamText, tool } from 'ai';
import { z } from 'zod/v4';
import { createCodex } from '../src';
import { startCodexEmulator } from '../test/support/codex-emulator';

const WINDOW = 4_000;
const STEPS = 60;

const emulator = await startCodexEmulator();
emulator.catalog['gpt-5.3-codex']!.context = WINDOW;
// the emulator's model calls the tool this many times before it sums up
emulator.callsPerTool = STEPS - 1;

const codex = createCodex({
  baseURL: emulator.baseURL,
  auth: { accessToken: 'example-token', accountId: 'example-account' },
  // `compaction` is on by default; `{ atInputTokens }` would set the threshold
});

try {
  // the catalog gives the model's window, and with it the threshold (90 %: 3 600 tokens)
  await codex.listModels();
  const result = streamText({
    model: codex('gpt-5.3-codex'),
    system: 'You are a build agent. Run the next build step until the build is done.',
    prompt: 'Build the project.',
    tools: {
      runStep: tool({
        description: 'Runs one build step and returns its log',
        inputSchema: z.object({ step: z.string() }),
        execute: async () => `ok: compiled 12 files, 0 warnings. ${'log line. '.repeat(30)}`,
      }),
    },
    stopWhen: stepCountIs(STEPS),
    onError: ({ error }) => {
      console.error('[error]', error);
      process.exitCode = 1;
    },
  });

  let step = 0;
  let peak = 0;
  let compactions = 0;
  for await (const part of result.fullStream) {
    if (part.type !== 'finish-step') continue;
    step++;
    const input = part.usage.inputTokens ?? 0;
    peak = Math.max(peak, input);
    // set on the step that compacted first: what its compaction request cost
    const compaction = part.providerMetadata?.codex?.compactionUsage as
      { inputTokens?: number } | undefined;
    if (compaction != null) compactions++;
    console.log(
      `step ${String(step).padStart(2)}: ${String(input).padStart(4)} input tokens` +
        (compaction != null ? ` (compacted ${compaction.inputTokens} tokens first)` : ''),
    );
  }
  console.log(`\nanswer: ${(await result.text).slice(0, 60)}…`);
  console.log(
    `steps: ${step}, compactions: ${compactions}, peak input: ${peak} tokens of ${WINDOW}`,
  );
} finally {
  await emulator.close();
}
