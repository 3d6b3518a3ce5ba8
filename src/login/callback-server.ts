import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { CodexLoginError } from './login-error';

export const CALLBACK_PATH = '/auth/callback';

export type CallbackReply = { status: number; html: string };

export type CallbackServer = {
  port: number;
  redirectUri: string;
  close(): Promise<void>;
};

/**
 * How long a connection may sit without a complete request. A browser sends its request
 * at once; anything slower is a stray or hostile client holding the port.
 */
const IDLE_TIMEOUT_MS = 10_000;

/**
 * The loopback server the issuer redirects the browser to. It listens on 127.0.0.1 only
 * and hands each `GET /auth/callback` to `onCallback`; everything else is a 404. A request
 * whose `Host` is not `localhost` or `127.0.0.1` with our port is refused (421) and told
 * to `onWarning`: a web page whose name was rebound to 127.0.0.1 (DNS rebinding) must not
 * reach the callback. A connection that has not sent its whole request within
 * `idleTimeoutMs` is closed. When `port` is taken and a `fallbackPort` is given (the
 * issuer allows 1455 and 1457), that one is tried next.
 */
export async function startCallbackServer({
  port,
  fallbackPort,
  onCallback,
  onWarning,
  idleTimeoutMs = IDLE_TIMEOUT_MS,
}: {
  port: number;
  fallbackPort?: number;
  onCallback: (params: URLSearchParams) => Promise<CallbackReply>;
  onWarning?: (message: string) => void;
  idleTimeoutMs?: number;
}): Promise<CallbackServer> {
  // Replies still being written: closing waits for them, so the browser gets its page.
  const inFlight = new Set<Promise<void>>();
  const server = createServer(
    {
      // Counted from the connection's start: one that never sends a request is closed too.
      // A reply we are still preparing (a slow token exchange) is not cut short.
      headersTimeout: idleTimeoutMs,
      requestTimeout: idleTimeoutMs,
      // how often the two timeouts above are checked (Node's default is every 30 s)
      connectionsCheckingInterval: Math.max(100, idleTimeoutMs / 4),
    },
    (req, res) => {
      const url = new URL(req.url ?? '/', 'http://localhost');
      const headers = {
        'cache-control': 'no-store',
        connection: 'close',
        // The callback URL holds the code: keep it out of any Referer.
        'referrer-policy': 'no-referrer',
      };
      const plain = (status: number, text: string) => {
        res.writeHead(status, { ...headers, 'content-type': 'text/plain; charset=utf-8' });
        res.end(text);
      };
      if (!isOurHost(req.headers.host, bound)) {
        onWarning?.(
          `Refused a request to the sign-in callback for another host (not localhost:${bound}): possibly a web page trying to reach it (DNS rebinding). Still waiting for the sign-in started here.`,
        );
        return plain(421, 'Misdirected request');
      }
      if (req.method !== 'GET' || url.pathname !== CALLBACK_PATH) return plain(404, 'Not found');
      const written = new Promise<void>(resolve => res.once('close', resolve));
      inFlight.add(written);
      void written.then(() => inFlight.delete(written));
      onCallback(url.searchParams).then(
        ({ status, html }) => {
          res.writeHead(status, {
            ...headers,
            'content-type': 'text/html; charset=utf-8',
            'content-security-policy': "default-src 'none'; style-src 'unsafe-inline'",
          });
          res.end(html);
        },
        () => {
          res.writeHead(500, headers);
          res.end();
        },
      );
    },
  );

  let bound: number;
  try {
    bound = await listen(server, port);
  } catch (error) {
    if (!isAddressInUse(error) || fallbackPort == null) throw portError(error, port);
    try {
      bound = await listen(server, fallbackPort);
    } catch (fallbackError) {
      throw portError(fallbackError, port, fallbackPort);
    }
  }
  return {
    port: bound,
    redirectUri: `http://localhost:${bound}${CALLBACK_PATH}`,
    close: async () => {
      await Promise.all(inFlight);
      await new Promise<void>(resolve => {
        server.close(() => resolve());
        server.closeAllConnections();
      });
    },
  };
}

/** The names the browser reaches us by (the redirect URI's, and the address we listen on). */
function isOurHost(host: string | undefined, port: number): boolean {
  const name = host?.toLowerCase();
  return name === `localhost:${port}` || name === `127.0.0.1:${port}`;
}

function listen(server: Server, port: number): Promise<number> {
  return new Promise((resolve, reject) => {
    const onError = (error: Error) => reject(error);
    server.once('error', onError);
    server.listen(port, '127.0.0.1', () => {
      server.off('error', onError);
      resolve((server.address() as AddressInfo).port);
    });
  });
}

function isAddressInUse(error: unknown): boolean {
  return (error as NodeJS.ErrnoException).code === 'EADDRINUSE';
}

function portError(error: unknown, port: number, fallbackPort?: number): unknown {
  if (!isAddressInUse(error)) return error;
  const ports = fallbackPort != null ? `Ports ${port} and ${fallbackPort} are` : `Port ${port} is`;
  return new CodexLoginError({
    reason: 'port_in_use',
    message: `${ports} already in use on localhost, so the sign-in callback cannot listen there. Another sign-in (\`codex login\`?) may still be running: finish or stop it, or choose another port (\`--port N\`, the \`port\` option).`,
  });
}
