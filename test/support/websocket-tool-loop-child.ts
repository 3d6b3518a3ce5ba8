/**
 * Child process for the WebSocket process-lifetime tests: a two-step tool loop over
 * `transport: 'websocket'`, then `done <time> <steps>`.
 * - The exit test measures how long the process takes to exit after that line: an idle
 *   socket must not keep it alive.
 * - The busy-socket test sets `STREAM_IDLE_TIMEOUT_MS=0` (the stream idle timeout off), so
 *   that while a step waits for its answer the socket is the only thing that can keep the
 *   process alive.
 */
import { generateText, stepCountIs, tool } from 'ai';
import { z } from 'zod/v4';
import { createCodex } from '../../src';

const idleTimeout = process.env.STREAM_IDLE_TIMEOUT_MS;
const codex = createCodex({
  baseURL: process.env.BASE_URL!,
  auth: { accessToken: 'at-SECRET-child' },
  transport: 'websocket',
  ...(idleTimeout != null && { streamIdleTimeoutMs: Number(idleTimeout) }),
});
const result = await generateText({
  model: codex('gpt-5.3-codex'),
  prompt: 'Weather in Paris?',
  tools: {
    getWeather: tool({
      description: 'Weather for a city',
      inputSchema: z.object({ city: z.string() }),
      execute: async ({ city }) => `sunny in ${city}`,
    }),
  },
  stopWhen: stepCountIs(4),
});
console.log(`done ${Date.now()} ${result.steps.length}`);
