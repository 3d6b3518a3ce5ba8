import { APICallError } from '@ai-sdk/provider';
import { createStreamError } from '../common/codex-stream-error';
import type { CodexEvent } from '../wire/codex-events';
import type { CodexToolNames } from '../request/codex-tool-names';
import type { CodexConnection, CodexRequestSession } from '../transport/codex-request-session';
import type { CodexEventSource } from '../transport/codex-transport';
import { codexEventHandlers, failResponse } from './codex-event-handlers';
import type { CodexContentPart, CodexFinish } from './codex-stream-part';
import type { CodexStreamPart } from './codex-output-shape';
import { parseCodexRateLimits } from '../common/codex-rate-limits';
import {
  createCodexStreamState,
  type CodexStreamState,
  type StreamErrorFactory,
} from './codex-stream-state';
import { coalescingSink, directSink, type PartSink } from './delta-coalescer';
import { readEvents } from './read-events';

/**
 * Parts that commit nothing: held until content (or the finish) goes out. Every other part
 * (text, reasoning, tool input and calls, an error) is one the caller must never see twice,
 * so once one is out a failure is no longer retried.
 */
const HELD_PARTS: ReadonlySet<string> = new Set([
  'response-metadata',
  'raw',
  'source',
  'tool-result',
  'finish',
]);

export type CodexPartStreamOptions<FinishPart extends { type: 'finish' }, Warning> = {
  warnings: Warning[];
  includeRawChunks: boolean;
  /** The request, which stream errors report (`url`, `requestBodyValues`). */
  request: { url: string; body: unknown };
  generateId: () => string;
  /**
   * Decides retries and makes the next attempt; without it every failure passes straight
   * through.
   */
  retries?: { session: CodexRequestSession; reconnect: () => Promise<CodexConnection> };
  /** `'content'` for streams; `'finish'` for `doGenerate`, which shows nothing before the end. */
  holdUntil?: 'content' | 'finish';
  /** Gives up on a connection that delivers nothing for this long. */
  idleTimeoutMs?: number;
  /** The spec version's `finish` part. */
  finishPart: (finish: CodexFinish) => FinishPart;
  /** The request's tool names for the backend's own tool items (see `prepareCodexTools`). */
  toolNames?: CodexToolNames;
  /**
   * Merge adjacent deltas of one block that arrived in the same network read (default
   * true); see `coalescingSink`.
   */
  coalesceDeltas?: boolean;
  /**
   * Parts of what the call did before this request (a compaction): they go out right after
   * `stream-start`, are never held and never repeated by a retry of the request.
   */
  leadingParts?: CodexContentPart[];
};

type Attempt = { connection: CodexConnection; state: CodexStreamState; source: CodexEventSource };

/**
 * A transport's events → stream parts, in a single pull-based stage: every extra stream
 * stage costs about as much as the parsing itself (docs/performance.md), so event
 * dispatch, holding and retries all happen inside this one.
 *
 * Until the first part the caller may see is out (see `holdUntil`), a retryable failure
 * drops what this attempt produced and starts the next one; after that, failures pass
 * through as `error` parts, so no text or tool call is ever duplicated.
 *
 * The terminal event ends the response even while the server keeps the connection open:
 * we close our side, which releases the connection.
 */
