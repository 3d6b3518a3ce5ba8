import { afterEach, describe, expect, it, vi } from 'vitest';
import { responseEvents } from '../../../test/support/codex-events';
import { refusingURL } from '../../../test/support/upgrade-server';
import { useCodexEmulator } from '../../../test/support/use-codex-emulator';
import {
  readAll,
  requestBody,
  transportToEmulator,
  user,
} from '../../../test/support/websocket-transport-run';
import type { CodexTransport, CodexTransportRequest } from '../codex-transport';
import { outputItemsAsInput } from '../../stream/output-items-as-input';
import { SOCKET_COOL_DOWN_MS } from './open-socket';
import { createWebSocketTransport } from './websocket-transport';

// When a request goes over HTTP instead of a socket: for good (426, a runtime or dispatcher
// that cannot carry a socket), for a while (a 5xx, a reset or a timeout of the upgrade), or
// once (a socket closed with 1009, message too big).

const emu = useCodexEmulator();
afterEach(() => vi.restoreAllMocks());

/** An HTTP side that records what it was sent and answers with an empty stream. */
function recordingHttp() {
  const sent: CodexTransportRequest[] = [];
  const http: CodexTransport = {
    send: async request => {
      sent.push(request);
      return {
        responseHeaders: { via: 'http' },
        openEvents: () => ({ read: async () => 'end', cancel: () => {} }),
      };
    },
  };
  return { http, sent };
}

const body = (text: string) => requestBody([user(text)]);

describe('a transient upgrade failure', () => {
  it.each([502, 503, 429])(
    'sends that call over HTTP (HTTP %i), the next ones too for 60 s, then tries a socket again',
    async status => {
      const { http, sent } = recordingHttp();
      const { transport, send, warnings } = transportToEmulator(emu, { http });
      let refused = false;
      emu.websocket.rejectHandshake = () => (refused ? undefined : ((refused = true), { status }));
      const start = Date.now();
      const now = vi.spyOn(Date, 'now').mockReturnValue(start);

      const first = await send(body('a'));
      expect(first.responseHeaders).toEqual({ via: 'http' });
      expect(first.warnings).toEqual([
        {
          type: 'other',
          message: `The WebSocket upgrade failed (HTTP ${status}); this call went over HTTP (SSE), and a WebSocket is tried again in 60 s.`,
        },
      ]);
      // within the cool-down: HTTP, said no more
      now.mockReturnValue(start + SOCKET_COOL_DOWN_MS - 1);
      const second = await send(body('b'));
      expect(second.warnings).toBeUndefined();
      expect(emu.websocket.handshakes).toHaveLength(1);
      expect(sent.map(r => r.body.input)).toEqual([[user('a')], [user('b')]]);

      now.mockReturnValue(start + SOCKET_COOL_DOWN_MS);
      const events = await readAll(await send(body('c')));
      expect(events.at(-1)!.type).toBe('response.completed');
      expect(emu.websocket.handshakes.map(h => h.status)).toEqual([status, 101]);
      // not a fallback for good
      expect(warnings).toEqual([]);
      expect(transport.fellBack).toBe(false);
      transport.close();
    },
  );

  it('takes a connection that cannot be made for one, naming the network error', async () => {
    const { http, sent } = recordingHttp();
    const transport = createWebSocketTransport({ replayOutput: outputItemsAsInput, http });
    const url = (await refusingURL()).replace(/^ws:/, 'http:');
    const request = { url, headers: {}, body: body('a'), signal: new AbortController().signal };
    const response = await transport.send(request);
    expect(sent).toHaveLength(1);
    expect(response.warnings).toEqual([
      {
        type: 'other',
        message: expect.stringMatching(
          /^The WebSocket upgrade failed \(Cannot open a WebSocket to ws:\/\/127\.0\.0\.1:\d+\/responses: connect ECONNREFUSED 127\.0\.0\.1:\d+\); this call went over HTTP \(SSE\), and a WebSocket is tried again in 60 s\.$/,
        ),
      },
    ]);
    expect(transport.fellBack).toBe(false);
  });
});

