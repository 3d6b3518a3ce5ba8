import { getEventListeners } from 'node:events';
import { afterEach, describe, expect, it, vi } from 'vitest';
import type { CodexEvent } from '../../wire/codex-events';
import type { CodexSocket, CodexSocketListener } from './codex-socket';
import { CodexSocketResponse, type CodexSocketOutcome } from './codex-socket-response';

// One response on a socket, driven frame by frame: a stand-in socket plays the frames of a
// network read (and closes) exactly when a test says so, which the emulator cannot time.
// What the transport makes of the outcome is tested in websocket-transport*.test.ts.

class FrameSocket {
  listener: CodexSocketListener | undefined;
  sent: string[] = [];
  sendError: Error | undefined;
  listen(listener: CodexSocketListener | undefined) {
    this.listener = listener;
  }
  send(text: string) {
    if (this.sendError) throw this.sendError;
    this.sent.push(text);
  }
  /** Frames of one network read. */
  frames(...frames: Array<object | string>) {
    for (const frame of frames) {
      this.listener?.onMessage(typeof frame === 'string' ? frame : JSON.stringify(frame));
    }
  }
  closeWith(error: Error) {
    this.listener?.onClose(error);
  }
}

function setup(signal = new AbortController().signal) {
  const socket = new FrameSocket();
  const outcomes: CodexSocketOutcome[] = [];
  const response = new CodexSocketResponse(socket as unknown as CodexSocket, signal, outcome =>
    outcomes.push(outcome),
  );
  const events: CodexEvent[] = [];
  const open = () => response.openEvents(event => events.push(event));
  return { socket, response, outcomes, events, open };
}

const created = (id = 'resp_1') => ({ type: 'response.created', response: { id } });
const delta = (text: string) => ({ type: 'response.output_text.delta', delta: text });
const itemDone = (text: string) => ({
  type: 'response.output_item.done',
  item: { type: 'message', role: 'assistant', content: [{ type: 'output_text', text }] },
});
const completed = (response: object = { id: 'resp_1' }) => ({
  type: 'response.completed',
  response,
});

afterEach(() => {
  vi.useRealTimers();
});

