// A WebSocket transport sending to the emulator, the request bodies of a conversation, and
// readers of what it answers: what the transport tests (reuse, retries, sockets) share.
import type { CodexEvent } from '../../src/wire/codex-events';
import type { CodexInputItem, CodexRequestBody } from '../../src/wire/codex-request-body';
import type { CodexResponseStream, CodexTransport } from '../../src/transport/codex-transport';
import { outputItemsAsInput } from '../../src/stream/output-items-as-input';
import { createWebSocketTransport } from '../../src/transport/websocket/websocket-transport';
import type { CodexEmulator } from './codex-emulator';

export const user = (text: string): CodexInputItem => ({
  type: 'message',
  role: 'user',
  content: [{ type: 'input_text', text }],
});

/** A request of conversation `key` with `input`, as the provider builds it. */
export function requestBody(input: CodexInputItem[], key = 'conv-1'): CodexRequestBody {
  return {
    model: 'gpt-5.3-codex',
    instructions: 'Be brief.',
    input,
    parallel_tool_calls: false,
    reasoning: { summary: 'auto' },
    store: false,
    stream: true,
    include: ['reasoning.encrypted_content'],
    prompt_cache_key: key,
  };
}

/** The HTTP side of a transport that must stay on the socket. */
export const noHttp: CodexTransport = {
  send: () => Promise.reject(new Error('HTTP must not be used')),
};

type TransportOptions = Partial<Parameters<typeof createWebSocketTransport>[0]>;

/**
 * A transport (over `noHttp` unless told) whose fallback messages land in `warnings`, and a
 * `send` of a body to the emulator's /responses with `headers`.
 */
export function transportToEmulator(
  emu: CodexEmulator,
  {
    headers = { authorization: 'Bearer tok' },
    ...options
  }: TransportOptions & { headers?: Record<string, string> } = {},
) {
  const warnings: string[] = [];
  const transport = createWebSocketTransport({
    replayOutput: outputItemsAsInput,
    http: noHttp,
    onFallback: m => warnings.push(m),
    ...options,
  });
  const send = (body: CodexRequestBody, signal = new AbortController().signal) =>
    transport.send({ url: `${emu.baseURL}/responses`, headers, body, signal });
  return { transport, send, warnings };
}

export async function readAll(stream: CodexResponseStream): Promise<CodexEvent[]> {
  const events: CodexEvent[] = [];
  const source = stream.openEvents(e => events.push(e));
  while ((await source.read()) === 'more');
  return events;
}

/** The replay of the emulator's default answer to a plain prompt: reasoning and a message. */
export function replayOf(events: CodexEvent[]): CodexInputItem[] {
  return events
    .filter(e => e.type === 'response.output_item.done')
    .map(e => e.item as any)
    .map(item =>
      item.type === 'reasoning'
        ? { type: 'reasoning', summary: item.summary, encrypted_content: item.encrypted_content }
        : {
            type: 'message',
            role: 'assistant',
            content: [{ type: 'output_text', text: item.content[0].text }],
            ...(item.phase != null && { phase: item.phase }),
          },
    );
}
