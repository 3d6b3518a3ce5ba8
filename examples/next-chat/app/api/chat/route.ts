import {
  APICallError,
  convertToModelMessages,
  LoadAPIKeyError,
  stepCountIs,
  streamText,
  tool,
  type UIMessage,
} from 'ai';
import { createCodex, type CodexProviderOptions } from 'ai-sdk-provider-codex';
import { z } from 'zod';

// Uses your `codex login`; set CODEX_BASE_URL (and CODEX_ACCESS_TOKEN) to run against the
// bundled emulator instead.
const codex = createCodex({
  baseURL: process.env.CODEX_BASE_URL || undefined,
  ...(process.env.CODEX_ACCESS_TOKEN ? { auth: { accessToken: process.env.CODEX_ACCESS_TOKEN } } : {}),
  originator: 'next-chat-example',
});

export async function POST(req: Request) {
  const { messages }: { messages: UIMessage[] } = await req.json();
  const result = streamText({
    model: codex(process.env.CODEX_MODEL ?? 'gpt-5.3-codex'),
    system: 'You are a helpful assistant. Use the weather tool for weather questions.',
    messages: convertToModelMessages(messages),
    tools: {
      getWeather: tool({
        description: 'Current weather for a city',
        inputSchema: z.object({ city: z.string() }),
        execute: async ({ city }) => `**Sunny**, 18 °C in ${city}`,
      }),
    },
    stopWhen: stepCountIs(5),
    providerOptions: { codex: { reasoningSummary: 'auto' } satisfies CodexProviderOptions },
  });
  return result.toUIMessageStreamResponse({
    sendReasoning: true,
    // The provider's errors say what to do (sign in again, wait for the usage limit, pick
    // another model) and never hold a token, so the page may show them. Anything else
    // stays on the server.
    onError: error =>
      APICallError.isInstance(error) || LoadAPIKeyError.isInstance(error)
        ? error.message
        : 'Something went wrong on the server; see its log.',
  });
}
