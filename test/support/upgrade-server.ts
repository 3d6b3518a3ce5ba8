import { createHash } from 'node:crypto';
import { createServer, type IncomingMessage, type Server } from 'node:http';
import type { Duplex } from 'node:stream';
import type { Dispatcher } from 'undici';
import { afterEach, expect, vi } from 'vitest';
import { WebSocketServer, type WebSocket as ServerSocket } from 'ws';
import type { CodexSocket } from '../../src/transport/websocket/codex-socket';

// Bare upgrade servers on 127.0.0.1 whose answers each test picks, for the tests of one
// socket (src/transport/websocket/): every server and connection goes at the end of a test.

export type OnUpgrade = (req: IncomingMessage, socket: Duplex, head: Buffer) => void;

const servers: Server[] = [];
const connections = new Set<Duplex>();
afterEach(async () => {
  vi.useRealTimers();
  for (const socket of connections) socket.destroy();
  connections.clear();
  await Promise.all(servers.splice(0).map(s => new Promise(r => s.close(r))));
});

export async function startServer(onUpgrade: OnUpgrade): Promise<string> {
  const server = createServer((_, res) => res.end());
  server.on('connection', socket => connections.add(socket));
  server.on('upgrade', onUpgrade);
  servers.push(server);
  await new Promise<void>(r => server.listen(0, '127.0.0.1', r));
  return `ws://127.0.0.1:${(server.address() as { port: number }).port}/responses`;
}

/** The URL of a server that was just closed: nothing answers there (ECONNREFUSED). */
export async function refusingURL(): Promise<string> {
  const url = await startServer(() => {});
  await new Promise(r => servers.pop()!.close(r));
  return url;
}

/** A server that accepts every upgrade (with `extraHeaders`) and hands the socket over. */
export async function acceptingServer(extraHeaders: string[] = []) {
  const wss = new WebSocketServer({ noServer: true });
  wss.on('headers', headers => headers.push(...extraHeaders));
  const sockets: ServerSocket[] = [];
  let onSocket: (ws: ServerSocket) => void = ws => sockets.push(ws);
  const url = await startServer((req, socket, head) =>
    wss.handleUpgrade(req, socket, head, ws => onSocket(ws)),
  );
  const nextServerSocket = () =>
    sockets.length > 0
      ? Promise.resolve(sockets.shift()!)
      : new Promise<ServerSocket>(
          r => (onSocket = ws => ((onSocket = s => sockets.push(s)), r(ws))),
        );
  return { url, nextServerSocket };
}

/** Answers the upgrade by hand: `101` with a correct accept key unless told otherwise. */
export function answerUpgrade(req: IncomingMessage, socket: Duplex, { validKey = true } = {}) {
  const key = req.headers['sec-websocket-key'];
  const accept = createHash('sha1')
    .update(validKey ? `${key}258EAFA5-E914-47DA-95CA-C5AB0DC85B11` : 'wrong')
    .digest('base64');
  socket.write(
    'HTTP/1.1 101 Switching Protocols\r\nUpgrade: websocket\r\nConnection: Upgrade\r\n' +
      `Sec-WebSocket-Accept: ${accept}\r\n\r\n`,
  );
}

/** A server that never answers an upgrade: it tells when one came, and when its client hung up. */
export async function silentServer() {
  let requested!: () => void;
  const upgradeSeen = new Promise<void>(r => (requested = r));
  let hungUp!: () => void;
  const dropped = new Promise<void>(r => (hungUp = r));
  const url = await startServer((_, socket) => {
    socket.once('end', () => hungUp());
    requested();
  });
  return { url, upgradeSeen, dropped };
}

export function refuse(socket: Duplex, status: number, headers: string[] = []) {
  socket.end([`HTTP/1.1 ${status} Nope`, 'content-length: 0', ...headers, '', ''].join('\r\n'));
}

export function listenTo(socket: CodexSocket) {
  const messages: string[] = [];
  const closed = new Promise<Error>(resolve =>
    socket.listen({ onMessage: text => messages.push(text), onClose: resolve }),
  );
  return { messages, closed };
}

/** Errors thrown out of event listeners while `run` is under way. */
export async function uncaughtDuring(run: () => Promise<void>): Promise<unknown[]> {
  const errors: unknown[] = [];
  const record = (error: unknown) => errors.push(error);
  process.on('uncaughtException', record);
  try {
    await run();
    await new Promise(r => setImmediate(r));
  } finally {
    process.off('uncaughtException', record);
  }
  return errors;
}

/**
 * The agent Node's own fetch sets up on first use (its bundled undici, the old handler
 * style), taken before this package's undici sets up the shared global one.
 */
const nodeAgent = (async () => {
  const server = createServer((_, res) => res.end());
  await new Promise<void>(r => server.listen(0, '127.0.0.1', r));
  await (await fetch(`http://127.0.0.1:${(server.address() as { port: number }).port}/`)).text();
  await new Promise(r => (server.closeAllConnections(), server.close(r)));
  return (globalThis as Record<symbol, unknown>)[
    Symbol.for('undici.globalDispatcher.1')
  ] as Dispatcher;
})();

export async function nodeFetchDispatcher(): Promise<Dispatcher> {
  const dispatcher = await nodeAgent;
  const { Agent } = await import('undici');
  expect(dispatcher).not.toBeInstanceOf(Agent);
  return dispatcher;
}

/** The two handler styles the upgrade goes through, depending on whose undici dispatches. */
export const dispatchers: [string, () => Promise<Dispatcher>][] = [
  ['this package’s undici', async () => new (await import('undici')).Agent()],
  ['Node.js’s own undici', nodeFetchDispatcher],
];
