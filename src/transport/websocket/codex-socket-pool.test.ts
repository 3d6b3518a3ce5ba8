import type { AddressInfo } from 'node:net';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { WebSocketServer } from 'ws';
import { useCodexEmulator } from '../../../test/support/use-codex-emulator';
import type { CodexInputItem, CodexRequestBody } from '../../wire/codex-request-body';
import type { CodexSocket } from './codex-socket';
import { openRuntimeSocket } from './open-runtime-socket';
import { openUndiciSocket } from './open-undici-socket';
import { CodexSocketPool, PINNED_SOCKET_IDLE_TIMEOUT_MS } from './codex-socket-pool';
import { createUpgradeHeaders, toWebSocketUrl } from './upgrade-request';

// The pool with real sockets to the emulator: which idle socket a request gets, and which
// idle sockets it closes (as the server sees them).

const emu = useCodexEmulator();
const opened: CodexSocket[] = [];

afterEach(() => {
  for (const socket of opened.splice(0)) socket.close();
});

async function open(): Promise<CodexSocket> {
  const socket = await openUndiciSocket({
    url: toWebSocketUrl(`${emu.baseURL}/responses`),
    headers: createUpgradeHeaders({ authorization: 'Bearer tok' }),
  });
  opened.push(socket);
  return socket;
}

const user = (text: string): CodexInputItem => ({
  type: 'message',
  role: 'user',
  content: [{ type: 'input_text', text }],
});
const reply = (text: string): CodexInputItem => ({
  type: 'message',
  role: 'assistant',
  content: [{ type: 'output_text', text }],
});

function body(input: CodexInputItem[]): CodexRequestBody {
  return {
    model: 'gpt-5.3-codex',
    instructions: 'Be brief.',
    input,
    parallel_tool_calls: false,
    store: false,
    stream: true,
    include: [],
    prompt_cache_key: 'conv-1',
  };
}

/** A socket whose last completed turn answered `text` with `answer`. */
function withTurn(socket: CodexSocket, text: string, answer: string): CodexSocket {
  socket.turn = {
    request: body([user(text)]),
    responseId: `resp_${text}`,
    replayedOutput: [reply(answer)],
  };
  return socket;
}

/** Waits for the server to see exactly `n` open sockets (a close takes a round trip). */
async function serverSeesOpen(n: number) {
  const until = Date.now() + 5000;
  while (emu.websocket.openSockets !== n) {
    if (Date.now() > until) throw new Error(`server sees ${emu.websocket.openSockets} sockets`);
    await new Promise(r => setTimeout(r, 5));
  }
}

const continuing = body([user('a'), reply('A'), user('next')]);

