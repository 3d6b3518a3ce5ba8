/**
 * The OpenAI Agents SDK with a Codex model through its AI SDK adapter, `aisdk()`: an agent
 * that calls a tool, reads the result and answers. Against the real backend it uses your
 * `codex login`; against the emulator (`npm run emulator` in the repository), set
 * CODEX_BASE_URL to the URL it prints and CODEX_ACCESS_TOKEN to anything.
 */
import { Agent, run, setTracingDisabled, tool } from '@openai/agents';
import { aisdk } from '@openai/agents-extensions/ai-sdk';
import { createCodex } from 'ai-sdk-provider-codex/v3';
import { z } from 'zod';

// Traces go to the OpenAI platform and need an API key, which a ChatGPT sign-in is not.
setTracingDisabled(true);

const codex = createCodex({
  baseURL: process.env.CODEX_BASE_URL,
  auth: process.env.CODEX_ACCESS_TOKEN
    ? { accessToken: process.env.CODEX_ACCESS_TOKEN }
    : undefined,
  originator: 'agents-sdk-example',
});

const getWeather = tool({
  name: 'getWeather',
  description: 'Current weather for a city',
  parameters: z.object({ city: z.string() }),
  execute: async ({ city }) => `sunny, 18 °C in ${city}`,
});

const agent = new Agent({
  name: 'Weather agent',
  instructions: 'Use the tools to answer. Be brief.',
  model: aisdk(codex(process.env.CODEX_MODEL ?? 'gpt-5.3-codex')),
  tools: [getWeather],
});

const result = await run(agent, 'What is the weather in Paris?');
for (const item of result.newItems) {
  if (item.type === 'tool_call_item' && item.rawItem.type === 'function_call')
    console.log(`tool: ${item.rawItem.name}(${item.rawItem.arguments})`);
}
console.log(result.finalOutput);
