/**
 * A Mastra agent on a Codex model, with a tool. Against the real backend it uses your
 * `codex login`; against the emulator (`npm run emulator` in the repository), set
 * CODEX_BASE_URL to the URL it prints and CODEX_ACCESS_TOKEN to anything.
 */
import { Agent } from '@mastra/core/agent';
import { createTool } from '@mastra/core/tools';
import { createCodex } from 'ai-sdk-provider-codex';
import { z } from 'zod';

const codex = createCodex({
  baseURL: process.env.CODEX_BASE_URL,
  auth: process.env.CODEX_ACCESS_TOKEN
    ? { accessToken: process.env.CODEX_ACCESS_TOKEN }
    : undefined,
  originator: 'mastra-example',
});

const getWeather = createTool({
  id: 'getWeather',
  description: 'Current weather for a city',
  inputSchema: z.object({ city: z.string() }),
  execute: async ({ city }) => `sunny, 18 °C in ${city}`,
});

const agent = new Agent({
  id: 'weather-agent',
  name: 'Weather agent',
  instructions: 'Use the tools to answer. Be brief.',
  model: codex(process.env.CODEX_MODEL ?? 'gpt-5.3-codex'),
  tools: { getWeather },
});

const result = await agent.generate('What is the weather in Paris?', { maxSteps: 5 });
for (const call of result.toolCalls)
  console.log(`tool: ${call.payload.toolName}(${JSON.stringify(call.payload.args)})`);
console.log(result.text);
