import {
  createServer as createHttpServer,
  type IncomingMessage,
  type ServerResponse,
} from 'node:http';
import { createServer as createHttpsServer } from 'node:https';
import type { AddressInfo, Socket } from 'node:net';
import type { Duplex } from 'node:stream';
import { brotliDecompressSync, gunzipSync, inflateSync } from 'node:zlib';
import { decompress as zstdDecompress } from 'fzstd';
import { WebSocketServer, type WebSocket } from 'ws';
import { toSSE, type CodexEvent } from '../../test/support/codex-events';
import { modelCatalog } from './model-catalog';

/**
 * A loopback stand-in for chatgpt.com that records every request in full: the HTTP routes
 * the official CLI calls (`wham/accounts/check`, `codex/models`, `codex/responses`), and the
 * WebSocket upgrade on `codex/responses` with its `response.create` frames. Unlike the test
 * emulator it accepts whatever a client sends (it is here to see what clients send, not to
 * judge it) and answers `responses` through a scenario's `answer` function. It listens on
 * plain HTTP and, given a certificate, on HTTPS too (the CLI insists on an https origin),
 * with the same routes and record.
 */

export const BACKEND_PATH = '/backend-api';
export const CODEX_PATH = `${BACKEND_PATH}/codex`;
export const RESPONSES_PATH = `${CODEX_PATH}/responses`;

export type RecordedRequest = {
  /** Order of arrival over the whole recorder (1-based). */
  seq: number;
  listener: 'https' | 'http';
  /** `upgrade`: the WebSocket handshake; `frame`: one client message on a socket. */
  kind: 'http' | 'upgrade' | 'frame';
  method: string;
  path: string;
  query: Record<string, string>;
  /** Lower-cased names; repeated headers joined with ", ". */
  headers: Record<string, string>;
  /** Bytes as they came over the wire (before any Content-Encoding was undone). */
  wireBytes: number;
  /** The body (or frame) as JSON when it parses, else as text; undefined when empty. */
  body: unknown;
  /** Which WebSocket (1-based, in the order they opened) an upgrade or frame belongs to. */
  socket?: number;
  /** What the recorder answered (101 for an accepted upgrade). */
  status?: number;
  /** Headers the recorder answered with, for relating echoes (turn state). */
  answerHeaders?: Record<string, string>;
  /** The id of the response the recorder answered with, for relating `previous_response_id`. */
  responseId?: string;
};

export type Answer =
  | { kind: 'events'; events: CodexEvent[]; headers?: Record<string, string> }
  | { kind: 'json'; status: number; body: unknown; headers?: Record<string, string> };

export type UpgradeAnswer =
  { status: 101; headers?: Record<string, string> } | { status: number; body: unknown };

export type Recorder = {
  /** Set when the recorder was given a certificate (the official CLI needs https). */
  httpsOrigin: string | undefined;
  httpOrigin: string;
  requests: RecordedRequest[];
  /** How `POST …/responses` and each `response.create` frame are answered. */
  answer: (request: RecordedRequest) => Answer;
  /** How a WebSocket upgrade is answered (accepted by default). */
  upgrade: (request: RecordedRequest) => UpgradeAnswer;
  /** The account id `wham/accounts/check` reports. */
  accountId: string;
  /** Forgets the record and closes open sockets: the next scenario starts clean. */
  reset: () => void;
  close: () => Promise<void>;
};

