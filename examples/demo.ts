/**
 * `npm run demo`: starts the bundled Codex emulator on 127.0.0.1 and runs a streamed
 * agent turn against it — reasoning summary, a tool call, the tool result and the final
 * answer — with no account and no network. `npm run demo -- --websocket` runs it over the
 * WebSocket transport, where the second step sends only what is new.
 */
import { stepCountIs, streamText, tool } from 'ai';
import { z } from 'zod/v4';
import { createCodex } from '../src';
import { startCodexEmulator } from '../test/support/codex-emulator';

const websocket = process.argv.includes('--websocket');
const emulator = await startCodexEmulator();
console.log(
  `Codex emulator listening at ${emulator.baseURL} (${websocket ? 'WebSocket' : 'HTTP SSE'})\n`,
);

const codex = createCodex({
  baseURL: emulator.baseURL,
  auth: { accessToken: 'demo-token', accountId: 'demo-account' },
  transport: websocket ? 'websocket' : 'sse',
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
  if (websocket) {
    const frames = emulator.requests.filter(r => r.transport === 'websocket');
    for (const [i, frame] of frames.entries()) {
      const full = Buffer.byteLength(JSON.stringify(frame.resolvedBody));
      const how = frame.body.previous_response_id
        ? `previous_response_id ${frame.body.previous_response_id} + ${frame.body.input.length} new item(s)`
        : `full input, ${frame.body.input.length} item(s)`;
      console.log(
        `  frame ${i + 1} on socket ${frame.socket}: ${how}; ${frame.bytes} bytes (full: ${full})`,
      );
    }
  }
} finally {
  await emulator.close();
}
