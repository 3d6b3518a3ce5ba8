import type { LanguageModelV2CallWarning, LanguageModelV2StreamPart } from '@ai-sdk/provider';
import { isAbortError } from '@ai-sdk/provider-utils';
import { createParser, type EventSourceMessage } from 'eventsource-parser';
import { codexEventHandlers, finish } from './codex-event-handlers';
import { createCodexStreamState, type StreamErrorFactory } from './codex-stream-state';
import { describeError } from '../describe-error';

/**
 * Codex SSE body → V2 stream parts, in a single stage that pulls from the body reader:
 * decoding, event splitting and JSON parsing happen inside it rather than in
 * `TextDecoderStream` → `EventSourceParserStream` → transform, because every extra stream
 * stage costs about as much as the parsing itself (performance-notes.md).
 *
 * Pulling (rather than `body.pipeThrough(transform)`) also lets the terminal event end
 * the response while the server keeps the body open: we close our side and cancel the
 * body, which releases the connection. (`TransformStreamDefaultController.terminate()`
 * would do that too, but on Node 20 a later `cancel()` of the terminated stream throws.)
 */
export function createCodexPartStream(
  body: ReadableStream<Uint8Array>,
  {
    warnings,
    includeRawChunks,
    createError,
    generateId,
  }: {
    warnings: LanguageModelV2CallWarning[];
    includeRawChunks: boolean;
    createError: StreamErrorFactory;
    generateId: () => string;
  },
): ReadableStream<LanguageModelV2StreamPart> {
  let controller!: ReadableStreamDefaultController<LanguageModelV2StreamPart>;
  let enqueued = 0;
  const enqueue = (part: LanguageModelV2StreamPart) => {
    enqueued++;
    controller.enqueue(part);
  };
  const state = createCodexStreamState({
    emit: enqueue,
    createError,
    generateId,
  });
  const decoder = new TextDecoder();
  const reader = body.getReader();

  function onEvent(message: EventSourceMessage) {
    if (state.finished) return;
    const data = message.data;
    if (data === '[DONE]') return;
    let event: unknown;
    try {
      event = JSON.parse(data);
    } catch {
      return; // the reference client skips unparsable payloads, and so do we
    }
    if (event === null || typeof event !== 'object') return;
    if (includeRawChunks) enqueue({ type: 'raw', rawValue: event });
    const type = (event as { type?: unknown }).type;
    if (typeof type !== 'string') return;
    const handler = codexEventHandlers.get(type);
    if (handler !== undefined) handler(state, event as Record<string, unknown> & { type: string });
  }

  const parser = createParser({ onEvent });

  function endWithError(code: string, message: string, cause?: unknown) {
    state.emit({ type: 'error', error: createError({ code, message, data: cause }) });
    state.finishReason = 'error';
    finish(state);
  }

  return new ReadableStream<LanguageModelV2StreamPart>({
    start(c) {
      controller = c;
      c.enqueue({ type: 'stream-start', warnings });
    },

    // A pull that enqueues nothing is not called again, so keep reading until a chunk
    // yields at least one part or the stream ends.
    async pull(c) {
      const before = enqueued;
      while (enqueued === before) {
        if (await readChunk(c)) return;
      }
    },

    cancel(reason) {
      return reader.cancel(reason);
    },
  });

  /** Reads and processes one body chunk; true once the part stream is closed. */
  async function readChunk(
    c: ReadableStreamDefaultController<LanguageModelV2StreamPart>,
  ): Promise<boolean> {
    let result: ReadableStreamReadResult<Uint8Array>;
    try {
      result = await reader.read();
    } catch (error) {
      // The caller's abort wins: the stream errors with it, as fetch streams do.
      if (isAbortError(error)) throw error;
      endWithError(
        'stream_interrupted',
        `The connection to the Codex backend broke mid-stream: ${describeError(error)}`,
        error,
      );
      c.close();
      return true;
    }

    if (result.done) {
      // A last event without its closing blank line still counts.
      parser.feed(`${decoder.decode()}\n\n`);
      if (!state.finished) {
        endWithError(
          'stream_truncated',
          'The Codex stream ended before the response was complete (no response.completed event); the output may be cut off.',
        );
      }
      c.close();
      return true;
    }

    parser.feed(decoder.decode(result.value, { stream: true }));
    if (state.finished) {
      // The terminal event ends the response, not the end of the body.
      c.close();
      reader.cancel().catch(() => {});
      return true;
    }
    return false;
  }
}
