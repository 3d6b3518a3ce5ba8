import type { LanguageModelV2CallWarning, LanguageModelV2StreamPart } from '@ai-sdk/provider';
import { isAbortError } from '@ai-sdk/provider-utils';
import { createParser, type EventSourceMessage, type EventSourceParser } from 'eventsource-parser';
import { v2OutputShape, type CodexOutputShape } from './codex-output-shape';
import { parseCodexRateLimits } from './codex-rate-limits';
import { describeError } from '../codex-error';
import type { CodexConnection, CodexRequestSession } from '../transport/codex-request-session';
import { codexEventHandlers, finish } from './codex-event-handlers';
import {
  createCodexStreamState,
  type CodexStreamState,
  type StreamErrorFactory,
} from './codex-stream-state';

/** Parts the caller must never see twice: once one is out, a failure is no longer retried. */
const CONTENT_PARTS: ReadonlySet<string> = new Set([
  'text-start',
  'text-delta',
  'text-end',
  'reasoning-start',
  'reasoning-delta',
  'reasoning-end',
  'tool-input-start',
  'tool-input-delta',
  'tool-input-end',
  'tool-call',
]);

type Attempt = {
  connection: CodexConnection;
  state: CodexStreamState;
  decoder: TextDecoder;
  parser: EventSourceParser;
  reader: ReadableStreamDefaultReader<Uint8Array>;
};

/**
 * Codex SSE body → V2 stream parts, in a single pull-based stage: decoding, event
 * splitting and JSON parsing happen inside it rather than in `TextDecoderStream` →
 * `EventSourceParserStream` → transform, because every extra stream stage costs about
 * as much as the parsing itself (performance-notes.md). Retries live here too, for the
 * same reason: a separate retrying stage would double the per-part cost.
 *
 * Until the first part the caller may see is out (`holdUntil: 'content'` for streams;
 * `'finish'` for `doGenerate`, which shows nothing before the end), a retryable failure
 * drops what this attempt produced and starts the next one; after that, failures pass
 * through as `error` parts, so no text or tool call is ever duplicated.
 *
 * The terminal event ends the response even while the server keeps the body open: we
 * close our side and cancel the body, which releases the connection.
 */