describe('CodexSocketPool', () => {
  it('gives a request the socket whose last turn it continues, even the older one', async () => {
    const pool = new CodexSocketPool();
    const a = withTurn(await open(), 'a', 'A');
    const b = withTurn(await open(), 'b', 'B');
    pool.release('k', a);
    pool.release('k', b);
    expect(pool.size).toBe(2);
    expect(pool.take('k', continuing)).toBe(a);
    // the other socket of the conversation stays available
    expect(pool.size).toBe(1);
    expect(pool.take('k', continuing)).toBe(b);
    expect(pool.size).toBe(0);
    expect(pool.take('k', continuing)).toBeUndefined();
  });

  it('gives a request the newer socket when that one holds its turn', async () => {
    const pool = new CodexSocketPool();
    const a = withTurn(await open(), 'b', 'B');
    const b = withTurn(await open(), 'a', 'A');
    pool.release('k', a);
    pool.release('k', b);
    expect(pool.take('k', continuing)).toBe(b);
  });

  it('gives the newest socket when none holds the turn, and only to its own key', async () => {
    const pool = new CodexSocketPool();
    const a = await open();
    const b = await open();
    pool.release('k', a);
    pool.release('k', b);
    expect(pool.take('other', continuing)).toBeUndefined();
    expect(pool.take('k', body([user('fresh')]))).toBe(b);
    expect(pool.take('k', body([user('fresh')]))).toBe(a);
  });

  it('never hands out a socket that closed while idle, nor keeps one', async () => {
    const pool = new CodexSocketPool();
    const a = await open();
    const b = await open();
    pool.release('k', a);
    pool.release('k', b);
    b.close('dropped');
    expect(pool.take('k', continuing)).toBe(a);
    expect(pool.size).toBe(0);

    const c = await open();
    pool.release('k', c);
    c.close('dropped');
    expect(pool.take('k', continuing)).toBeUndefined();
    expect(pool.size).toBe(0);

    // a socket that closed during its response is not taken back
    pool.release('k', c);
    expect(pool.size).toBe(0);
    expect(pool.take('k', continuing)).toBeUndefined();
  });

  it('closes an idle socket after the idle timeout, and forgets it', async () => {
    const pool = new CodexSocketPool(50);
    const a = await open();
    await serverSeesOpen(1);
    pool.release('k', a);
    await serverSeesOpen(0);
    expect(a.isOpen).toBe(false);
    expect(pool.size).toBe(0);
    expect(pool.take('k', continuing)).toBeUndefined();
  });

  it('closes an idle socket that keeps the process alive (Bun) after 1 s, whatever the timeout', async () => {
    // undici's WebSocket as the runtime's own: it takes `{ headers }` as Bun's does, and the
    // runtime opener hands out no TCP socket to unref
    vi.stubGlobal('WebSocket', (await import('undici')).WebSocket);
    const a = await openRuntimeSocket({
      url: toWebSocketUrl(`${emu.baseURL}/responses`),
      headers: createUpgradeHeaders({ authorization: 'Bearer tok' }),
    });
    opened.push(a);
    vi.unstubAllGlobals();
    expect(a.canIdle).toBe(false);
    const pool = new CodexSocketPool(60_000);
    vi.useFakeTimers({ toFake: ['setTimeout', 'clearTimeout'] });
    try {
      pool.release('k', a);
      await vi.advanceTimersByTimeAsync(PINNED_SOCKET_IDLE_TIMEOUT_MS - 1);
      expect(a.isOpen).toBe(true);
      await vi.advanceTimersByTimeAsync(1);
      expect(a.isOpen).toBe(false);
      expect(pool.size).toBe(0);
    } finally {
      vi.useRealTimers();
    }
  });

  it('keeps a socket taken before its idle timeout open', async () => {
    const pool = new CodexSocketPool(50);
    const a = await open();
    pool.release('k', a);
    expect(pool.take('k', continuing)).toBe(a);
    // a second socket released later times out: by then the first one would have too
    const b = await open();
    await serverSeesOpen(2);
    pool.release('k', b);
    await serverSeesOpen(1);
    expect(a.isOpen).toBe(true);
  });

  it('closes every idle socket of every conversation on closeAll', async () => {
    const pool = new CodexSocketPool();
    const sockets = [await open(), await open(), await open()];
    await serverSeesOpen(3);
    pool.release('k', sockets[0]!);
    pool.release('k', sockets[1]!);
    pool.release('other', sockets[2]!);
    expect(pool.size).toBe(3);
    pool.closeAll();
    expect(pool.size).toBe(0);
    await serverSeesOpen(0);
    expect(pool.take('k', continuing)).toBeUndefined();
    expect(pool.take('other', continuing)).toBeUndefined();
  });

  it('tells the server why it closed an idle socket', async () => {
    // a bare server: the emulator does not keep close reasons
    const server = new WebSocketServer({ port: 0, host: '127.0.0.1' });
    await new Promise(resolve => server.once('listening', resolve));
    const reasons: string[] = [];
    server.on('connection', ws => ws.on('close', (_, reason) => reasons.push(reason.toString())));
    const bareOpen = () =>
      openUndiciSocket({
        url: `ws://127.0.0.1:${(server.address() as AddressInfo).port}`,
        headers: {},
      });
    try {
      const timedOut = new CodexSocketPool(20);
      timedOut.release('k', await bareOpen());
      const pool = new CodexSocketPool();
      pool.release('k', await bareOpen());
      pool.closeAll();
      const until = Date.now() + 5000;
      while (reasons.length < 2 && Date.now() < until) await new Promise(r => setTimeout(r, 5));
      expect(reasons.sort()).toEqual(['closed', 'idle']);
    } finally {
      server.close();
    }
  });
});
