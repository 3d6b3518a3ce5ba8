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
 * The loopback server the issuer redirects the browser to. It listens on 127.0.0.1 only
 * and hands each `GET /auth/callback` to `onCallback`; everything else is a 404. When
 * `port` is taken and a `fallbackPort` is given (the issuer allows 1455 and 1457), that
 * one is tried next.
 */
export async function startCallbackServer({
  port,
  fallbackPort,
  onCallback,
}: {
  port: number;
  fallbackPort?: number;
  onCallback: (params: URLSearchParams) => Promise<CallbackReply>;
}): Promise<CallbackServer> {
  // Replies still being written: closing waits for them, so the browser gets its page.
  const inFlight = new Set<Promise<void>>();
  const server = createServer((req, res) => {
    const url = new URL(req.url ?? '/', 'http://localhost');
    const headers = {
      'cache-control': 'no-store',
      connection: 'close',
      // The callback URL holds the code: keep it out of any Referer.
      'referrer-policy': 'no-referrer',
    };
    if (req.method !== 'GET' || url.pathname !== CALLBACK_PATH) {
      res.writeHead(404, { ...headers, 'content-type': 'text/plain; charset=utf-8' });
      res.end('Not found');
      return;
    }
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
  });

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
