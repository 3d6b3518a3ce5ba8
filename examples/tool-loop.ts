import { generateText, stepCountIs, tool } from 'ai';
import { z } from 'zod';
import { codex, MODEL } from './codex';

const result = await generateText({
  model: codex(MODEL),
  system: 'Use the tools to answer. Be brief.',
  prompt: 'What is the weather in Paris, and what time is it there?',
  tools: {
    getWeather: tool({
      description: 'Current weather for a city',
      inputSchema: z.object({ city: z.string() }),
      execute: async ({ city }) => ({ city, temperatureC: 18, sky: 'sunny' }),
    }),
    getTime: tool({
      description: 'Current local time in a city',
      inputSchema: z.object({ city: z.string() }),
      execute: async ({ city }) => ({ city, time: '14:05' }),
    }),
  },
  stopWhen: stepCountIs(5),
});

for (const [i, step] of result.steps.entries()) {
  for (const call of step.toolCalls)
    console.log(`step ${i + 1}: ${call.toolName}(${JSON.stringify(call.input)})`);
}
console.log(result.text);
console.log(`steps: ${result.steps.length}`);
