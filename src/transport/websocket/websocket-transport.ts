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
import { loadUndici } from '../load-undici';
import { assertSendableHeaders } from '../../common/header-checks';
import { CodexSocketPool } from './codex-socket-pool';
import { CodexSocketResponse, type CodexSocketOutcome } from './codex-socket-response';
import { getIncrementalInput, type CodexIncrementalInput } from './get-incremental-input';
import {
  CONNECTION_LIMIT_CODE,
  errorFrameCode,
  errorFrameToAPICallError,
  isRefusedUpgrade,
  isWrappedErrorFrame,
  PREVIOUS_RESPONSE_NOT_FOUND_CODE,
  socketFailure,
} from './websocket-errors';
import { createUpgradeHeaders, toWebSocketUrl } from './upgrade-request';

type SocketModule = typeof import('./codex-socket');

export type WebSocketTransport = CodexTransport & {
  /** Whether a refused upgrade switched this transport to HTTP for good. */
  readonly fellBack: boolean;
  /** Closes the idle sockets (busy ones close when their response ends). */
  close(): void;
};

type WebSocketTransportOptions = {
  /** Where requests go after a refused upgrade. */
  http: CodexTransport;
  /**
   * A response's output items as the caller's next prompt will hold them (see
   * `outputItemsAsInput` of the stream stage), `undefined` when that cannot be told: only a
   * next request that extends the previous input by exactly these items chains on the socket.
   */
  replayOutput: (outputItems: readonly unknown[]) => CodexInputItem[] | undefined;
  /**
   * Told once, when a refused upgrade switches the transport to HTTP; the response of that
   * request also carries the message as a warning.
   */
  onFallback?: (message: string) => void;
  /** How long an unused socket stays open. */
  idleTimeoutMs?: number;
  /**
   * A socket that accepted a request but says nothing for this long is given up (the
   * stream idle timeout, which applies from the first event on); unset: no limit.
   */
  firstEventTimeoutMs?: number;
  loadSocketModule?: () => Promise<SocketModule>;
};

/**
 * Responses over WebSockets: one socket per conversation turn at a time, reused across
 * turns, so that a turn continuing the previous one sends `previous_response_id` and only
 * its new items. Failures map to what the HTTP transport would have given, so the retry,
 * auth-renewal and part-stream layers above treat both alike:
 * - an upgrade refused with 401 rejects with that 401 (credentials are renewed above);
 *   any other refusal moves this transport to `http` for the rest of its life (`onFallback`
 *   once), and the request goes out over HTTP;
 * - a socket that breaks before the response starts rejects with a retryable error, and
 *   the retry opens a fresh socket, which sends the full input;
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
  // undici too, so that a runtime without it falls back to HTTP here
  loadSocketModule = () =>
    Promise.all([import('./codex-socket'), loadUndici()]).then(([module]) => module),
}: WebSocketTransportOptions): WebSocketTransport {
  const pool = new CodexSocketPool(idleTimeoutMs);
  let fellBack = false;
  let sockets: Promise<SocketModule> | undefined;

  /** For good: the request, and every later one, goes over HTTP; the caller hears it once. */
  async function fallBack(
    request: CodexTransportRequest,
    message: string,
  ): Promise<CodexResponseStream> {
    const first = !fellBack;
    fellBack = true;
    if (first) {
      pool.closeAll();
      onFallback?.(message);
    }
    const response = await http.send(request);
    if (!first) return response;
    return { ...response, warnings: [...(response.warnings ?? []), { type: 'other', message }] };
  }

  const context: SocketSendContext = {
    pool,
    replayOutput,
    firstEventTimeoutMs,
    loadSocketModule: () => (sockets ??= loadSocketModule()),
    fallBack,
  };
  return {
    send: async request => (fellBack ? http.send(request) : sendOverSocket(context, request)),
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
  /** The socket module, loaded once per transport. */
  loadSocketModule: () => Promise<SocketModule>;
  fallBack: (request: CodexTransportRequest, message: string) => Promise<CodexResponseStream>;
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
  let freshSocket = false;

  for (let attempt = 0; ; attempt++) {
    const socket =
      (freshSocket ? undefined : pool.take(key, body)) ??
      (await openSocket(context.loadSocketModule, { url, headers, signal }));
    if (typeof socket === 'string') return context.fallBack(request, socket);

    const increment: CodexIncrementalInput | undefined = getIncrementalInput(socket.turn, body);
    socket.turn = undefined;
    const response = new CodexSocketResponse(socket, signal, outcome =>
      finishTurn(context, key, socket, body, outcome),
    );
    response.start(responseCreateFrame(body, increment));

    const first = await firstEvent(response, context.firstEventTimeoutMs, { url, body, signal });

    if (!isWrappedErrorFrame(first)) {
      return {
        responseHeaders: socket.responseHeaders,
        openEvents: onEvent => response.openEvents(onEvent),
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
    const error = await errorFrameToAPICallError(first, {
      url,
      requestBodyValues: body,
      secrets: [headers.authorization],
    });
    throw code === CONNECTION_LIMIT_CODE ? retryable(error) : error;
  }
}

/** The response's first event; a socket that breaks before it fails retryably. */
async function firstEvent(
  response: CodexSocketResponse,
  timeoutMs: number | undefined,
  { url, body, signal }: { url: string; body: CodexRequestBody; signal: AbortSignal },
): Promise<CodexEvent> {
  try {
    return await response.firstEvent(timeoutMs);
  } catch (error) {
    if (signal.aborted) throw signal.reason;
    throw socketFailure({
      url,
      message: 'The Codex WebSocket closed before the response started',
      cause: error,
      requestBodyValues: body,
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

/** A new socket, or (a string) why this transport falls back to HTTP instead. */
async function openSocket(
  loadSocketModule: () => Promise<SocketModule>,
  options: { url: string; headers: Record<string, string>; signal: AbortSignal },
): Promise<CodexSocket | string> {
  let openCodexSocket: SocketModule['openCodexSocket'];
  try {
    ({ openCodexSocket } = await loadSocketModule());
  } catch (error) {
    return `The WebSocket transport cannot run here (${describeError(error)}; it needs Node.js ≥ 20.18); this provider uses HTTP (SSE) instead.`;
  }
  try {
    return await openCodexSocket(options);
  } catch (error) {
    if (!isRefusedUpgrade(error) || error.statusCode === 401) throw error;
    return `The Codex backend refused the WebSocket upgrade (HTTP ${error.statusCode}); this provider uses HTTP (SSE) from now on.`;
  }
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
  { pool, replayOutput }: SocketSendContext,
  key: string,
  socket: CodexSocket,
  request: CodexRequestBody,
  outcome: CodexSocketOutcome,
): void {
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
