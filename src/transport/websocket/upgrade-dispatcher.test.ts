import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import type { Duplex } from 'node:stream';
import { getGlobalDispatcher, ProxyAgent, setGlobalDispatcher } from 'undici-v5';
import { describe, expect, it } from 'vitest';
import { WebSocketServer } from 'ws';
import { startMockProxy } from '../../../test/support/mock-proxy';
import {
  answerUpgrade,
  dispatchers,
  listenTo,
  startServer,
} from '../../../test/support/upgrade-server';
import { MAX_MESSAGE_BYTES } from './codex-socket';
import { openUndiciSocket } from './open-undici-socket';
import { clientCloseCode } from './upgrade-dispatcher';
import { isMessageTooBig } from './websocket-errors';

// The dispatcher every socket opens through: the message-size limit whatever dispatcher is
// at hand (Node's own undici has none), and dispatchers of another undici (an app's undici 5
// proxy agent as the global one) carrying the upgrade. Memory: `npm run bench:ws-limits`.

/** A text frame header announcing `length` bytes (64-bit length form), unmasked. */
function textFrameHeader(length: number): Buffer {
  const header = Buffer.alloc(10);
  header[0] = 0x81;
  header[1] = 127;
  header.writeBigUInt64BE(BigInt(length), 2);
  return header;
}

describe('the dispatcher sockets open through', () => {
  it.each(dispatchers)(
    'closes the socket with 1009 when a message announces more than 32 MiB, before reading it (%s)',
    async (_, makeDispatcher) => {
      let serverSide!: Duplex;
      const url = await startServer((req, socket) => {
        serverSide = socket;
        answerUpgrade(req, socket);
      });
      const socket = await openUndiciSocket({
        url,
        headers: {},
        dispatcher: await makeDispatcher(),
      });
      const { messages, closed } = listenTo(socket);
      const closeFrame = new Promise<Buffer>(r => serverSide.once('data', r));
      serverSide.write(Buffer.concat([textFrameHeader(MAX_MESSAGE_BYTES + 1), Buffer.from('{"')]));
      const error = await closed;
      expect(error.message).toBe(
        "The Codex WebSocket closed: a message from the backend was larger than 32 MiB, this package's limit (message too big)",
      );
      expect(isMessageTooBig(error)).toBe(true);
      expect(clientCloseCode(await closeFrame)).toBe(1009);
      expect(socket.isOpen).toBe(false);
      expect(messages).toEqual([]);
    },
  );

  it.each(dispatchers)('takes a message of exactly 32 MiB (%s)', async (_, makeDispatcher) => {
    let serverSide!: Duplex;
    const url = await startServer((req, socket) => {
      serverSide = socket;
      answerUpgrade(req, socket);
    });
    const socket = await openUndiciSocket({ url, headers: {}, dispatcher: await makeDispatcher() });
    const { messages } = listenTo(socket);
    const received = new Promise<void>(resolve => {
      const check = setInterval(() => messages.length > 0 && (clearInterval(check), resolve()), 5);
    });
    serverSide.write(textFrameHeader(MAX_MESSAGE_BYTES));
    serverSide.write(Buffer.alloc(MAX_MESSAGE_BYTES, 0x61));
    await received;
    expect(messages[0]!.length).toBe(MAX_MESSAGE_BYTES);
    expect(socket.isOpen).toBe(true);
    socket.close();
  });

  it.each(dispatchers)(
    'stops inflating a compressed message at 32 MiB and closes the socket (%s)',
    async (_, makeDispatcher) => {
      const server = createServer();
      const wss = new WebSocketServer({ server, perMessageDeflate: { threshold: 0 } });
      // 40 MiB of one letter: about 40 KB on the wire
      wss.on('connection', ws => ws.send('a'.repeat(40 * 1024 * 1024), { compress: true }));
      await new Promise<void>(r => server.listen(0, '127.0.0.1', r));
      try {
        const url = `ws://127.0.0.1:${(server.address() as AddressInfo).port}/responses`;
        const socket = await openUndiciSocket({
          url,
          headers: {},
          dispatcher: await makeDispatcher(),
        });
        const { messages, closed } = listenTo(socket);
        const error = await closed;
        expect(error.message).toContain('larger than 32 MiB');
        expect(isMessageTooBig(error)).toBe(true);
        expect(messages).toEqual([]);
      } finally {
        server.closeAllConnections();
        await new Promise(r => server.close(r));
      }
    },
  );

  it("opens through an app's undici 5 ProxyAgent set as the global dispatcher", async () => {
    const server = createServer();
    const wss = new WebSocketServer({ server });
    const seen: string[] = [];
    wss.on('connection', (ws, req) => {
      seen.push(String(req.headers.authorization));
      ws.on('message', m => ws.send(`echo: ${m}`));
    });
    await new Promise<void>(r => server.listen(0, '127.0.0.1', r));
    const proxy = await startMockProxy();
    const before = getGlobalDispatcher();
    setGlobalDispatcher(new ProxyAgent(proxy.url));
    try {
      const url = `ws://127.0.0.1:${(server.address() as AddressInfo).port}/responses`;
      const socket = await openUndiciSocket({ url, headers: { authorization: 'Bearer tok' } });
      const { messages } = listenTo(socket);
      socket.send('hi');
      await new Promise<void>(resolve => {
        const check = setInterval(
          () => messages.length > 0 && (clearInterval(check), resolve()),
          5,
        );
      });
      expect(messages).toEqual(['echo: hi']);
      expect(seen).toEqual(['Bearer tok']);
      expect(proxy.requests).toEqual([{ method: 'CONNECT', target: new URL(url).host }]);
      socket.close();
    } finally {
      setGlobalDispatcher(before);
      await proxy.close();
      server.closeAllConnections();
      await new Promise(r => server.close(r));
    }
  });
});

describe('clientCloseCode', () => {
  /** A masked client close frame with `code`, as undici writes it. */
  function closeFrame(code: number, mask = [0x12, 0x34, 0x56, 0x78]): Buffer {
    const payload = Buffer.from([code >> 8, code & 0xff]);
    return Buffer.from([0x88, 0x82, ...mask, ...payload.map((b, i) => b ^ mask[i]!)]);
  }

  it('reads the code of a masked close frame', () => {
    expect(clientCloseCode(closeFrame(1009))).toBe(1009);
    expect(clientCloseCode(closeFrame(1000, [0, 0, 0, 0]))).toBe(1000);
    expect(clientCloseCode(closeFrame(4999, [0xff, 0xff, 0xff, 0xff]))).toBe(4999);
  });

  it('reads nothing from another frame, an unmasked one, or one without a code', () => {
    const text = closeFrame(1009);
    text[0] = 0x81;
    expect(clientCloseCode(text)).toBeUndefined();
    const unmasked = closeFrame(1009);
    unmasked[1] = 0x02;
    expect(clientCloseCode(unmasked)).toBeUndefined();
    expect(clientCloseCode(Buffer.from([0x88, 0x80, 1, 2, 3, 4, 0, 0]))).toBeUndefined();
    expect(clientCloseCode(Buffer.from([0x88, 0x82, 1, 2, 3, 4, 5]))).toBeUndefined();
    expect(clientCloseCode('\x88\x82')).toBeUndefined();
  });
});
