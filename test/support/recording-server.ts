import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';

/**
 * A loopback server that records every request and answers with `handler` (200 `{}` by
 * default): a stand-in for "some other origin", e.g. where a redirect points.
 */
export type RecordingServer = {
  url: string;
  /** Each request, with when it arrived (`Date.now()`). */
  hits: Array<{
    method: string;
    url: string;
    headers: IncomingMessage['headers'];
    body: string;
    at: number;
  }>;
  close: () => Promise<void>;
};

export async function startRecordingServer(
  handler: (req: IncomingMessage, res: ServerResponse) => void = (_, res) => {
    res.writeHead(200, { 'content-type': 'application/json' });
    res.end('{}');
  },
): Promise<RecordingServer> {
  const hits: RecordingServer['hits'] = [];
  const server = createServer((req, res) => {
    const at = Date.now();
    const chunks: Buffer[] = [];
    req.on('data', chunk => chunks.push(chunk));
    req.on('end', () => {
      hits.push({
        method: req.method ?? '',
        url: req.url ?? '',
        headers: req.headers,
        body: Buffer.concat(chunks).toString('utf8'),
        at,
      });
      handler(req, res);
    });
  });
  await new Promise<void>(resolve => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}`,
    hits,
    close: () =>
      new Promise<void>(resolve => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}
