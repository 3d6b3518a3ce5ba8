import { APICallError, InvalidArgumentError } from '@ai-sdk/provider';
import { describe, expect, it } from 'vitest';
import { responseEvents } from '../../../test/support/codex-events';
import { useCodexEmulator } from '../../../test/support/use-codex-emulator';
import {
  noHttp,
  readAll,
  replayOf,
  requestBody as body,
  transportToEmulator,
  user,
} from '../../../test/support/websocket-transport-run';
import type { CodexTransport } from '../codex-transport';
import { outputItemsAsInput } from '../../stream/output-items-as-input';
import { createWebSocketTransport } from './websocket-transport';

// The transport on its own against the emulator's WebSocket side: socket reuse, increments,
// and what it answers for each failure. The public API is tested in test/websocket-transport.

const emu = useCodexEmulator();

const setup = (http: CodexTransport = noHttp) =>
  transportToEmulator(emu, {
    http,
    headers: { authorization: 'Bearer tok', 'session-id': 's1', accept: 'text/event-stream' },
  });

describe('WebSocket transport', () => {
  it('reuses the socket and sends only the new items of a continued conversation', async () => {
    const { transport, send } = setup();
    const first = body([user('one')]);
    const events1 = await readAll(await send(first));
    expect(events1.at(-1)!.type).toBe('response.completed');

    const second = body([...first.input, ...replayOf(events1), user('two')]);
    const events2 = await readAll(await send(second));
    expect(events2.at(-1)!.type).toBe('response.completed');

    expect(emu.websocket.handshakes).toHaveLength(1);
    const [r1, r2] = emu.requests;
    expect(r1!.body.previous_response_id).toBeUndefined();
    expect(r2!.body).toMatchObject({
      type: 'response.create',
      previous_response_id: (events1[0]!.response as { id: string }).id,
    });
    expect(r2!.body.input).toEqual([user('two')]);
    expect(r2!.resolvedBody.input).toEqual(second.input);
    transport.close();
  });

  it('opens a second socket for a conversation whose socket is busy', async () => {
    const { transport, send } = setup();
    emu.enqueue({
      kind: 'sse',
      events: responseEvents({ id: 'resp_slow', output: [{ type: 'message', text: 'slow' }] }),
      delayMs: 5,
    });
    const [a, b] = await Promise.all([send(body([user('a')])), send(body([user('b')]))]);
    const [ea, eb] = await Promise.all([readAll(a), readAll(b)]);
    expect(ea.at(-1)!.type).toBe('response.completed');
    expect(eb.at(-1)!.type).toBe('response.completed');
    expect(emu.websocket.handshakes).toHaveLength(2);
    transport.close();
  });

  it('maps an error frame to the APICallError of its HTTP status', async () => {
    const { transport, send } = setup();
    emu.enqueue({
      kind: 'http',
      status: 429,
      body: {
        error: {
          type: 'usage_limit_reached',
          message: 'limit',
          plan_type: 'plus',
          resets_in_seconds: 60,
        },
      },
    });
    const error = await send(body([user('x')])).catch(e => e);
    expect(APICallError.isInstance(error)).toBe(true);
    expect(error).toMatchObject({ statusCode: 429, isRetryable: false });
    expect(error.message).toContain('usage limit (plus plan)');
    // the socket stays usable
    await readAll(await send(body([user('y')])));
    expect(emu.websocket.handshakes).toHaveLength(1);
    transport.close();
  });

  it('falls back to HTTP for good after a refused upgrade, telling once', async () => {
    const http: CodexTransport = {
      send: async () => ({
        responseHeaders: { via: 'http' },
        openEvents: () => ({ read: async () => 'end', cancel: () => {} }),
      }),
    };
    const { transport, send, warnings } = setup(http);
    emu.websocket.rejectHandshake = () => ({ status: 426 });
    expect((await send(body([user('a')]))).responseHeaders).toEqual({ via: 'http' });
    expect((await send(body([user('b')]))).responseHeaders).toEqual({ via: 'http' });
    expect(emu.websocket.handshakes).toHaveLength(1);
    expect(warnings).toHaveLength(1);
    expect(warnings[0]).toContain('426');
    expect(transport.fellBack).toBe(true);
  });

  it('falls back to HTTP where the WebSocket code cannot load (not Node.js, old Node.js)', async () => {
    const http: CodexTransport = {
      send: async () => ({
        responseHeaders: { via: 'http' },
        openEvents: () => ({ read: async () => 'end', cancel: () => {} }),
      }),
    };
    const transport = createWebSocketTransport({
      replayOutput: outputItemsAsInput,
      http,
      loadSocketOpener: () => Promise.reject(new Error("Cannot find module 'undici'")),
    });
    const request = {
      url: `${emu.baseURL}/responses`,
      headers: {},
      body: body([user('a')]),
      signal: new AbortController().signal,
    };
    const first = await transport.send(request);
    expect(first.warnings).toEqual([
      { type: 'other', message: expect.stringContaining("Cannot find module 'undici'") },
    ]);
    expect((await transport.send(request)).warnings).toBeUndefined();
    expect(emu.websocket.handshakes).toHaveLength(0);
  });

  it('never follows a redirected upgrade, nor takes it for "use HTTP"', async () => {
    const { transport, send, warnings } = setup();
    emu.websocket.rejectHandshake = () => ({
      status: 302,
      headers: { location: 'https://elsewhere.example/responses?token=abc' },
    });
    const error = await send(body([user('a')])).catch(e => e);
    expect(error).toMatchObject({ statusCode: 302, isRetryable: false });
    expect(error.message).toContain(
      'answered with a redirect (302) to https://elsewhere.example/responses',
    );
    expect(error.message).not.toContain('token=abc');
    expect(warnings).toEqual([]);
    expect(transport.fellBack).toBe(false);
  });

  it('names a header that cannot be sent, and sends nothing', async () => {
    const transport = createWebSocketTransport({
      replayOutput: outputItemsAsInput,
      http: noHttp,
    });
    const error = await transport
      .send({
        url: `${emu.baseURL}/responses`,
        headers: { authorization: 'Bearer tok', 'x-app': 'a\r\nb' },
        body: body([user('a')]),
        signal: new AbortController().signal,
      })
      .catch(e => e);
    expect(InvalidArgumentError.isInstance(error)).toBe(true);
    expect(error.message).toContain('"x-app"');
    expect(emu.websocket.handshakes).toHaveLength(0);
  });

  it('rejects a 401 upgrade with a 401 APICallError, without falling back', async () => {
    const { transport, send, warnings } = setup();
    emu.acceptToken = () => false;
    const error = await send(body([user('a')])).catch(e => e);
    expect(error).toMatchObject({ statusCode: 401 });
    expect(warnings).toEqual([]);
    expect(transport.fellBack).toBe(false);
  });

  it('reconnects and sends the full input when the socket reached its age limit', async () => {
    const { transport, send } = setup();
    const first = body([user('one')]);
    const events1 = await readAll(await send(first));
    emu.websocket.maxSocketAgeMs = 100;
    await new Promise(r => setTimeout(r, 150));
    const second = body([...first.input, ...replayOf(events1), user('two')]);
    const stream = await send(second);
    expect((await readAll(stream)).at(-1)!.type).toBe('response.completed');
    expect(emu.websocket.handshakes).toHaveLength(2);
    const frames = emu.requests.map(r => r.body);
    const id = (events1[0]!.response as { id: string }).id;
    expect(frames[1].previous_response_id).toBe(id);
    expect(frames[2].previous_response_id).toBeUndefined();
    expect(frames[2].input).toEqual(second.input);
    transport.close();
  });

  it('rejects with a retryable error when the socket closes before the response starts', async () => {
    const { transport, send } = setup();
    emu.enqueue({ kind: 'reset' });
    const error = await send(body([user('a')])).catch(e => e);
    expect(error).toMatchObject({ isRetryable: true });
    expect(error.message).toContain('closed before the response started');
    transport.close();
  });

  it('gives up on a socket that accepts a request but stays silent', async () => {
    const { transport, send } = transportToEmulator(emu, { firstEventTimeoutMs: 100 });
    await readAll(await send(body([user('open the socket')])));
    emu.latencyMs = 300;
    const error = await send(body([user('silence')])).catch(e => e);
    expect(error).toMatchObject({ isRetryable: true });
    expect(error.message).toMatch(/before the response started: no answer for 0.1 s/);
    transport.close();
  });

  it('fails the read when the socket closes mid-response, and closes that socket on abort', async () => {
    const { transport, send } = setup();
    emu.enqueue({
      kind: 'sse',
      events: responseEvents({ output: [{ type: 'message', text: 'one two three four' }] }),
      closeAfterEvents: 5,
    });
    const stream = await send(body([user('a')]));
    await expect(readAll(stream)).rejects.toThrow(/closed/);

    const controller = new AbortController();
    emu.enqueue({
      kind: 'sse',
      events: responseEvents({ output: [{ type: 'message', text: 'one two three four' }] }),
      delayMs: 50,
    });
    const slow = await send(body([user('b')]), controller.signal);
    const source = slow.openEvents(() => {});
    await source.read();
    controller.abort(new Error('stop'));
    await expect(source.read()).rejects.toThrow('stop');
    await new Promise(r => setTimeout(r, 50));
    expect(emu.websocket.openSockets).toBe(0);
    transport.close();
  });
});
