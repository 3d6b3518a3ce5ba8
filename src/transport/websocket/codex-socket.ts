import type { CodexSocketTurn } from './get-incremental-input';
import { messageTooBig, socketClosed, socketFailure } from './websocket-errors';

// Runtime-neutral: the socket over whichever WebSocket the runtime has (undici's on Node
// and Deno, Bun's own), loaded with `import()` by the openers of this folder.

/** The largest message taken from the backend; a larger one closes the socket (1009). */
export const MAX_MESSAGE_BYTES = 32 * 1024 * 1024;

/** How long an upgrade may take before the attempt counts as a connection failure. */
export const CONNECT_TIMEOUT_MS = 15_000;

/** What the transport needs of a WebSocket: the standard interface (undici's, Bun's). */
export type WebSocketLike = Pick<
  WebSocket,
  'binaryType' | 'readyState' | 'close' | 'addEventListener' | 'removeEventListener'
> & { send(data: string): void };

/** The TCP socket under a WebSocket, where the runtime hands it out (Node: undici's). */
export type RawSocket = { ref?: () => unknown; unref?: () => unknown };

/** What the upgrade left behind. */
export type SocketHandshake = {
  /** The upgrade answer's headers (request id, rate limits); empty where the runtime hides them. */
  headers: Record<string, string>;
  raw?: RawSocket;
  /** The code of a close frame the WebSocket sent on its own (undici's 1009 over the limit). */
  sentCloseCode?: number;
};

/** Frames and the end of one socket, for whoever currently reads it. */
export type CodexSocketListener = {
  onMessage(text: string): void;
  onClose(error: Error): void;
};

const OPEN = 1;

/**
 * One open Responses WebSocket. It carries one response at a time, and remembers the last
 * completed turn so that the next request on it can be sent as an increment.
 */
export class CodexSocket {
  readonly openedAt = Date.now();
  /** The last completed turn on this socket; cleared while a response is in flight. */
  turn: CodexSocketTurn | undefined;
  /** The upgrade response's headers (request id, rate limits). */
  readonly responseHeaders: Record<string, string>;
  private listener: CodexSocketListener | undefined;
  private closedBy: Error | undefined;

  constructor(
    private readonly ws: WebSocketLike,
    private readonly handshake: SocketHandshake,
  ) {
    this.responseHeaders = handshake.headers;
    // a binary frame arrives as an ArrayBuffer (the default, a Blob, cannot be read in step)
    ws.binaryType = 'arraybuffer';
    ws.addEventListener('message', (event: MessageEvent<string | ArrayBuffer>) => {
      const data = event.data;
      // undici stops at the limit itself; Bun's WebSocket only at 128 MiB (and a page may not
      // send 1009 itself: only 1000 and 3000–4999)
      if ((typeof data === 'string' ? data.length : data.byteLength) > MAX_MESSAGE_BYTES) {
        this.closedBy ??= messageTooBig(MAX_MESSAGE_BYTES);
        return this.ws.close(1000, 'message too big');
      }
      this.listener?.onMessage(typeof data === 'string' ? data : new TextDecoder().decode(data));
    });
    // undici's error event carries no message: the close event says all there is
    ws.addEventListener('close', (event: CloseEvent) => {
      // undici answers a server's close with the same code: only a 1009 it sent without
      // hearing one (the close event then says 1006) is its own, over the limit
      this.closedBy ??=
        this.handshake.sentCloseCode === 1009 && event.code === 1006
          ? messageTooBig(MAX_MESSAGE_BYTES)
          : socketClosed(event.code, event.reason);
      this.listener?.onClose(this.closedBy);
    });
  }

  get isOpen(): boolean {
    return this.ws.readyState === OPEN;
  }

  /**
   * Whether an idle socket lets the process exit. Bun's WebSocket cannot be unref'd: the
   * pool closes its idle sockets soon, or a script would wait for them.
   */
  get canIdle(): boolean {
    return this.handshake.raw?.unref != null;
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
    this.handshake.raw?.unref?.();
  }

  /**
   * An idle socket does not keep the process alive (an agent's tool may run for minutes
   * between turns, and a script must still exit once it is done); a busy one does.
   */
  setIdle(idle: boolean): void {
    if (idle) this.handshake.raw?.unref?.();
    else this.handshake.raw?.ref?.();
  }
}

/**
 * Resolves with the socket once `ws` is open. A failed upgrade rejects with what `failure`
 * makes of it (the runtime's way to tell why), a timeout with a retryable error, an abort
 * with the signal's reason.
 */
export function awaitOpen(
  ws: WebSocketLike,
  handshake: SocketHandshake,
  {
    url,
    signal,
    failure,
  }: {
    url: string;
    signal: AbortSignal | undefined;
    failure: () => Error;
  },
): Promise<CodexSocket> {
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
    const onOpen = () => settle(undefined, new CodexSocket(ws, handshake));
    const onClose = () => settle(failure());
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
    // a failed upgrade fires error, then close
    ws.addEventListener('close', onClose);
    signal?.addEventListener('abort', onAbort);
  });
}
