import { readFileSync } from 'node:fs';
import { createServer, request, type IncomingMessage, type ServerResponse } from 'node:http';
import { createServer as createTlsServer } from 'node:https';
import { connect, type AddressInfo, type Socket } from 'node:net';

/**
 * A forward proxy on 127.0.0.1 as company networks run them: `CONNECT host:port` tunnels
 * (what clients send for https targets) and absolute-URI requests (what some send for
 * http targets). It records each request it relays.
 */
export type MockProxy = {
  url: string;
  requests: Array<{ method: 'CONNECT' | string; target: string }>;
  close: () => Promise<void>;
};

export async function startMockProxy(): Promise<MockProxy> {
  const sockets = new Set<Socket>();
  const requests: MockProxy['requests'] = [];
  const server = createServer((req: IncomingMessage, res: ServerResponse) => {
    // absolute-URI form: `GET http://host:port/path HTTP/1.1`
    requests.push({ method: req.method!, target: req.url! });
    const target = new URL(req.url!);
    const upstream = request(
      target,
      { method: req.method, headers: { ...req.headers, host: target.host } },
      answer => {
        res.writeHead(answer.statusCode!, answer.headers);
        answer.pipe(res);
      },
    );
    upstream.on('error', () => res.destroy());
    req.pipe(upstream);
  });
  server.on('connect', (req: IncomingMessage, client: Socket, head: Buffer) => {
    requests.push({ method: 'CONNECT', target: req.url! });
    const [host, port] = req.url!.split(':');
    const upstream = connect(Number(port), host!, () => {
      client.write('HTTP/1.1 200 Connection Established\r\n\r\n');
      upstream.write(head);
      upstream.pipe(client);
      client.pipe(upstream);
    });
    for (const s of [client, upstream]) {
      sockets.add(s);
      s.on('close', () => sockets.delete(s));
      s.on('error', () => {
        client.destroy();
        upstream.destroy();
      });
    }
  });
  server.on('connection', s => {
    sockets.add(s);
    s.on('close', () => sockets.delete(s));
  });
  await new Promise<void>(resolve => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}`,
    requests,
    close: () =>
      new Promise(resolve => {
        for (const s of sockets) s.destroy();
        server.close(() => resolve());
      }),
  };
}

/**
 * An https origin on 127.0.0.1 in front of an http test server, so that clients reach it
 * the way they reach chatgpt.com: through a `CONNECT` tunnel, then TLS. Its certificate
 * (test/fixtures/tls) is trusted only where `NODE_EXTRA_CA_CERTS` names it.
 */
export async function startTlsFront(
  targetBaseURL: string,
): Promise<{ baseURL: string; close: () => Promise<void> }> {
  const fixture = (name: string) =>
    readFileSync(new URL(`../fixtures/tls/${name}`, import.meta.url));
  const target = new URL(targetBaseURL);
  const server = createTlsServer(
    { key: fixture('loopback-key.pem'), cert: fixture('loopback-cert.pem') },
    (req, res) => {
      const upstream = request(
        { host: target.hostname, port: target.port, path: req.url, method: req.method },
        answer => {
          res.writeHead(answer.statusCode!, answer.headers);
          answer.pipe(res);
        },
      );
      for (const [name, value] of Object.entries(req.headers)) {
        if (name !== 'host' && value != null) upstream.setHeader(name, value);
      }
      upstream.on('error', () => res.destroy());
      req.pipe(upstream);
    },
  );
  await new Promise<void>(resolve => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    baseURL: `https://127.0.0.1:${port}${target.pathname.replace(/\/$/, '')}`,
    close: () =>
      new Promise(resolve => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}

/** The fixture CA, for `NODE_EXTRA_CA_CERTS`. */
export const TLS_FIXTURE_CERT = new URL('../fixtures/tls/loopback-cert.pem', import.meta.url)
  .pathname;