export function createCodexPartStream(
  first: CodexConnection,
  {
    warnings,
    includeRawChunks,
    createError,
    generateId,
    session,
    holdUntil = 'content',
    idleTimeoutMs,
    shape = v2OutputShape,
  }: {
    warnings: LanguageModelV2CallWarning[];
    includeRawChunks: boolean;
    /** Builds stream errors for one connection (its URL and response headers). */
    createError: (connection: CodexConnection) => StreamErrorFactory;
    generateId: () => string;
    /** Decides retries; without it every failure passes straight through. */
    session?: CodexRequestSession;
    holdUntil?: 'content' | 'finish';
    /** Gives up on a body that sends nothing for this long. */
    idleTimeoutMs?: number;
    /** The spec version's `finish` part; V2 by default. */
    shape?: CodexOutputShape;
  },
): ReadableStream<LanguageModelV2StreamPart> {
  let controller!: ReadableStreamDefaultController<LanguageModelV2StreamPart>;
  let enqueued = 0;
  let committed = false;
  let held: LanguageModelV2StreamPart[] = [];
  let retryError: unknown;

  const out = (part: LanguageModelV2StreamPart) => {
    enqueued++;
    controller.enqueue(part);
  };

  function route(part: LanguageModelV2StreamPart) {
    if (committed) return out(part); // the hot path: one check per part
    if (retryError !== undefined) return; // the rest of a failed attempt
    if (part.type === 'error' && session?.canRetry(part.error)) {
      retryError = part.error;
      return;
    }
    const shown: LanguageModelV2StreamPart =
      part.type === 'error' && session != null
        ? { ...part, error: session.finalError(part.error) }
        : part;
    const commits =
      part.type === 'finish' ||
      (holdUntil === 'content' && (part.type === 'error' || CONTENT_PARTS.has(part.type)));
    if (!commits) {
      held.push(shown);
      return;
    }
    committed = true;
    for (const p of held) out(p);
    held = [];
    out(shown);
  }

  function startAttempt(connection: CodexConnection): Attempt {
    const state = createCodexStreamState({
      emit: route,
      createError: createError(connection),
      generateId,
      rateLimits: parseCodexRateLimits(connection.responseHeaders),
      finishPart: shape.finishPart,
    });
    const onEvent = (message: EventSourceMessage) => {
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
      if (includeRawChunks) route({ type: 'raw', rawValue: event });
      const type = (event as { type?: unknown }).type;
      if (typeof type !== 'string') return;
      const handler = codexEventHandlers.get(type);
      if (handler !== undefined)
        handler(state, event as Record<string, unknown> & { type: string });
    };
    return {
      connection,
      state,
      decoder: new TextDecoder(),
      parser: createParser({ onEvent }),
      reader: connection.body.getReader(),
    };
  }

  let attempt = startAttempt(first);

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
        const ended = await readChunk(attempt);
        if (retryError !== undefined) {
          const error = retryError;
          retryError = undefined;
          held = [];
          endAttempt(attempt);
          try {
            await session!.backoffOrThrow(error);
            attempt = startAttempt(await session!.connect());
          } catch (finalError) {
            if (session!.callerAborted) throw finalError;
            // the next attempt could not even connect: that error is the answer
            committed = true;
            out({ type: 'error', error: finalError });
            out(
              shape.finishPart({
                unified: 'error',
                raw: 'error',
                usage: undefined,
                providerMetadata: { codex: { responseId: null } },
              }),
            );
            c.close();
            return;
          }
          continue;
        }
        if (ended) {
          attempt.connection.release();
          for (const p of held) out(p);
          held = [];
          c.close();
          return;
        }
      }
    },

    cancel(reason) {
      attempt.connection.release();
      return attempt.reader.cancel(reason);
    },
  });

  function endAttempt({ connection, reader }: Attempt) {
    connection.abort();
    connection.release();
    reader.cancel().catch(() => {});
  }

  /** Reads and processes one body chunk; true once this attempt's response is over. */
  async function readChunk({
    state,
    reader,
    decoder,
    parser,
    connection,
  }: Attempt): Promise<boolean> {
    const fail = (code: string, message: string, cause?: unknown) => {
      state.emit({ type: 'error', error: state.createError({ code, message, data: cause }) });
      state.finishReason = 'error';
      finish(state);
      return true;
    };

    let result: ReadableStreamReadResult<Uint8Array>;
    let timedOut = false;
    const timer =
      idleTimeoutMs != null
        ? setTimeout(() => {
            timedOut = true;
            connection.abort();
            reader.cancel().catch(() => {});
          }, idleTimeoutMs)
        : undefined;
    try {
      result = await reader.read();
    } catch (error) {
      if (timedOut) return fail('stream_idle_timeout', idleMessage(idleTimeoutMs!), error);
      // The caller's abort wins: the stream errors with it, as fetch streams do.
      if (isAbortError(error)) throw error;
      return fail(
        'stream_interrupted',
        `The connection to the Codex backend broke mid-stream: ${describeError(error)}`,
        error,
      );
    } finally {
      clearTimeout(timer);
    }
    if (timedOut) return fail('stream_idle_timeout', idleMessage(idleTimeoutMs!));

    if (result.done) {
      // A last event without its closing blank line still counts.
      parser.feed(`${decoder.decode()}\n\n`);
      if (state.finished) return true;
      return fail(
        'stream_truncated',
        'The Codex stream ended before the response was complete (no response.completed event); the output may be cut off.',
      );
    }

    parser.feed(decoder.decode(result.value, { stream: true }));
    if (state.finished) {
      // The terminal event ends the response, not the end of the body.
      reader.cancel().catch(() => {});
      return true;
    }
    return false;
  }
}

function idleMessage(ms: number): string {
  return `The Codex stream timed out: no data for ${ms / 1000} s (streamIdleTimeoutMs); the request was aborted.`;
}
