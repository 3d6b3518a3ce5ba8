import { awaitOpen, type CodexSocket, type SocketHandshake } from './codex-socket';
import { socketFailure, socketUnavailable, upgradeRefused } from './websocket-errors';

// Bun: its own `WebSocket`, which sends the handshake headers given as `{ headers }` (its
// `undici` is a shim that cannot carry ours). Loaded with `import()` by the transport.

/**
 * Opens a socket with the runtime's `WebSocket`. It tells a refused upgrade's status only in
 * its error message ("Expected 101 status code: 426") and hides the answer's headers; it
 * cannot be unref'd (see `CodexSocket.canIdle`).
 */
export async function openRuntimeSocket({
  url,
  headers,
  signal,
}: {
  url: string;
  headers: Record<string, string>;
  signal?: AbortSignal;
}): Promise<CodexSocket> {
  signal?.throwIfAborted();
  const RuntimeWebSocket = (globalThis as { WebSocket?: new (...args: unknown[]) => WebSocket })
    .WebSocket;
  let ws: WebSocket;
  try {
    // No permessage-deflate: Bun's WebSocket has no message-size setting of its own but its
    // 128 MiB cap, and a compression bomb of a few hundred KB inflates to that (+334 MiB).
    ws = new RuntimeWebSocket!(url, { headers, perMessageDeflate: false });
  } catch (error) {
    throw socketUnavailable(error);
  }
  let reported: string | undefined;
  ws.addEventListener('error', (event: Event) => {
    reported = (event as ErrorEvent).message;
  });
  const handshake: SocketHandshake = { headers: {} };
  return awaitOpen(ws, handshake, {
    url,
    signal,
    failure: () => {
      const status = /status code:? (\d{3})\b/i.exec(reported ?? '')?.[1];
      if (status != null) {
        return upgradeRefused({ url, status: Number(status), responseHeaders: {} });
      }
      return socketFailure({
        url,
        message: `Cannot open a WebSocket to ${url}`,
        cause: reported != null ? new Error(reported) : undefined,
        secrets: Object.values(headers),
      });
    },
  });
}
