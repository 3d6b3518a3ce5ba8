import { describe, expect, it } from 'vitest';
import { requestBody, user } from '../../../test/support/websocket-transport-run';
import type { CodexTransport, CodexTransportRequest } from '../codex-transport';
import { outputItemsAsInput } from '../../stream/output-items-as-input';
import { createWebSocketTransport, WEBSOCKET_UNAVAILABLE } from './websocket-transport.edge';

// The browser and edge build's WebSocket transport: HTTP for every request, said once.

function httpFailingFirst(failures: number) {
  const sent: CodexTransportRequest[] = [];
  const http: CodexTransport = {
    send: async request => {
      sent.push(request);
      if (sent.length <= failures) throw new Error('HTTP failed');
      return {
        responseHeaders: { via: 'http' },
        openEvents: () => ({ read: async () => 'end', cancel: () => {} }),
      };
    },
  };
  return { http, sent };
}

const request = (text: string): CodexTransportRequest => ({
  url: 'https://chatgpt.example/backend-api/codex/responses',
  headers: { authorization: 'Bearer tok' },
  body: requestBody([user(text)]),
  signal: new AbortController().signal,
});

describe('the WebSocket transport of the edge build', () => {
  it('sends every request over HTTP, telling once, with the first response that gets through', async () => {
    const { http, sent } = httpFailingFirst(1);
    const told: string[] = [];
    const transport = createWebSocketTransport({
      http,
      replayOutput: outputItemsAsInput,
      onFallback: m => told.push(m),
    });
    expect(transport.fellBack).toBe(true);
    await expect(transport.send(request('a'))).rejects.toThrow('HTTP failed');
    const second = await transport.send(request('b'));
    const third = await transport.send(request('c'));
    expect(second.warnings).toEqual([{ type: 'other', message: WEBSOCKET_UNAVAILABLE }]);
    expect(third.warnings).toBeUndefined();
    expect(told).toEqual([WEBSOCKET_UNAVAILABLE]);
    expect(sent.map(r => r.body.input)).toEqual([[user('a')], [user('b')], [user('c')]]);
    expect(WEBSOCKET_UNAVAILABLE).toMatch(/WebSocket transport cannot run here.*HTTP \(SSE\)/);
    transport.close();
  });
});
