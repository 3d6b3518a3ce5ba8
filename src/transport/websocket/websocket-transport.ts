import { APICallError } from '@ai-sdk/provider';
import { copyAPICallError } from '../../common/copy-api-call-error';
import { describeError } from '../../common/describe-error';
import type { CodexEvent } from '../../wire/codex-events';
import type { CodexInputItem, CodexRequestBody } from '../../wire/codex-request-body';
import type {
  CodexResponseStream,
  CodexTransport,
  CodexTransportRequest,
} from '../codex-transport';
import type { CodexSocket } from './codex-socket';
import { assertSendableHeaders } from '../../common/header-checks';
import { CodexSocketPool } from './codex-socket-pool';
import { CodexSocketResponse, type CodexSocketOutcome } from './codex-socket-response';
import { getIncrementalInput, type CodexIncrementalInput } from './get-incremental-input';
import {
  CONNECTION_LIMIT_CODE,
  errorFrameCode,
  errorFrameToAPICallError,
  isMessageTooBig,
  isWrappedErrorFrame,
  PREVIOUS_RESPONSE_NOT_FOUND_CODE,
  socketFailure,
} from './websocket-errors';
import { createUpgradeHeaders, toWebSocketUrl } from './upgrade-request';
import { createPendingWarning, withWarning } from './with-warning';
import {
  loadRuntimeSocketOpener,
  openSocket,
  SOCKET_COOL_DOWN_MS,
  type SocketOpener,
} from './open-socket';

export type WebSocketTransport = CodexTransport & {
  /** Whether a refused upgrade switched this transport to HTTP for good. */
  readonly fellBack: boolean;
  /** Closes the idle sockets (busy ones close when their response ends). */
  close(): void;
};

export type WebSocketTransportOptions = {
  /** Where requests go when no socket can take them. */
  http: CodexTransport;
  /**
   * A response's output items as the caller's next prompt will hold them (see
   * `outputItemsAsInput` of the stream stage), `undefined` when that cannot be told: only a
   * next request that extends the previous input by exactly these items chains on the socket.
   */
  replayOutput: (outputItems: readonly unknown[]) => CodexInputItem[] | undefined;
  /**
   * Told once, when the transport switches to HTTP for good; the response of that request
   * also carries the message as a warning.
   */
  onFallback?: (message: string) => void;
  /** How long an unused socket stays open. */
  idleTimeoutMs?: number;
  /**
   * A socket that accepted a request but says nothing for this long is given up (the
   * stream idle timeout, which applies from the first event on); unset: no limit.
   */
  firstEventTimeoutMs?: number;
  loadSocketOpener?: () => Promise<SocketOpener>;
};

/**
 * Responses over WebSockets: one socket per conversation turn at a time, reused across
 * turns, so that a turn continuing the previous one sends `previous_response_id` and only
 * its new items. Failures map to what the HTTP transport would have given, so the retry,
 * auth-renewal and part-stream layers above treat both alike:
 * - an upgrade refused with 401 rejects with that 401 (credentials are renewed above);
 * - a 426 (or another 4xx), or a runtime where no socket can run, moves this transport to
 *   `http` for the rest of its life (`onFallback` once), and the request goes out over HTTP;
 * - a 5xx, 408 or 429, a network failure or a timeout of the upgrade is transient: the
 *   request goes over HTTP, as do the others for `SOCKET_COOL_DOWN_MS`, then a socket is
 *   tried again;
 * - a socket that breaks before the response starts rejects with a retryable error, and
 *   the retry opens a fresh socket, which sends the full input; one closed with 1009
 *   (message too big) sends that request over HTTP instead;
 * - `websocket_connection_limit_reached` (sockets live at most 60 minutes) and
 *   `previous_response_not_found` are answered here: a fresh socket or the full input;
 * - error frames with a status become the `APICallError` of that HTTP status.
 */
export function createWebSocketTransport({
  http,
  replayOutput,
  onFallback,
  idleTimeoutMs,
  firstEventTimeoutMs,
  loadSocketOpener = loadRuntimeSocketOpener,
}: WebSocketTransportOptions): WebSocketTransport {
  const pool = new CodexSocketPool(idleTimeoutMs);
  let fellBack = false;
  let httpUntil = 0;
  let opener: Promise<SocketOpener> | undefined;
  const tooBigForSocket = new WeakSet<CodexRequestBody>();
  const notice = createPendingWarning();
  const overHttp = (request: CodexTransportRequest) => notice.attach(http.send(request));

  /** For good: the request, and every later one, goes over HTTP; the caller hears it once. */
  function fallBack(request: CodexTransportRequest, message: string): Promise<CodexResponseStream> {
    if (!fellBack) {
      fellBack = true;
      pool.closeAll();
      notice.set(message);
      onFallback?.(message);
    }
    return overHttp(request);
  }

  const context: SocketSendContext = {
    pool,
    replayOutput,
    firstEventTimeoutMs,
    tooBigForSocket,
    loadSocketOpener: () => (opener ??= loadSocketOpener()),
    fallBack,
    detour: async (request, message, coolDown) => {
      if (coolDown) httpUntil = Date.now() + SOCKET_COOL_DOWN_MS;
      return withWarning(await http.send(request), message);
    },
  };
  return {
    send: async request =>
      fellBack || Date.now() < httpUntil || tooBigForSocket.has(request.body)
        ? overHttp(request)
        : sendOverSocket(context, request),
    get fellBack() {
      return fellBack;
    },
    close: () => pool.closeAll(),
  };
}