describe('CodexSocketResponse', () => {
  it('hands one read its frames up to the terminal event, then frees the socket with the completed turn', async () => {
    const controller = new AbortController();
    const { socket, response, outcomes, events, open } = setup(controller.signal);
    response.start('{"type":"response.create"}');
    expect(socket.sent).toEqual(['{"type":"response.create"}']);

    socket.frames(created(), delta('Hi'), itemDone('Hi'), completed(), delta('late'));
    expect(await response.firstEvent(undefined)).toEqual(created());
    const source = open();
    expect(await source.read()).toBe('end');
    expect(events).toEqual([created(), delta('Hi'), itemDone('Hi'), completed()]);
    expect(outcomes).toStrictEqual([
      {
        reusable: true,
        completed: { responseId: 'resp_1', outputItems: [itemDone('Hi').item] },
      },
    ]);
    // a reader that asks again hears the end again instead of waiting for ever
    expect(await source.read()).toBe('end');
    // the socket and the caller's signal are let go
    expect(socket.listener).toBeUndefined();
    expect(getEventListeners(controller.signal, 'abort')).toHaveLength(0);
  });

  it('builds the next turn on the id the stream carried, wherever it came', async () => {
    // only response.created has it
    const a = setup();
    a.response.start('{}');
    a.socket.frames(created('resp_a'), delta('x'), completed({}));
    await a.response.firstEvent(undefined);
    expect(await a.open().read()).toBe('end');
    expect(a.outcomes[0]!.completed!.responseId).toBe('resp_a');

    // only response.completed has it (a response.created without its response is no harm)
    const b = setup();
    b.response.start('{}');
    b.socket.frames({ type: 'response.created' }, completed({ id: 'resp_b' }));
    await b.response.firstEvent(undefined);
    expect(await b.open().read()).toBe('end');
    expect(b.outcomes[0]!.completed!.responseId).toBe('resp_b');

    // none: no id to build on ('' is what tells the transport to send the full input)
    const c = setup();
    c.response.start('{}');
    c.socket.frames(delta('x'), completed({}));
    await c.response.firstEvent(undefined);
    expect(await c.open().read()).toBe('end');
    expect(c.outcomes).toStrictEqual([
      { reusable: true, completed: { responseId: '', outputItems: [] } },
    ]);
  });

  it('frees the socket after an incomplete response without a turn to build on', async () => {
    const { socket, response, outcomes, open } = setup();
    response.start('{}');
    socket.frames(created(), itemDone('cut'), {
      type: 'response.incomplete',
      response: { id: 'resp_1', incomplete_details: { reason: 'max_output_tokens' } },
    });
    await response.firstEvent(undefined);
    expect(await open().read()).toBe('end');
    expect(outcomes).toStrictEqual([{ reusable: true }]);
  });

  it('skips frames that are not events, as the SSE reader skips such payloads', async () => {
    const { socket, response, events, open } = setup();
    response.start('{}');
    socket.frames('not json', 'null', '5', '"text"', '{"no":"type"}', '{"type":7}', created());
    expect(await response.firstEvent(undefined)).toEqual(created());
    socket.frames('[1]', completed());
    expect(await open().read()).toBe('end');
    expect(events).toEqual([created(), completed()]);
  });

  it('still hands over the frames that came before a close, then fails the read with it', async () => {
    const { socket, response, outcomes, events, open } = setup();
    response.start('{}');
    socket.frames(created(), delta('one'));
    const closed = new Error('The Codex WebSocket closed (code 1006)');
    socket.closeWith(closed);
    expect(outcomes).toStrictEqual([{ reusable: false, failure: closed }]);
    await response.firstEvent(undefined);
    const source = open();
    expect(await source.read()).toBe('more');
    expect(events).toEqual([created(), delta('one')]);
    await expect(source.read()).rejects.toThrow('closed (code 1006)');
  });

  it('ends once when the socket closes right after the terminal event, and the response is whole', async () => {
    const { socket, response, outcomes, events, open } = setup();
    response.start('{}');
    socket.frames(created(), itemDone('Hi'), completed());
    const closed = new Error('The Codex WebSocket closed (code 1000)');
    socket.closeWith(closed);
    await response.firstEvent(undefined);
    expect(await open().read()).toBe('end');
    expect(events.at(-1)).toEqual(completed());
    // the closed socket is not offered again, and the pool hears of this response once
    expect(outcomes).toStrictEqual([{ reusable: false, failure: closed }]);
  });

  it('drops what is queued when the caller aborts, and rejects with the reason', async () => {
    const controller = new AbortController();
    const { socket, response, outcomes, events, open } = setup(controller.signal);
    response.start('{}');
    socket.frames(created(), delta('one'));
    await response.firstEvent(undefined);
    const reason = new Error('stop');
    controller.abort(reason);
    await expect(open().read()).rejects.toBe(reason);
    expect(events).toEqual([]);
    expect(outcomes).toStrictEqual([{ reusable: false, failure: reason }]);
    expect(getEventListeners(controller.signal, 'abort')).toHaveLength(0);
  });

  it('fails at once when the request frame cannot be sent', async () => {
    const { socket, response, outcomes } = setup();
    socket.sendError = new Error('WebSocket is not open');
    response.start('{}');
    await expect(response.firstEvent(undefined)).rejects.toThrow('WebSocket is not open');
    expect(outcomes).toStrictEqual([{ reusable: false, failure: socket.sendError }]);
  });

  it('gives up on a socket that stays silent, and does not offer it again', async () => {
    vi.useFakeTimers({ toFake: ['setTimeout', 'clearTimeout'] });
    const { response, outcomes } = setup();
    response.start('{}');
    const first = response.firstEvent(500);
    const failed = expect(first).rejects.toThrow('no answer for 0.5 s');
    await vi.advanceTimersByTimeAsync(500);
    await failed;
    expect(outcomes).toStrictEqual([
      { reusable: false, failure: new Error('no answer for 0.5 s') },
    ]);
  });

  it('lets a response that started take its time after the first event', async () => {
    vi.useFakeTimers({ toFake: ['setTimeout', 'clearTimeout'] });
    const { socket, response, outcomes, events, open } = setup();
    response.start('{}');
    socket.frames(created());
    await response.firstEvent(500);
    const source = open();
    expect(await source.read()).toBe('more');
    await vi.advanceTimersByTimeAsync(5_000);
    socket.frames(itemDone('slow'), completed());
    expect(await source.read()).toBe('end');
    expect(events.map(e => e.type)).toEqual([
      'response.created',
      'response.output_item.done',
      'response.completed',
    ]);
    expect(outcomes).toStrictEqual([
      { reusable: true, completed: { responseId: 'resp_1', outputItems: [itemDone('slow').item] } },
    ]);
  });

  it('closes the socket when the reader cancels mid-response, failing a read in progress', async () => {
    const { socket, response, outcomes, open } = setup();
    response.start('{}');
    socket.frames(created());
    await response.firstEvent(undefined);
    const source = open();
    expect(await source.read()).toBe('more');
    const pending = source.read();
    source.cancel();
    await expect(pending).rejects.toThrow('cancelled');
    // a response still in flight must not reach the next request on this socket
    expect(outcomes).toStrictEqual([
      { reusable: false, failure: new Error('The Codex WebSocket response was cancelled') },
    ]);
    expect(socket.listener).toBeUndefined();
    // cancelling after the end changes nothing
    source.cancel();
    expect(outcomes).toHaveLength(1);
  });

  it('delivers nothing more once settled on its first event', async () => {
    const { socket, response, outcomes } = setup();
    response.start('{}');
    socket.frames({ type: 'error', status: 429, error: { message: 'limit' } });
    expect((await response.firstEvent(undefined)).type).toBe('error');
    response.settle(true);
    expect(outcomes).toStrictEqual([{ reusable: true }]);
    await expect(response.firstEvent(undefined)).rejects.toThrow(
      'The Codex WebSocket response ended without events',
    );
  });
});