export function createCodexPartStream<FinishPart extends { type: 'finish' }, Warning>(
  first: CodexConnection,
  options: CodexPartStreamOptions<FinishPart, Warning>,
): ReadableStream<CodexStreamPart<FinishPart, Warning>> {
  type Part = CodexContentPart | FinishPart;
  // The stream's state lives in this closure: a minifier renames its variables, where it
  // would keep an object's property names.
  const { retries, holdUntil = 'content', idleTimeoutMs, includeRawChunks } = options;
  let controller!: ReadableStreamDefaultController<CodexStreamPart<FinishPart, Warning>>;
  /** Where sent parts go: straight to the controller, or through the delta coalescer. */
  let sink!: PartSink<Part>;
  let enqueued = 0;
  let committed = false;
  let held: Part[] = [];
  let retryError: unknown;

  const out = (part: Part) => {
    enqueued++;
    sink.push(part);
  };

  const commitHeld = () => {
    committed = true;
    for (const p of held) out(p);
    held = [];
  };

  /** Every part of the current attempt passes here: held, dropped for a retry, or sent. */
  const route = (part: Part): void => {
    if (committed) return out(part); // the hot path: one check per part
    if (retryError !== undefined) return; // the rest of a failed attempt
    const session = retries?.session;
    let shown = part;
    if (part.type === 'error' && session) {
      if (session.canRetry(part.error)) {
        retryError = part.error;
        return;
      }
      shown = { ...part, error: session.finalError(part.error) };
    }
    // A finish is held too: the response has ended, which commits what is held.
    const commits = holdUntil === 'content' && !HELD_PARTS.has(part.type);
    if (!commits) {
      held.push(shown);
      return;
    }
    commitHeld();
    out(shown);
  };

  const newState = (connection: CodexConnection): CodexStreamState =>
    createCodexStreamState(
      route,
      streamErrors(options.request, connection),
      options,
      parseCodexRateLimits(connection.responseHeaders),
    );

  const startAttempt = (connection: CodexConnection): Attempt => {
    const state = newState(connection);
    const onEvent = (event: CodexEvent) => {
      if (state.finished) return; // nothing after the terminal event
      if (includeRawChunks) route({ type: 'raw', rawValue: event });
      // a `type` that is no string finds no handler
      const handler = codexEventHandlers.get(event.type);
      if (handler !== undefined) handler(state, event);
    };
    return { connection, state, source: connection.openEvents(onEvent) };
  };

  let attempt = startAttempt(first);

  /** After a retryable failure: true with the next attempt, false once the final error went out. */
  const retry = async (): Promise<boolean> => {
    const error = retryError;
    const { session, reconnect } = retries!;
    retryError = undefined;
    held = [];
    const { connection, source } = attempt;
    connection.abort();
    connection.release();
    source.cancel();
    try {
      await session.backoffOrThrow(error);
      attempt = startAttempt(await reconnect());
      return true;
    } catch (finalError) {
      if (session.callerAborted) throw finalError;
      // the next attempt could not even connect: that error is the answer
      committed = true;
      failResponse(newState(connection), finalError, errorCode(finalError));
      return false;
    }
  };

  return new ReadableStream({
    start(c) {
      controller = c;
      const enqueue = (part: Part) => c.enqueue(part);
      sink = options.coalesceDeltas === false ? directSink(enqueue) : coalescingSink(enqueue);
      c.enqueue({ type: 'stream-start', warnings: options.warnings });
      for (const part of options.leadingParts ?? []) c.enqueue(part);
    },

    // A pull that enqueues nothing is not called again, so keep reading until a read
    // yields at least one part or the stream ends.
    async pull() {
      const before = enqueued;
      while (enqueued === before) {
        const ended = await readEvents(attempt, idleTimeoutMs);
        sink.flush(); // whatever this read delivered goes out before the next read
        if (retryError !== undefined) {
          if (await retry()) continue;
        } else if (ended) {
          attempt.connection.release();
          commitHeld();
        } else continue;
        // the response is over: its last parts, then the end
        sink.flush();
        controller.close();
        return;
      }
    },

    cancel(reason?: unknown) {
      attempt.connection.release();
      attempt.source.cancel(reason);
    },
  });
}

/** Errors of one attempt: the request, and the response headers that attempt got. */
function streamErrors(
  request: { url: string; body: unknown },
  connection: CodexConnection,
): StreamErrorFactory {
  return error =>
    createStreamError({
      ...error,
      url: request.url,
      requestBodyValues: request.body,
      responseHeaders: connection.responseHeaders,
      secrets: connection.secrets,
    });
}

/** The backend's error code of an HTTP failure, for the raw finish reason. */
function errorCode(error: unknown): string | undefined {
  if (!APICallError.isInstance(error)) return undefined;
  const data = error.data as { error?: { code?: unknown; type?: unknown } } | undefined;
  const code = data?.error?.code ?? data?.error?.type;
  return typeof code === 'string' ? code : undefined;
}
