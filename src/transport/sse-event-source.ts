import { createParser } from 'eventsource-parser';
import type { CodexEvent } from '../wire/codex-events';
import type { CodexEventSource } from './codex-transport';

/**
 * An SSE body → parsed events, one body chunk per `read()`. Decoding, splitting and
 * `JSON.parse` run inline rather than as `TextDecoderStream` → `EventSourceParserStream`
 * stages: each extra stream stage costs about as much as the parsing itself
 * (docs/performance.md).
 */
export function createSseEventSource(
  body: ReadableStream<Uint8Array>,
  onEvent: (event: CodexEvent) => void,
): CodexEventSource {
  const reader = body.getReader();
  const decoder = new TextDecoder();
  const parser = createParser({
    onEvent: ({ data }) => {
      let event: unknown;
      try {
        event = JSON.parse(data);
      } catch {
        // not JSON (as `[DONE]`): skipped below, as the reference client skips it
      }
      if (event !== null && typeof event === 'object') onEvent(event as CodexEvent);
    },
  });
  return {
    async read() {
      const result = await reader.read();
      if (result.done) {
        // a last event without its closing blank line still counts
        parser.feed(`${decoder.decode()}\n\n`);
        return 'end';
      }
      parser.feed(decoder.decode(result.value, { stream: true }));
      return 'more';
    },
    cancel(reason) {
      reader.cancel(reason).catch(() => {});
    },
  };
}
