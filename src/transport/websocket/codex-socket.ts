import type { Dispatcher, WebSocket } from 'undici';
import type { CodexSocketTurn } from './get-incremental-input';
import { envProxyDispatcher } from '../default-fetch';
import { loadUndici } from '../load-undici';
import { redirectError } from '../../common/redirect-error';
import { recordUpgradeAnswer, type UpgradeAnswer, type RawSocket } from './record-upgrade-answer';
import { handshakeError, socketFailure } from './websocket-errors';

// Node-only (undici): loaded with `import()` by the WebSocket transport, so the package's
// entry points stay free of it; undici itself comes through `loadUndici()`, which bundlers
// leave alone.

/** Frames and the end of one socket, for whoever currently reads it. */
export type CodexSocketListener = {
  onMessage(text: string): void;
  onClose(error: Error): void;
};

/** How long an upgrade may take before the attempt counts as a connection failure. */
const CONNECT_TIMEOUT_MS = 15_000;

/**
 * One open Responses WebSocket. It carries one response at a time, and remembers the last
 * completed turn so that the next request on it can be sent as an increment.
 */
export class CodexSocket {
  readonly openedAt = Date.now();
  /** The last completed turn on this socket; cleared while a response is in flight. */
  turn: CodexSocketTurn | undefined;
  private listener: CodexSocketListener | undefined;
  private closedBy: Error | undefined;

  constructor(
    private readonly ws: WebSocket,
    private readonly raw: RawSocket | undefined,
    /** The upgrade response's headers (request id, rate limits). */
    readonly responseHeaders: Record<string, string>,
  ) {
    // a binary frame arrives as an ArrayBuffer (the default, a Blob, cannot be read in step)
    ws.binaryType = 'arraybuffer';
    ws.addEventListener('message', event => {
      if (typeof event.data === 'string') this.listener?.onMessage(event.data);
      else this.listener?.onMessage(new TextDecoder().decode(event.data as ArrayBuffer));
    });
    // undici's error event carries no message: the close event says all there is
    ws.addEventListener('close', event => {
      const why = [`code ${event.code}`, event.reason].filter(Boolean).join(', ');
      this.closedBy ??= new Error(`The Codex WebSocket closed (${why})`);
      this.listener?.onClose(this.closedBy);
    });
  }

  get isOpen(): boolean {
    return this.ws.readyState === this.ws.OPEN;
  }

  listen(listener: CodexSocketListener | undefined): void {
    this.listener = listener;
  }

  send(text: string): void {
    this.ws.send(text);
  }

  close(reason = 'done'): void {
    this.closedBy ??= new Error(`The Codex WebSocket was closed by the client (${reason})`);
    this.listener = undefined;
    // a close frame carries at most 123 bytes of reason (40 UTF-16 units are at most 120), and
    // undici throws on a longer one, leaving the socket open
    this.ws.close(1000, reason.slice(0, 40));
    // a socket we gave up on must not keep the process alive while the close completes
    this.raw?.unref?.();
  }

  /**
   * An idle socket does not keep the process alive (an agent's tool may run for minutes
   * between turns, and a script must still exit once it is done); a busy one does.
   */
  setIdle(idle: boolean): void {
    if (idle) this.raw?.unref?.();
    else this.raw?.ref?.();
  }
}

/**
 * Opens a socket. A non-101 answer rejects with an `APICallError` carrying its status (401
 * renews credentials, anything else means the backend wants HTTP); a network failure or a
 * timeout rejects with a retryable one; an abort with the signal's reason.
 */
export async function openCodexSocket({
  url,
  headers,
  signal,
  dispatcher,
}: {
  url: string;
  headers: Record<string, string>;
  signal?: AbortSignal;
  dispatcher?: Dispatcher;
}): Promise<CodexSocket> {
  signal?.throwIfAborted();
  const undici = await loadUndici();
  dispatcher ??= (await envProxyDispatcher()) ?? undici.getGlobalDispatcher();
  signal?.throwIfAborted();
  const handshake: UpgradeAnswer = { headers: {} };
  const ws = new undici.WebSocket(url, {
    headers,
    dispatcher: recordUpgradeAnswer(dispatcher, handshake),
  });
  return new Promise<CodexSocket>((resolve, reject) => {
    // settles once: it removes every listener that could call it again
    const settle = (error: unknown, socket?: CodexSocket) => {
      clearTimeout(timer);
      signal?.removeEventListener('abort', onAbort);
      ws.removeEventListener('open', onOpen);
      ws.removeEventListener('close', onClose);
      if (socket != null) return resolve(socket);
      try {
        ws.close();
      } catch {
        // never opened
      }
      handshake.raw?.unref?.();
      reject(error);
    };
    const onOpen = () => settle(undefined, new CodexSocket(ws, handshake.raw, handshake.headers));
    const onClose = () => settle(upgradeFailure(url, headers, handshake));
    const onAbort = () => settle(signal!.reason);
    const timer = setTimeout(
      () =>
        settle(
          socketFailure({
            url,
            message: `The WebSocket upgrade at ${url} took longer than ${CONNECT_TIMEOUT_MS / 1000} s`,
          }),
        ),
      CONNECT_TIMEOUT_MS,
    );
    ws.addEventListener('open', onOpen);
    // a failed upgrade fires error, then close; neither event says why (the dispatcher does)
    ws.addEventListener('close', onClose);
    signal?.addEventListener('abort', onAbort);
  });
}

/** Why an upgrade failed: refused (with the answer's status), redirected, or never answered. */
function upgradeFailure(
  url: string,
  headers: Record<string, string>,
  handshake: UpgradeAnswer,
): Error {
  const status = handshake.status;
  if (status != null && status !== 101) {
    // a redirect is never followed (it would carry the token along), nor taken for "use HTTP"
    const redirect =
      status >= 300 && status < 400
        ? redirectError(
            new Response(null, { status, headers: handshake.headers }),
            url,
            undefined,
            'the Codex backend',
            'baseURL',
          )
        : undefined;
    return redirect ?? handshakeError({ url, status, responseHeaders: handshake.headers });
  }
  return socketFailure({
    url,
    message: `Cannot open a WebSocket to ${url}`,
    // after a 101, undici's own abort of the request is no cause worth naming
    cause: status == null ? handshake.error : undefined,
    secrets: Object.values(headers),
  });
}
