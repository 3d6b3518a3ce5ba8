/**
 * Child process for the WebSocket exit test: a two-step tool loop over `transport:
 * 'websocket'`, then `done <time> <steps>`. The parent measures how long the process
 * takes to exit after that line: an idle socket must not keep it alive.
 */
import { generateText, stepCountIs, tool } from 'ai';
import { z } from 'zod/v4';
import { createCodex } from '../../src';

const codex = createCodex({
  baseURL: process.env.BASE_URL!,
  auth: { accessToken: 'at-SECRET-child' },
  transport: 'websocket',
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
