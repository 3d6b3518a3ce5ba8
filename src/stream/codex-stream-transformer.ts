import type {
  LanguageModelV2CallWarning,
  LanguageModelV2StreamPart,
} from '@ai-sdk/provider';
import { createParser, type EventSourceMessage } from 'eventsource-parser';
import { codexEventHandlers, finish } from './codex-event-handlers';
import { createCodexStreamState, type StreamErrorFactory } from './codex-stream-state';

/**
 * Codex SSE bytes → V2 stream parts, in a single stage: decoding, event splitting and JSON
 * parsing happen inside this transform instead of in `TextDecoderStream` →
 * `EventSourceParserStream` → transform, because every extra stream stage costs about as
 * much as the parsing itself (performance-notes.md).
 */
export function createCodexStreamTransformer({
  warnings,
  includeRawChunks,
  createError,
  generateId,
}: {
  warnings: LanguageModelV2CallWarning[];
  includeRawChunks: boolean;
  createError: StreamErrorFactory;
  generateId: () => string;
}): TransformStream<Uint8Array, LanguageModelV2StreamPart> {
  let controller!: TransformStreamDefaultController<LanguageModelV2StreamPart>;
  const state = createCodexStreamState({
    emit: part => controller.enqueue(part),
    createError,
    generateId,
  });
  const decoder = new TextDecoder();

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
    if (includeRawChunks) controller.enqueue({ type: 'raw', rawValue: event });
    const type = (event as { type?: unknown }).type;
    if (typeof type !== 'string') return;
    const handler = codexEventHandlers.get(type);
    if (handler !== undefined) handler(state, event as Record<string, unknown> & { type: string });
    if (state.finished) {
      // The terminal event ends the response even if the server keeps the body open:
      // closing here cancels the body and releases the connection.
      controller.terminate();
    }
  }

  const parser = createParser({ onEvent });

  return new TransformStream<Uint8Array, LanguageModelV2StreamPart>({
    start(c) {
      controller = c;
      c.enqueue({ type: 'stream-start', warnings });
    },
    transform(chunk) {
      parser.feed(decoder.decode(chunk, { stream: true }));
    },
    flush() {
      const rest = decoder.decode();
      if (rest !== '') parser.feed(rest);
      // A last event without its blank line still counts.
      parser.reset({ consume: true });
      if (state.finished) return;
      state.emit({
        type: 'error',
        error: createError({
          code: 'stream_truncated',
          message:
            'The Codex stream ended before the response was complete (no response.completed event); the output may be cut off.',
          data: undefined,
        }),
      });
      state.finishReason = 'error';
      finish(state);
    },
  });
}