export async function startRecorder({
  tls,
  log,
}: {
  /** The https listener's key and certificate; without them the recorder is plain http only. */
  tls?: { key: string; cert: string };
  log?: (line: string) => void;
}): Promise<Recorder> {
  const requests: RecordedRequest[] = [];
  const sockets = new Set<Socket>();
  const open = new Set<WebSocket>();
  let seq = 0;
  let socketCount = 0;
  const wss = new WebSocketServer({ noServer: true, perMessageDeflate: true });

  const record = (entry: Omit<RecordedRequest, 'seq'>): RecordedRequest => {
    const recorded = { seq: ++seq, ...entry };
    requests.push(recorded);
    log?.(`${entry.listener} ${entry.kind} ${entry.method} ${entry.path}`);
    return recorded;
  };

  const onRequest =
    (listener: 'https' | 'http') => async (req: IncomingMessage, res: ServerResponse) => {
      const raw = await readAll(req);
      const url = new URL(req.url ?? '/', 'http://recorder');
      const request = record({
        listener,
        kind: 'http',
        method: req.method ?? '',
        path: url.pathname,
        query: Object.fromEntries(url.searchParams),
        headers: headersOf(req),
        wireBytes: raw.byteLength,
        body: decodeBody(raw, req.headers['content-encoding']),
      });
      const answer = route(request);
      request.status = answer.kind === 'json' ? answer.status : 200;
      request.answerHeaders = answer.headers;
      if (answer.kind === 'json') {
        res.writeHead(answer.status, { 'content-type': 'application/json', ...answer.headers });
        res.end(JSON.stringify(answer.body));
        return;
      }
      res.writeHead(200, { 'content-type': 'text/event-stream', ...answer.headers });
      res.end(toSSE(answer.events));
    };

  function route(request: RecordedRequest): Answer {
    const { method, path } = request;
    if (method === 'GET' && path === `${BACKEND_PATH}/wham/accounts/check`) {
      return {
        kind: 'json',
        status: 200,
        body: accountsCheck(recorder.accountId, recorder.httpsOrigin ?? recorder.httpOrigin),
      };
    }
    if (method === 'GET' && path === `${CODEX_PATH}/models`) {
      return {
        kind: 'json',
        status: 200,
        body: modelCatalog(),
        headers: { etag: '"parity-catalog"' },
      };
    }
    if (method === 'POST' && path === RESPONSES_PATH) return recorder.answer(request);
    // anything else is recorded and refused, so an unexpected call shows in the record
    return { kind: 'json', status: 404, body: { detail: 'Not Found' } };
  }

  const onUpgrade =
    (listener: 'https' | 'http') => async (req: IncomingMessage, socket: Duplex, head: Buffer) => {
      const url = new URL(req.url ?? '/', 'http://recorder');
      const request = record({
        listener,
        kind: 'upgrade',
        method: req.method ?? 'GET',
        path: url.pathname,
        query: Object.fromEntries(url.searchParams),
        headers: headersOf(req),
        wireBytes: 0,
        body: undefined,
      });
      const reply: UpgradeAnswer =
        url.pathname === RESPONSES_PATH
          ? recorder.upgrade(request)
          : { status: 404, body: { detail: 'Not Found' } };
      request.status = reply.status;
      if (reply.status !== 101) {
        const body = JSON.stringify((reply as { body?: unknown }).body ?? {});
        socket.end(
          [
            `HTTP/1.1 ${reply.status} ${reply.status === 426 ? 'Upgrade Required' : 'Error'}`,
            'content-type: application/json',
            `content-length: ${Buffer.byteLength(body)}`,
            'connection: close',
            '',
            body,
          ].join('\r\n'),
        );
        return;
      }
      const extra = (reply as { headers?: Record<string, string> }).headers ?? {};
      request.answerHeaders = extra;
      const id = ++socketCount;
      request.socket = id;
      const addHeaders = (headers: string[]) => {
        for (const [name, value] of Object.entries(extra)) headers.push(`${name}: ${value}`);
      };
      wss.once('headers', addHeaders);
      wss.handleUpgrade(req, socket, head, ws => {
        open.add(ws);
        ws.on('close', () => open.delete(ws));
        let chain = Promise.resolve();
        ws.on('message', (data, isBinary) => {
          chain = chain.then(() =>
            onFrame(ws, id, listener, request.headers, data as Buffer, isBinary),
          );
        });
      });
    };

  async function onFrame(
    ws: WebSocket,
    socket: number,
    listener: 'https' | 'http',
    headers: Record<string, string>,
    data: Buffer,
    isBinary: boolean,
  ) {
    const request = record({
      listener,
      kind: 'frame',
      method: 'WS',
      path: RESPONSES_PATH,
      query: {},
      headers,
      wireBytes: data.byteLength,
      body: isBinary ? `<binary ${data.byteLength} bytes>` : parseJson(data.toString('utf8')),
      socket,
    });
    const answer = recorder.answer(request);
    request.responseId = responseIdOf(answer);
    if (answer.kind === 'json') {
      request.status = answer.status;
      const body = answer.body as { error?: unknown };
      await send(
        ws,
        JSON.stringify({ type: 'error', status: answer.status, error: body?.error ?? body }),
      );
      return;
    }
    request.status = 200;
    for (const event of answer.events) await send(ws, JSON.stringify(event));
  }

  const https = tls != null ? createHttpsServer(tls, onRequest('https')) : undefined;
  const http = createHttpServer(onRequest('http'));
  const servers = [[http, 'http'] as const, ...(https != null ? [[https, 'https'] as const] : [])];
  for (const [server, name] of servers) {
    server.on('upgrade', onUpgrade(name));
    server.on(name === 'https' ? 'secureConnection' : 'connection', (socket: Socket) => {
      sockets.add(socket);
      socket.on('close', () => sockets.delete(socket));
    });
    await new Promise<void>(resolve => server.listen(0, '127.0.0.1', resolve));
  }
  const port = (server: { address: () => unknown }) => (server.address() as AddressInfo).port;

  const recorder: Recorder = {
    httpsOrigin: https != null ? `https://127.0.0.1:${port(https)}` : undefined,
    httpOrigin: `http://127.0.0.1:${port(http)}`,
    requests,
    answer: () => ({ kind: 'json', status: 500, body: { detail: 'no scenario' } }),
    upgrade: () => ({ status: 101 }),
    accountId: 'account-parity',
    reset: () => {
      requests.length = 0;
      seq = 0;
      socketCount = 0;
      for (const ws of open) ws.terminate();
    },
    close: async () => {
      for (const ws of open) ws.terminate();
      for (const socket of sockets) socket.destroy();
      await Promise.all(servers.map(([server]) => new Promise(resolve => server.close(resolve))));
    },
  };
  return recorder;
}

