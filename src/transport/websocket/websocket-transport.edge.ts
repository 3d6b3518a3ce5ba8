import type { createWebSocketTransport as createNodeWebSocketTransport } from './websocket-transport';
import { createPendingWarning } from './with-warning';

// The browser and edge build's WebSocket transport: a browser's WebSocket cannot send the
// credentials, and edge runtimes have no socket that can, so every request goes over HTTP.

export const WEBSOCKET_UNAVAILABLE =
  'The WebSocket transport cannot run here (it needs Node.js, Deno or Bun); this provider uses HTTP (SSE) instead.';

/** HTTP (SSE) for every request; `onFallback` and the first response say why, once. */
export const createWebSocketTransport: typeof createNodeWebSocketTransport = ({
  http,
  onFallback,
}) => {
  let tell = onFallback;
  const notice = createPendingWarning(WEBSOCKET_UNAVAILABLE);
  return {
    send(request) {
      tell?.(WEBSOCKET_UNAVAILABLE);
      tell = undefined;
      return notice.attach(http.send(request));
    },
    fellBack: true,
    close: () => {},
  };
};
