/**
 * Child process for the busy-socket test: a two-step tool loop over `transport:
 * 'websocket'` with the stream idle timeout off, so that while a step waits for its answer
 * the socket is the only thing that can keep the process alive. Prints `done <steps>`.
 */
import { generateText, stepCountIs, tool } from 'ai';
import { z } from 'zod/v4';
import { createCodex } from '../../src';

const codex = createCodex({
  baseURL: process.env.BASE_URL!,
  auth: { accessToken: 'at-SECRET-child' },
  transport: 'websocket',
  streamIdleTimeoutMs: 0,
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
console.log(`done ${result.steps.length}`);