describe('an upgrade that can never work', () => {
  it.each([426, 404])('moves to HTTP for good on HTTP %i', async status => {
    const { http, sent } = recordingHttp();
    const { transport, send, warnings } = transportToEmulator(emu, { http });
    emu.websocket.rejectHandshake = () => ({ status });
    const first = await send(body('a'));
    vi.spyOn(Date, 'now').mockReturnValue(Date.now() + 10 * SOCKET_COOL_DOWN_MS);
    await send(body('b'));
    expect(sent).toHaveLength(2);
    expect(emu.websocket.handshakes).toHaveLength(1);
    const message = `The Codex backend refused the WebSocket upgrade (HTTP ${status}); this provider uses HTTP (SSE) from now on.`;
    expect(warnings).toEqual([message]);
    expect(first.warnings).toEqual([{ type: 'other', message }]);
    expect(transport.fellBack).toBe(true);
  });

  it('moves to HTTP for good when the global dispatcher cannot carry the upgrade', async () => {
    const { http, sent } = recordingHttp();
    const { getGlobalDispatcher, setGlobalDispatcher, Agent } = await import('undici');
    const before = getGlobalDispatcher();
    // what an app's own dispatcher of another undici once did: throw instead of dispatching
    class Refusing extends Agent {
      override dispatch(): boolean {
        throw new TypeError('dispatcher.compose is not a function');
      }
    }
    setGlobalDispatcher(new Refusing());
    try {
      const { transport, send, warnings } = transportToEmulator(emu, { http });
      const first = await send(body('a'));
      await send(body('b'));
      const message =
        'The WebSocket transport cannot run here (dispatcher.compose is not a function); this provider uses HTTP (SSE) instead.';
      expect(warnings).toEqual([message]);
      expect(first.warnings).toEqual([{ type: 'other', message }]);
      expect(sent).toHaveLength(2);
      expect(transport.fellBack).toBe(true);
    } finally {
      setGlobalDispatcher(before);
    }
  });

  it('says so with the first response that gets through, when the first HTTP request fails', async () => {
    let calls = 0;
    const http: CodexTransport = {
      send: async () => {
        if (++calls === 1) throw new Error('HTTP failed once');
        return {
          responseHeaders: {},
          openEvents: () => ({ read: async () => 'end', cancel: () => {} }),
        };
      },
    };
    const { send, warnings } = transportToEmulator(emu, { http });
    emu.websocket.rejectHandshake = () => ({ status: 426 });
    await expect(send(body('a'))).rejects.toThrow('HTTP failed once');
    const second = await send(body('a'));
    expect(second.warnings).toEqual([{ type: 'other', message: warnings[0] }]);
    expect((await send(body('b'))).warnings).toBeUndefined();
  });
});

describe('a socket closed with 1009 (message too big)', () => {
  it('sends the request again over HTTP, saying so, and the next one over a socket', async () => {
    const { http, sent } = recordingHttp();
    const { transport, send, warnings } = transportToEmulator(emu, { http });
    emu.enqueue({
      kind: 'sse',
      events: responseEvents({ output: [{ type: 'message', text: 'Hi' }] }),
      closeAfterEvents: 0,
      closeCode: 1009,
      closeReason: 'Request too large',
    });
    const big = body('a long prompt');
    const response = await send(big);
    expect(response.responseHeaders).toEqual({ via: 'http' });
    expect(response.warnings).toEqual([
      {
        type: 'other',
        message:
          'The Codex WebSocket closed (code 1009, message too big: Request too large); the request was sent again over HTTP (SSE).',
      },
    ]);
    expect(sent.map(r => r.body)).toEqual([big]);
    // another request: over a (new) socket; the same one again: over HTTP
    expect((await readAll(await send(body('short')))).at(-1)!.type).toBe('response.completed');
    await send(big);
    expect(sent).toHaveLength(2);
    expect(emu.websocket.handshakes).toHaveLength(2);
    expect(warnings).toEqual([]);
    expect(transport.fellBack).toBe(false);
    transport.close();
  });

  it('fails the response it cut short, and sends that request over HTTP next time', async () => {
    const { http, sent } = recordingHttp();
    const { transport, send } = transportToEmulator(emu, { http });
    emu.enqueue({
      kind: 'sse',
      events: responseEvents({ output: [{ type: 'message', text: 'Hi there' }] }),
      closeAfterEvents: 2,
      closeCode: 1009,
    });
    const request = body('a');
    const error = await readAll(await send(request)).catch((e: unknown) => e);
    expect((error as Error).message).toBe(
      'The Codex WebSocket closed (code 1009, message too big)',
    );
    // a retry (the part stream's, before content) goes over HTTP
    expect((await send(request)).responseHeaders).toEqual({ via: 'http' });
    expect(sent).toHaveLength(1);
    transport.close();
  });
});
