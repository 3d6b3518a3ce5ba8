import { createParser } from 'eventsource-parser';
import type { CodexEvent } from '../wire/codex-events';
import type { CodexEventSource } from './codex-transport';

/**
 * The largest event read, in characters: as large as a WebSocket message may be. A line
 * that never ends (a hostile or broken server) must not grow the buffer for ever.
 */
const MAX_EVENT_MIB = 32;

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
    maxBufferSize: MAX_EVENT_MIB * 2 ** 20,
    // thrown out of `feed`, it fails the read; a line of an unknown field is only skipped
    onError: ({ type }) => {
      if (type === 'max-buffer-size-exceeded') {
        throw new Error(
          `an event of the Codex stream was larger than ${MAX_EVENT_MIB} MiB, this package's limit`,
        );
      }
    },
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
