import { getEventListeners } from 'node:events';
import type { Duplex } from 'node:stream';
import { describe, expect, it, vi } from 'vitest';
import {
  acceptingServer,
  answerUpgrade,
  dispatchers,
  listenTo,
  refuse,
  refusingURL,
  silentServer,
  startServer,
  uncaughtDuring,
} from '../../../test/support/upgrade-server';
import { isRefusedUpgrade } from './websocket-errors';
import { openUndiciSocket } from './open-undici-socket';

// One socket against a bare upgrade server on 127.0.0.1 whose answers each test picks:
// frames in both directions, who closed it and why, what keeps the process alive, and what
// each way an upgrade can fail rejects with.

/** TCP sockets that keep the process alive. */
const liveSockets = () =>
  process.getActiveResourcesInfo().filter(r => r === 'TCPSocketWrap').length;

describe('CodexSocket', () => {
  it('hands text and binary frames to the listener as text', async () => {
    const { url, nextServerSocket } = await acceptingServer();
    const socket = await openUndiciSocket({ url, headers: {} });
    const server = await nextServerSocket();
    const { messages } = listenTo(socket);
    const received = new Promise(r => server.once('message', r));
    socket.send('{"type":"response.create"}');
    expect(String(await received)).toBe('{"type":"response.create"}');
    server.send('{"type":"text"}');
    server.send(Buffer.from('{"type":"binary"}'), { binary: true });
    // a ping is answered after the frames before it went to the listener
    await new Promise(r => (server.once('pong', r), server.ping()));
    expect(messages).toEqual(['{"type":"text"}', '{"type":"binary"}']);
    socket.close('done');
  });

  it('ignores frames that arrive while nobody listens', async () => {
    const { url, nextServerSocket } = await acceptingServer();
    const socket = await openUndiciSocket({ url, headers: {} });
    const server = await nextServerSocket();
    const errors = await uncaughtDuring(async () => {
      server.send('{"type":"stray"}');
      server.send(Buffer.from('{"type":"stray"}'), { binary: true });
      await new Promise(r => (server.once('pong', r), server.ping()));
    });
    expect(errors).toEqual([]);
    const { messages } = listenTo(socket);
    server.send('{"type":"later"}');
    await new Promise(r => (server.once('pong', r), server.ping()));
    expect(messages).toEqual(['{"type":"later"}']);
    socket.close('done');
  });

  it('tells the listener the close code and reason the server gave', async () => {
    const { url, nextServerSocket } = await acceptingServer();
    const socket = await openUndiciSocket({ url, headers: {} });
    const { closed } = listenTo(socket);
    (await nextServerSocket()).close(4000, 'going away');
    expect((await closed).message).toBe('The Codex WebSocket closed (code 4000, going away)');
    expect(socket.isOpen).toBe(false);
  });

  it('names only the code when the connection drops without a close frame', async () => {
    const { url, nextServerSocket } = await acceptingServer();
    const socket = await openUndiciSocket({ url, headers: {} });
    const { closed } = listenTo(socket);
    (await nextServerSocket()).terminate();
    expect((await closed).message).toBe('The Codex WebSocket closed (code 1006)');
  });

  it('is no longer open once the server asked to close, before the connection ends', async () => {
    let serverSide!: Duplex;
    const url = await startServer((req, socket) => {
      serverSide = socket;
      answerUpgrade(req, socket);
    });
    const socket = await openUndiciSocket({ url, headers: {} });
    const { closed } = listenTo(socket);
    expect(socket.isOpen).toBe(true);
    // a close frame (code 1000); the client answers with its own, the TCP connection stays up
    const answered = new Promise(r => serverSide.once('data', r));
    serverSide.write(Buffer.from([0x88, 0x02, 0x03, 0xe8]));
    await answered;
    expect(socket.isOpen).toBe(false);
    serverSide.destroy();
    expect((await closed).message).toBe('The Codex WebSocket closed (code 1000)');
  });

  it('closes with code 1000 and the reason, cut to what a close frame carries', async () => {
    const { url, nextServerSocket } = await acceptingServer();
    const socket = await openUndiciSocket({ url, headers: {} });
    const server = await nextServerSocket();
    const seen = new Promise<[number, string]>(r =>
      server.once('close', (code, reason) => r([code, String(reason)])),
    );
    socket.close('é'.repeat(80));
    expect(socket.isOpen).toBe(false);
    expect(await seen).toEqual([1000, 'é'.repeat(40)]);
  });

  it('closes with the reason "done" when given none', async () => {
    const { url, nextServerSocket } = await acceptingServer();
    const socket = await openUndiciSocket({ url, headers: {} });
    const server = await nextServerSocket();
    const seen = new Promise<[number, string]>(r =>
      server.once('close', (code, reason) => r([code, String(reason)])),
    );
    socket.close();
    expect(await seen).toEqual([1000, 'done']);
  });

  it('tells a listener that comes after close() that the client closed it, and why', async () => {
    const { url } = await acceptingServer();
    const socket = await openUndiciSocket({ url, headers: {} });
    socket.close('idle');
    const { closed } = listenTo(socket);
    expect((await closed).message).toBe('The Codex WebSocket was closed by the client (idle)');
  });

  it('keeps the process alive while busy, not while idle or closing', async () => {
    const { url } = await acceptingServer();
    const socket = await openUndiciSocket({ url, headers: {} });
    const busy = liveSockets();
    socket.setIdle(true);
    expect(liveSockets()).toBe(busy - 1);
    socket.setIdle(false);
    expect(liveSockets()).toBe(busy);
    socket.close('done');
    expect(liveSockets()).toBe(busy - 1);
  });

  it.each(dispatchers)(
    'keeps the upgrade answer headers, names in lower case, repeated ones joined (%s)',
    async (_, dispatcher) => {
      const { url } = await acceptingServer([
        'X-Request-Id: req_upgrade',
        'X-Codex-Primary-Used-Percent: 12',
        'X-Dup: a',
        'X-Dup: b',
      ]);
      const socket = await openUndiciSocket({ url, headers: {}, dispatcher: await dispatcher() });
      const { 'sec-websocket-accept': accept, ...rest } = socket.responseHeaders;
      expect(accept).toMatch(/^[A-Za-z0-9+/]{27}=$/);
      expect(rest).toStrictEqual({
        upgrade: 'websocket',
        connection: 'Upgrade',
        'x-request-id': 'req_upgrade',
        'x-codex-primary-used-percent': '12',
        'x-dup': 'a, b',
      });
      socket.close('done');
    },
  );
});

