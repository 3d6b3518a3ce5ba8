import { convertToModelMessages, streamText, type UIMessage } from 'ai';
import { createCodex } from 'ai-sdk-provider-codex';

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
    system: 'You are a helpful assistant.',
    messages: convertToModelMessages(messages),
    providerOptions: { codex: { reasoningSummary: 'auto' } },
  });
  return result.toUIMessageStreamResponse({ sendReasoning: true });
}