/** What a request sent over a socket needs of its transport. */
type SocketSendContext = {
  pool: CodexSocketPool;
  replayOutput: WebSocketTransportOptions['replayOutput'];
  firstEventTimeoutMs: number | undefined;
  /** Requests a socket closed on with 1009 (message too big): they go over HTTP. */
  tooBigForSocket: WeakSet<CodexRequestBody>;
  /** How sockets are opened here, found once per transport. */
  loadSocketOpener: () => Promise<SocketOpener>;
  fallBack: (request: CodexTransportRequest, message: string) => Promise<CodexResponseStream>;
  /** This request over HTTP, saying why; with `coolDown`, the next ones too for a while. */
  detour: (
    request: CodexTransportRequest,
    message: string,
    coolDown: boolean,
  ) => Promise<CodexResponseStream>;
};

async function sendOverSocket(
  context: SocketSendContext,
  request: CodexTransportRequest,
): Promise<CodexResponseStream> {
  const { pool } = context;
  const { body, signal } = request;
  const url = toWebSocketUrl(request.url);
  const headers = createUpgradeHeaders(request.headers);
  assertSendableHeaders(headers);
  const key = socketKey(body, headers);
  // a close reason or an error frame is the server's text, and may quote what it was sent
  const secrets = [headers.authorization];
  const failure = { url, requestBodyValues: body, secrets };
  let freshSocket = false;

  for (let attempt = 0; ; attempt++) {
    const socket =
      (freshSocket ? undefined : pool.take(key, body)) ??
      (await openSocket(context.loadSocketOpener, { url, headers, signal }));
    if ('httpFor' in socket) {
      return socket.httpFor === 'good'
        ? context.fallBack(request, socket.message)
        : context.detour(request, socket.message, true);
    }

    const increment: CodexIncrementalInput | undefined = getIncrementalInput(socket.turn, body);
    socket.turn = undefined;
    const response = new CodexSocketResponse(socket, signal, outcome =>
      finishTurn(context, key, socket, body, outcome),
    );
    response.start(responseCreateFrame(body, increment));

    let first: CodexEvent;
    try {
      first = await firstEvent(response, context.firstEventTimeoutMs, signal, failure);
    } catch (error) {
      if (!isMessageTooBig(error)) throw error;
      return context.detour(
        request,
        `${describeError(error)}; the request was sent again over HTTP (SSE).`,
        false,
      );
    }

    if (!isWrappedErrorFrame(first)) {
      return {
        responseHeaders: socket.responseHeaders,
        openEvents: onEvent => response.openEvents(onEvent),
        secrets,
      };
    }
    const code = errorFrameCode(first);
    if (code === CONNECTION_LIMIT_CODE) {
      // the socket reached its age limit: the same request on a new socket (so in full)
      response.settle(false);
      if (attempt < 2) {
        freshSocket = true;
        continue;
      }
    } else if (code === PREVIOUS_RESPONSE_NOT_FOUND_CODE && increment != null) {
      // the socket lost the response we built on, and forgets it too (its turn was cleared
      // above and this outcome has none): the retry takes it back and sends the full input
      response.settle(true);
      continue;
    } else {
      response.settle(true);
    }
    const error = await errorFrameToAPICallError(first, failure);
    throw code === CONNECTION_LIMIT_CODE ? retryable(error) : error;
  }
}

/** The response's first event; a socket that breaks before it fails retryably. */
async function firstEvent(
  response: CodexSocketResponse,
  timeoutMs: number | undefined,
  signal: AbortSignal,
  failure: { url: string; requestBodyValues: unknown; secrets: ReadonlyArray<string | undefined> },
): Promise<CodexEvent> {
  try {
    return await response.firstEvent(timeoutMs);
  } catch (error) {
    if (signal.aborted) throw signal.reason;
    throw socketFailure({
      ...failure,
      message: 'The Codex WebSocket closed before the response started',
      cause: error,
    });
  }
}

/**
 * A socket is authenticated once, at the upgrade: it serves one conversation and one set
 * of credentials. Other headers (user agent, the caller's) go with the upgrade only.
 */
function socketKey(body: CodexRequestBody, headers: Record<string, string>): string {
  // `join` writes a missing part as ''
  return [body.prompt_cache_key, headers.authorization, headers['chatgpt-account-id']].join('\n');
}

function responseCreateFrame(
  body: CodexRequestBody,
  increment: CodexIncrementalInput | undefined,
): string {
  return JSON.stringify({
    type: 'response.create',
    ...body,
    ...(increment != null && {
      previous_response_id: increment.previousResponseId,
      input: increment.input,
    }),
  });
}

/** A socket whose response ended goes back to the pool, remembering a completed turn. */
function finishTurn(
  { pool, replayOutput, tooBigForSocket }: SocketSendContext,
  key: string,
  socket: CodexSocket,
  request: CodexRequestBody,
  outcome: CodexSocketOutcome,
): void {
  // a retry of this request (before the caller saw content) goes over HTTP
  if (isMessageTooBig(outcome.failure)) tooBigForSocket.add(request);
  if (!outcome.reusable || !socket.isOpen) return socket.close('response abandoned');
  socket.turn =
    outcome.completed != null
      ? {
          request,
          responseId: outcome.completed.responseId,
          replayedOutput: replayOutput(outcome.completed.outputItems),
        }
      : undefined;
  pool.release(key, socket);
}

function retryable(error: APICallError): APICallError {
  return copyAPICallError(error, { isRetryable: true });
}