describe('openUndiciSocket', () => {
  it('leaves no abort listener on the signal once open', async () => {
    const { url } = await acceptingServer();
    const signal = new AbortController().signal;
    const socket = await openUndiciSocket({ url, headers: {}, signal });
    expect(getEventListeners(signal, 'abort')).toEqual([]);
    socket.close('done');
  });

  it('rejects with the abort reason during the upgrade, and drops the connection', async () => {
    const { url, upgradeSeen, dropped } = await silentServer();
    const controller = new AbortController();
    const opening = openUndiciSocket({ url, headers: {}, signal: controller.signal });
    await upgradeSeen;
    const reason = new Error('stop');
    controller.abort(reason);
    await expect(opening).rejects.toBe(reason);
    await dropped;
    expect(getEventListeners(controller.signal, 'abort')).toEqual([]);
  });

  it('gives up an upgrade that is not answered within 15 s, with a retryable error', async () => {
    const { url, upgradeSeen, dropped } = await silentServer();
    vi.useFakeTimers({ toFake: ['setTimeout', 'clearTimeout'] });
    const opening = openUndiciSocket({ url, headers: {} }).catch(e => e);
    await upgradeSeen;
    await vi.advanceTimersByTimeAsync(15_000);
    const error = await opening;
    expect(error).toMatchObject({ isRetryable: true, statusCode: undefined });
    expect(error.message).toBe(`The WebSocket upgrade at ${url} took longer than 15 s`);
    vi.useRealTimers();
    await dropped;
  });

  it.each(dispatchers)(
    'names the network error when nothing answers, as a retryable failure (%s)',
    async (_, makeDispatcher) => {
      const url = await refusingURL();
      const dispatcher = await makeDispatcher();
      const error = await openUndiciSocket({ url, headers: {}, dispatcher }).catch(e => e);
      expect(error).toMatchObject({ isRetryable: true, statusCode: undefined });
      expect(error.message).toMatch(
        new RegExp(`^Cannot open a WebSocket to ${url}: .*ECONNREFUSED`),
      );
      expect(isRefusedUpgrade(error)).toBe(false);
    },
  );

  it.each(dispatchers)(
    'takes a 101 that is no valid handshake for a failed connection, not a refusal (%s)',
    async (_, dispatcher) => {
      const url = await startServer((req, socket) =>
        answerUpgrade(req, socket, { validKey: false }),
      );
      const error = await openUndiciSocket({
        url,
        headers: {},
        dispatcher: await dispatcher(),
      }).catch(e => e);
      expect(error).toMatchObject({ isRetryable: true, statusCode: undefined });
      expect(error.message).toBe(`Cannot open a WebSocket to ${url}`);
      expect(isRefusedUpgrade(error)).toBe(false);
    },
  );

  it('refuses an upgrade answered with a status outside the HTTP range, without crashing', async () => {
    const url = await startServer((_, socket) => refuse(socket, 999));
    const error = await openUndiciSocket({ url, headers: {} }).catch(e => e);
    expect(isRefusedUpgrade(error)).toBe(true);
    expect(error).toMatchObject({ statusCode: 999, isRetryable: false });
    expect(error.message).toContain('HTTP 999');
  });

  it('names the backend and the setting to check when the upgrade is redirected', async () => {
    const url = await startServer((_, socket) =>
      refuse(socket, 307, ['location: http://elsewhere.example/responses']),
    );
    const error = await openUndiciSocket({ url, headers: {} }).catch(e => e);
    expect(error).toMatchObject({ statusCode: 307, isRetryable: false });
    expect(error.message).toContain(
      `The Codex backend at ${url} answered with a redirect (307) to http://elsewhere.example/responses`,
    );
    expect(error.message).toContain('check `baseURL`');
  });
});
