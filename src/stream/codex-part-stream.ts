import { APICallError } from '@ai-sdk/provider';
import type { CodexEvent } from '../codex-responses-api';
import type { CodexConnection, CodexRequestSession } from '../transport/codex-request-session';
import type { CodexEventSource } from '../transport/codex-transport';
import { codexEventHandlers, failResponse } from './codex-event-handlers';
import type { CodexContentPart, CodexFinish, CodexStreamPart } from './codex-output-shape';
import { parseCodexRateLimits } from './codex-rate-limits';
import {
  createCodexStreamState,
  type CodexStreamState,
  type StreamErrorFactory,
} from './codex-stream-state';
import { readEvents } from './read-events';

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

export type CodexPartStreamOptions<FinishPart extends { type: 'finish' }, Warning> = {
  warnings: Warning[];
  includeRawChunks: boolean;
  /** Builds stream errors for one connection (its URL and response headers). */
  createError: (connection: CodexConnection) => StreamErrorFactory;
  generateId: () => string;
  /** Decides retries; without it every failure passes straight through. */
  session?: CodexRequestSession;
  /** `'content'` for streams; `'finish'` for `doGenerate`, which shows nothing before the end. */
  holdUntil?: 'content' | 'finish';
  /** Gives up on a connection that delivers nothing for this long. */
  idleTimeoutMs?: number;
  /** The spec version's `finish` part. */
  finishPart: (finish: CodexFinish) => FinishPart;
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
  const { session, holdUntil = 'content' } = options;
  type Part = CodexContentPart | FinishPart;
  let controller!: ReadableStreamDefaultController<CodexStreamPart<FinishPart, Warning>>;
  let enqueued = 0;
  let committed = false;
  let held: Part[] = [];
  let retryError: unknown;

  const out = (part: Part) => {
    enqueued++;
    controller.enqueue(part);
  };

  function route(part: Part) {
    if (committed) return out(part); // the hot path: one check per part
    if (retryError !== undefined) return; // the rest of a failed attempt
    if (part.type === 'error' && session?.canRetry(part.error)) {
      retryError = part.error;
      return;
    }
    const shown: Part =
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
    commitHeld();
    out(shown);
  }

  function commitHeld() {
    committed = true;
    for (const p of held) out(p);
    held = [];
  }

  function newState(connection: CodexConnection): CodexStreamState {
    return createCodexStreamState({
      emit: route,
      createError: options.createError(connection),
      generateId: options.generateId,
      rateLimits: parseCodexRateLimits(connection.responseHeaders),
      finishPart: options.finishPart,
    });
  }

  function startAttempt(connection: CodexConnection): Attempt {
    const state = newState(connection);
    const onEvent = (event: CodexEvent) => {
      if (state.finished) return; // nothing after the terminal event
      if (options.includeRawChunks) route({ type: 'raw', rawValue: event });
      const type = event.type;
      if (typeof type !== 'string') return;
      const handler = codexEventHandlers.get(type);
      if (handler !== undefined) handler(state, event);
    };
    return { connection, state, source: connection.openEvents(onEvent) };
  }

  function endAttempt({ connection, source }: Attempt) {
    connection.abort();
    connection.release();
    source.cancel();
  }

  /** After a retryable failure: the next attempt, or false once the final error went out. */
  async function retry(): Promise<boolean> {
    const error = retryError;
    retryError = undefined;
    held = [];
    endAttempt(attempt);
    try {
      await session!.backoffOrThrow(error);
      attempt = startAttempt(await session!.connect());
      return true;
    } catch (finalError) {
      if (session!.callerAborted) throw finalError;
      // the next attempt could not even connect: that error is the answer
      committed = true;
      failResponse(newState(attempt.connection), finalError, errorCode(finalError));
      return false;
    }
  }

  let attempt = startAttempt(first);

  return new ReadableStream<CodexStreamPart<FinishPart, Warning>>({
    start(c) {
      controller = c;
      c.enqueue({ type: 'stream-start', warnings: options.warnings });
    },

    // A pull that enqueues nothing is not called again, so keep reading until a read
    // yields at least one part or the stream ends.
    async pull(c) {
      const before = enqueued;
      while (enqueued === before) {
        const ended = await readEvents(attempt, options.idleTimeoutMs);
        if (retryError !== undefined) {
          if (await retry()) continue;
          c.close();
          return;
        }
        if (ended) {
          attempt.connection.release();
          commitHeld();
          c.close();
          return;
        }
      }
    },

    cancel(reason) {
      attempt.connection.release();
      attempt.source.cancel(reason);
    },
  });
}

/** The backend's error code of an HTTP failure, for the raw finish reason. */
function errorCode(error: unknown): string | undefined {
  if (!APICallError.isInstance(error)) return undefined;
  const data = error.data as { error?: { code?: unknown; type?: unknown } } | undefined;
  const code = data?.error?.code ?? data?.error?.type;
  return typeof code === 'string' ? code : undefined;
}
