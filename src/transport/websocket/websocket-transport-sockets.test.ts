import type { AddressInfo } from 'node:net';
import { describe, expect, it } from 'vitest';
import { WebSocketServer } from 'ws';
import { useCodexEmulator } from '../../../test/support/use-codex-emulator';
import { noHttp, requestBody, user } from '../../../test/support/websocket-transport-run';
import type { CodexRequestBody } from '../../wire/codex-request-body';
import type { CodexResponseStream, CodexTransport } from '../codex-transport';
import { outputItemsAsInput } from '../../stream/output-items-as-input';
import { createWebSocketTransport } from './websocket-transport';

// Which requests share a socket, and the fallback to HTTP when several requests hit a
// refused upgrade at once.

const emu = useCodexEmulator();

const body = (text: string, key: string) => requestBody([user(text)], key);

async function drain(stream: CodexResponseStream): Promise<void> {
  const source = stream.openEvents(() => {});
  while ((await source.read()) === 'more');
}

describe('WebSocket transport sockets', () => {
  it('gives each conversation and each set of credentials its own socket', async () => {
    const transport = createWebSocketTransport({
      replayOutput: outputItemsAsInput,
      http: noHttp,
    });
    const send = (b: CodexRequestBody, headers: Record<string, string>) =>
      transport.send({
        url: `${emu.baseURL}/responses`,
        headers,
        body: b,
        signal: new AbortController().signal,
      });
    const alice = { authorization: 'Bearer t', 'chatgpt-account-id': 'a1' };
    await drain(await send(body('one', 'conv-1'), alice));
    await drain(await send(body('two', 'conv-2'), alice));
    // another token, even one spelled like the first token followed by the account id
    await drain(await send(body('three', 'conv-1'), { authorization: 'Bearer ta1' }));
    await drain(await send(body('four', 'conv-1'), alice));
    // the same token for another workspace of the account
    await drain(await send(body('five', 'conv-1'), { ...alice, 'chatgpt-account-id': 'a2' }));

    expect(
      emu.websocket.handshakes.map(h => [h.headers.authorization, h.headers['chatgpt-account-id']]),
    ).toEqual([
      ['Bearer t', 'a1'],
      ['Bearer t', 'a1'],
      ['Bearer ta1', undefined],
      ['Bearer t', 'a2'],
    ]);
    const sockets = emu.requests.filter(r => r.transport === 'websocket').map(r => r.socket);
    expect(sockets).toEqual([1, 2, 3, 1, 4]);
    transport.close();
  });

  it('tells of the fallback once when concurrent requests meet the refused upgrade', async () => {
    let httpSends = 0;
    const http: CodexTransport = {
      send: async () => {
        httpSends++;
        return {
          responseHeaders: { via: 'http' },
          openEvents: () => ({ read: async () => 'end', cancel: () => {} }),
        };
      },
    };
    const told: string[] = [];
    const transport = createWebSocketTransport({
      replayOutput: outputItemsAsInput,
      http,
      onFallback: m => told.push(m),
    });
    emu.websocket.rejectHandshake = () => ({ status: 426 });
    const request = (text: string) => ({
      url: `${emu.baseURL}/responses`,
      headers: { authorization: 'Bearer tok' },
      body: body(text, 'conv-1'),
      signal: new AbortController().signal,
    });
    const responses = await Promise.all([
      transport.send(request('a')),
      transport.send(request('b')),
    ]);
    expect(emu.websocket.handshakes).toHaveLength(2);
    expect(httpSends).toBe(2);
    expect(told).toHaveLength(1);
    expect(told[0]).toContain('HTTP 426');
    // the warning goes with one response, the one whose caller was told
    expect(responses.map(r => r.warnings)).toEqual([
      [{ type: 'other', message: told[0] }],
      undefined,
    ]);
    expect(transport.fellBack).toBe(true);
  });

  it('tells the server why it closed the socket of a response the reader gave up on', async () => {
    // a bare server: the emulator does not keep close reasons
    const server = new WebSocketServer({ port: 0, host: '127.0.0.1' });
    await new Promise(resolve => server.once('listening', resolve));
    const closed = new Promise<string>(resolve =>
      server.on('connection', ws => {
        ws.on('message', () =>
          ws.send(JSON.stringify({ type: 'response.created', response: { id: 'resp_1' } })),
        );
        ws.on('close', (_, reason) => resolve(reason.toString()));
      }),
    );
    const transport = createWebSocketTransport({
      replayOutput: outputItemsAsInput,
      http: noHttp,
    });
    try {
      const stream = await transport.send({
        url: `http://127.0.0.1:${(server.address() as AddressInfo).port}/responses`,
        headers: { authorization: 'Bearer tok' },
        body: body('one', 'conv-1'),
        signal: new AbortController().signal,
      });
      const source = stream.openEvents(() => {});
      expect(await source.read()).toBe('more');
      source.cancel();
      expect(await closed).toBe('response abandoned');
    } finally {
      transport.close();
      server.close();
    }
  });
});
