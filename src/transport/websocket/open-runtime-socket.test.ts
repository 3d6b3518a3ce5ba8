import { afterEach, describe, expect, it, vi } from 'vitest';
import { MAX_MESSAGE_BYTES, type CodexSocket } from './codex-socket';
import { openRuntimeSocket } from './open-runtime-socket';
import { isMessageTooBig, isRefusedUpgrade, isSocketUnavailable } from './websocket-errors';

// Bun's WebSocket is not here (its real runs are in test/runtimes/bun.runtime.ts): a stand-in
// that behaves as it does — `{ headers }` taken, a refused upgrade told only in the error
// event's message, then close 1006 — checks what the opener makes of each.

class RuntimeWebSocket extends EventTarget {
  static last: RuntimeWebSocket;
  readyState = 0;
  binaryType = 'blob';
  closedWith: [number | undefined, string | undefined] | undefined;

  constructor(
    readonly url: string,
    readonly options: unknown,
  ) {
    super();
    RuntimeWebSocket.last = this;
  }

  send() {}

  close(code?: number, reason?: string) {
    this.closedWith = [code, reason];
    this.readyState = 3;
    this.fire('close', { code: code ?? 1005, reason: reason ?? '' });
  }

  open() {
    this.readyState = 1;
    this.fire('open', {});
  }

  fail(message: string) {
    this.fire('error', { message });
    this.readyState = 3;
    this.fire('close', { code: 1006, reason: '' });
  }

  fire(type: string, fields: object) {
    this.dispatchEvent(Object.assign(new Event(type), fields));
  }
}

afterEach(() => vi.unstubAllGlobals());

const url = 'wss://chatgpt.example/backend-api/codex/responses';
const headers = { authorization: 'Bearer at-SECRET-runtime', originator: 'app' };

function opening() {
  vi.stubGlobal('WebSocket', RuntimeWebSocket);
  const promise = openRuntimeSocket({ url, headers }).catch((e: unknown) => e);
  return { ws: RuntimeWebSocket.last, promise };
}

describe('openRuntimeSocket', () => {
  it('sends the handshake headers, asks for no compression, and cannot idle', async () => {
    const { ws, promise } = opening();
    expect(ws.url).toBe(url);
    expect(ws.options).toEqual({ headers, perMessageDeflate: false });
    ws.open();
    const socket = (await promise) as CodexSocket;
    expect(socket.isOpen).toBe(true);
    expect(socket.responseHeaders).toEqual({});
    expect(socket.canIdle).toBe(false);
  });

  it.each([401, 426, 502])(
    'reads the status of a refused upgrade from the error (%i)',
    async status => {
      const { ws, promise } = opening();
      ws.fail(`WebSocket connection to '${url}' failed: Expected 101 status code: ${status}`);
      const error = await promise;
      expect(isRefusedUpgrade(error)).toBe(true);
      expect(error).toMatchObject({ statusCode: status, isRetryable: false });
    },
  );

  it('takes a redirect for a redirect, not for a refusal', async () => {
    const { ws, promise } = opening();
    ws.fail(`WebSocket connection to '${url}' failed: Expected 101 status code: 302`);
    const error = await promise;
    expect(isRefusedUpgrade(error)).toBe(false);
    expect(error).toMatchObject({ statusCode: 302, isRetryable: false });
    expect((error as Error).message).toContain('answered with a redirect (302)');
  });

  it('names a network failure, as a retryable one', async () => {
    const { ws, promise } = opening();
    ws.fail(`WebSocket connection to '${url}' failed: Failed to connect`);
    const error = await promise;
    expect(isRefusedUpgrade(error)).toBe(false);
    expect(error).toMatchObject({ isRetryable: true, statusCode: undefined });
    expect((error as Error).message).toBe(
      `Cannot open a WebSocket to ${url}: WebSocket connection to '${url}' failed: Failed to connect`,
    );
  });

  it('says the socket cannot run here when the runtime refuses the options', async () => {
    vi.stubGlobal(
      'WebSocket',
      class {
        constructor() {
          throw new SyntaxError("Failed to construct 'WebSocket': The subprotocol is invalid.");
        }
      },
    );
    const error = await openRuntimeSocket({ url, headers }).catch((e: unknown) => e);
    expect(isSocketUnavailable(error)).toBe(true);
    expect((error as Error).message).toContain('The subprotocol is invalid');
  });

  it('closes on a message over 32 MiB (the runtime allows 128 MiB), saying why', async () => {
    const { ws, promise } = opening();
    ws.open();
    const socket = (await promise) as CodexSocket;
    const messages: string[] = [];
    const closed = new Promise<Error>(onClose =>
      socket.listen({ onMessage: m => messages.push(m), onClose }),
    );
    ws.fire('message', { data: 'a'.repeat(MAX_MESSAGE_BYTES) });
    expect(messages).toHaveLength(1);
    ws.fire('message', { data: 'a'.repeat(MAX_MESSAGE_BYTES + 1) });
    const error = await closed;
    expect(isMessageTooBig(error)).toBe(true);
    expect(error.message).toContain('larger than 32 MiB');
    // a page may not send 1009 itself
    expect(ws.closedWith).toEqual([1000, 'message too big']);
    expect(messages).toHaveLength(1);
  });
});