/** The shape chatgpt.com answers `GET /backend-api/wham/accounts/check` with. */
function accountsCheck(accountId: string, origin: string) {
  return {
    accounts: [
      {
        id: accountId,
        // the CLI routes the workspace's requests to this origin (chatgpt.com's own, live)
        workspace_backend_origin: origin,
        account_routing_override: 'NO_CONSTRAINT',
        account_id: accountId,
        name: null,
        structure: 'personal',
        plan_type: 'plus',
        is_default: true,
        role: 'account-owner',
      },
    ],
    account_ordering: [accountId],
  };
}

function responseIdOf(answer: Answer): string | undefined {
  if (answer.kind !== 'events') return undefined;
  const created = answer.events.find(event => event.type === 'response.created');
  return (created?.response as { id?: string } | undefined)?.id;
}

function headersOf(req: IncomingMessage): Record<string, string> {
  const headers: Record<string, string> = {};
  for (let i = 0; i < req.rawHeaders.length; i += 2) {
    const name = req.rawHeaders[i]!.toLowerCase();
    const value = req.rawHeaders[i + 1]!;
    headers[name] = name in headers ? `${headers[name]}, ${value}` : value;
  }
  return headers;
}

/** Undoes `Content-Encoding` (zstd through fzstd: Node 20's zlib has no zstd), then JSON. */
export function decodeBody(raw: Buffer, encoding: string | undefined): unknown {
  if (raw.byteLength === 0) return undefined;
  let bytes: Buffer = raw;
  for (const coding of (encoding ?? '')
    .split(',')
    .map(c => c.trim().toLowerCase())
    .reverse()) {
    if (coding === '' || coding === 'identity') continue;
    if (coding === 'zstd') bytes = Buffer.from(zstdDecompress(bytes));
    else if (coding === 'gzip' || coding === 'x-gzip') bytes = gunzipSync(bytes);
    else if (coding === 'deflate') bytes = inflateSync(bytes);
    else if (coding === 'br') bytes = brotliDecompressSync(bytes);
    else return `<undecoded ${coding} body, ${raw.byteLength} bytes>`;
  }
  return parseJson(bytes.toString('utf8'));
}

function parseJson(text: string): unknown {
  try {
    return JSON.parse(text);
  } catch {
    return text;
  }
}

function readAll(req: IncomingMessage): Promise<Buffer> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    req.on('data', chunk => chunks.push(chunk));
    req.on('end', () => resolve(Buffer.concat(chunks)));
    req.on('error', reject);
  });
}

function send(ws: WebSocket, text: string): Promise<void> {
  return new Promise(resolve => ws.send(text, () => resolve()));
}
