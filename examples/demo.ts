/**
 * `npm run demo`: starts the bundled Codex emulator on 127.0.0.1 and runs a streamed
 * agent turn against it — reasoning summary, a tool call, the tool result and the final
 * answer — with no account and no network.
 */
import { stepCountIs, streamText, tool } from 'ai';
import { z } from 'zod/v4';
import { createCodex } from '../src';
import { startCodexEmulator } from '../test/support/codex-emulator';

const emulator = await startCodexEmulator();
console.log(`Codex emulator listening at ${emulator.baseURL}\n`);

const codex = createCodex({
  baseURL: emulator.baseURL,
  auth: { accessToken: 'demo-token', accountId: 'demo-account' },
});

try {
  const result = streamText({
    model: codex('gpt-5.3-codex'),
    system: 'You are a concise weather assistant.',
    prompt: 'What is the weather in Paris?',
    tools: {
      getWeather: tool({
        description: 'Current weather for a city',
        inputSchema: z.object({ city: z.string() }),
        execute: async ({ city }) => `18 °C and sunny in ${city}`,
      }),
    },
    stopWhen: stepCountIs(3),
    providerOptions: { codex: { reasoningEffort: 'medium', reasoningSummary: 'auto' } },
  });

  for await (const part of result.fullStream) {
    switch (part.type) {
      case 'start-step':
        console.log('── step ──');
        break;
      case 'reasoning-start':
        process.stdout.write('[reasoning] ');
        break;
      case 'reasoning-delta':
        process.stdout.write(part.text);
        break;
      case 'reasoning-end':
      case 'text-end':
        process.stdout.write('\n');
        break;
      case 'text-start':
        process.stdout.write('[text] ');
        break;
      case 'text-delta':
        process.stdout.write(part.text);
        break;
      case 'tool-call':
        console.log(`[tool call] ${part.toolName}(${JSON.stringify(part.input)})`);
        break;
      case 'tool-result':
        console.log(`[tool result] ${JSON.stringify(part.output)}`);
        break;
      case 'finish-step':
        console.log(`[finish] ${part.finishReason}, ${part.usage.totalTokens} tokens`);
        break;
      case 'error':
        console.error('[error]', part.error);
        process.exitCode = 1;
        break;
    }
  }
  console.log(`\nRequests the emulator saw: ${emulator.requests.length}`);
} finally {
  await emulator.close();
}
