/**
 * `npm run bench:compaction`: a 200-step tool loop through `ai`'s `generateText` against the
 * emulator, with automatic compaction in a small window and without it in a window big enough
 * for the whole history. Reports the peak input tokens of a step, the bytes uploaded (request
 * bodies as they went over the wire, compaction requests included), the compactions and the
 * wall time, over HTTP SSE and WebSocket. Each step adds ~1 KB of tool output, a call and its
 * reasoning to the history. Not part of `npm test`.
 *
 * BENCH_STEPS (default 200) and BENCH_WINDOW (the small window in tokens, default 16 000)
 * change it.
 */
import { generateText, stepCountIs, tool } from 'ai';
import { z } from 'zod/v4';
import { createCodex, type CodexProviderSettings } from '../src';
import { startCodexEmulator, type CodexEmulator } from '../test/support/codex-emulator';
import { benchEnvironment } from './bench-environment';

const STEPS = Number(process.env.BENCH_STEPS ?? 200);
const WINDOW = Number(process.env.BENCH_WINDOW ?? 16_000);
const BIG_WINDOW = 10_000_000;

/** Deterministic tool output of about 1 KB, different per step. */
const toolOutput = (step: number) => {
  let out = '';
  for (let i = 0; out.length < 1024; i++) out += `step ${step} line ${i}: compiled module ${i}.\n`;
  return out;
};

async function runLoop(
  emu: CodexEmulator,
  transport: 'sse' | 'websocket',
  { window, compaction }: { window: number; compaction: CodexProviderSettings['compaction'] },
) {
  emu.requests.length = 0;
  emu.catalog['gpt-5.3-codex']!.context = window;
  emu.callsPerTool = STEPS - 1;
  const codex = createCodex({
    baseURL: emu.baseURL,
    auth: { accessToken: 'bench-token', accountId: 'bench-account' },
    transport,
    compaction,
  });
  // the threshold comes from the catalog's window, as it does for an app that lists models
  await codex.listModels();
  let step = 0;
  const started = performance.now();
  const result = await generateText({
    model: codex('gpt-5.3-codex'),
    system: 'You are a build agent. Run the next step until the build is done.',
    prompt: 'Build the project.',
    tools: {
      runStep: tool({
        description: 'Runs one build step and returns its log',
        inputSchema: z.object({ step: z.string() }),
        execute: async () => toolOutput(++step),
      }),
    },
    stopWhen: stepCountIs(STEPS),
  });
  const wall = performance.now() - started;
  if (result.steps.length !== STEPS) throw new Error(`${result.steps.length} steps`);
  const requests = emu.requests.filter(r => r.path.endsWith('/responses'));
  return {
    peak: Math.max(...result.steps.map(s => s.usage.inputTokens ?? 0)),
    uploaded: requests.reduce((sum, r) => sum + (r.bytes ?? 0), 0),
    compactions: requests.filter(
      r => (r.resolvedBody ?? r.body).input.at(-1)?.type === 'compaction_trigger',
    ).length,
    wall,
  };
}

const emu = await startCodexEmulator();
const kb = (bytes: number) => `${(bytes / 1024).toFixed(0)} KB`;
try {
  console.log(JSON.stringify(await benchEnvironment()));
  console.log(
    `\n${STEPS}-step tool loop, ~1 KB tool output per step; compaction in a ${WINDOW}-token window (threshold 90 %), none in a ${BIG_WINDOW}-token one.\n`,
  );
  console.log(
    '| transport | compaction | peak input tokens | uploaded | compactions | wall time |',
  );
  console.log('|---|---|---:|---:|---:|---:|');
  for (const transport of ['sse', 'websocket'] as const) {
    for (const [name, setup] of [
      ['on', { window: WINDOW, compaction: {} }],
      ['off', { window: BIG_WINDOW, compaction: false }],
    ] as const) {
      const r = await runLoop(emu, transport, setup);
      console.log(
        `| ${transport === 'sse' ? 'HTTP SSE' : 'WebSocket'} | ${name} | ${r.peak} | ${kb(r.uploaded)} | ${r.compactions} | ${r.wall.toFixed(0)} ms |`,
      );
    }
  }
} finally {
  await emu.close();
}
