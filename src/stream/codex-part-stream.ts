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
  return new ReadableStream(new PartStreamSource(first, options));
}

class PartStreamSource<
  FinishPart extends { type: 'finish' },
  Warning,
> implements UnderlyingDefaultSource<CodexStreamPart<FinishPart, Warning>> {
  // `#` members: a minifier renames them, never public property names.
  #controller!: ReadableStreamDefaultController<CodexStreamPart<FinishPart, Warning>>;
  /** Where sent parts go: straight to the controller, or through the delta coalescer. */
  #sink!: PartSink<CodexContentPart | FinishPart>;
  #enqueued = 0;
  #committed = false;
  #held: Array<CodexContentPart | FinishPart> = [];
  #retryError: unknown;
  #attempt: Attempt;
  readonly #options: CodexPartStreamOptions<FinishPart, Warning>;

  constructor(first: CodexConnection, options: CodexPartStreamOptions<FinishPart, Warning>) {
    this.#options = options;
    this.#attempt = this.#startAttempt(first);
  }

  start(controller: ReadableStreamDefaultController<CodexStreamPart<FinishPart, Warning>>) {
    this.#controller = controller;
    const enqueue = (part: CodexContentPart | FinishPart) => controller.enqueue(part);
    this.#sink =
      this.#options.coalesceDeltas === false ? directSink(enqueue) : coalescingSink(enqueue);
    controller.enqueue({ type: 'stream-start', warnings: this.#options.warnings });
    for (const part of this.#options.leadingParts ?? []) controller.enqueue(part);
  }

  // A pull that enqueues nothing is not called again, so keep reading until a read
  // yields at least one part or the stream ends.
  async pull() {
    const before = this.#enqueued;
    while (this.#enqueued === before) {
      const ended = await readEvents(this.#attempt, this.#options.idleTimeoutMs);
      this.#sink.flush(); // whatever this read delivered goes out before the next read
      if (this.#retryError !== undefined) {
        if (await this.#retry()) continue;
        this.#sink.flush();
        this.#controller.close();
        return;
      }
      if (ended) {
        this.#attempt.connection.release();
        this.#commitHeld();
        this.#sink.flush();
        this.#controller.close();
        return;
      }
    }
  }

  cancel(reason?: unknown) {
    this.#attempt.connection.release();
    this.#attempt.source.cancel(reason);
  }

  #out(part: CodexContentPart | FinishPart) {
    this.#enqueued++;
    this.#sink.push(part);
  }

  /** Every part of the current attempt passes here: held, dropped for a retry, or sent. */
  readonly #route = (part: CodexContentPart | FinishPart): void => {
    if (this.#committed) return this.#out(part); // the hot path: one check per part
    if (this.#retryError !== undefined) return; // the rest of a failed attempt
    const { retries, holdUntil = 'content' } = this.#options;
    const session = retries?.session;
    if (part.type === 'error' && session?.canRetry(part.error)) {
      this.#retryError = part.error;
      return;
    }
    const shown =
      part.type === 'error' && session != null
        ? { ...part, error: session.finalError(part.error) }
        : part;
    // A finish is held too: the response has ended, which commits what is held.
    const commits = holdUntil === 'content' && !HELD_PARTS.has(part.type);
    if (!commits) {
      this.#held.push(shown);
      return;
    }
    this.#commitHeld();
    this.#out(shown);
  };

  #commitHeld() {
    this.#committed = true;
    for (const p of this.#held) this.#out(p);
    this.#held = [];
  }

  #newState(connection: CodexConnection): CodexStreamState {
    return createCodexStreamState(
      this.#route,
      streamErrors(this.#options.request, connection),
      this.#options,
      parseCodexRateLimits(connection.responseHeaders),
    );
  }

  #startAttempt(connection: CodexConnection): Attempt {
    const state = this.#newState(connection);
    const { includeRawChunks } = this.#options;
    const onEvent = (event: CodexEvent) => {
      if (state.finished) return; // nothing after the terminal event
      if (includeRawChunks) this.#route({ type: 'raw', rawValue: event });
      // a `type` that is no string finds no handler
      const handler = codexEventHandlers.get(event.type);
      if (handler !== undefined) handler(state, event);
    };
    return { connection, state, source: connection.openEvents(onEvent) };
  }

  /** After a retryable failure: true with the next attempt, false once the final error went out. */
  async #retry(): Promise<boolean> {
    const error = this.#retryError;
    const { session, reconnect } = this.#options.retries!;
    this.#retryError = undefined;
    this.#held = [];
    const { connection, source } = this.#attempt;
    connection.abort();
    connection.release();
    source.cancel();
    try {
      await session.backoffOrThrow(error);
      this.#attempt = this.#startAttempt(await reconnect());
      return true;
    } catch (finalError) {
      if (session.callerAborted) throw finalError;
      // the next attempt could not even connect: that error is the answer
      this.#committed = true;
      failResponse(this.#newState(connection), finalError, errorCode(finalError));
      return false;
    }
  }
}

/** Errors of one attempt: the request, and the response headers that attempt got. */
function streamErrors(
  request: { url: string; body: unknown },
  connection: CodexConnection,
): StreamErrorFactory {
  return ({ code, message, data }) =>
    createStreamError({
      code,
      message,
      data,
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
