import { APICallError } from '@ai-sdk/provider';
import { describe, expect, it } from 'vitest';
import { useCodexEmulator } from '../../../test/support/use-codex-emulator';
import {
  readAll,
  replayOf,
  requestBody as body,
  transportToEmulator,
  user,
} from '../../../test/support/websocket-transport-run';
import type { CodexEvent } from '../../wire/codex-events';
import type { CodexRequestBody } from '../../wire/codex-request-body';

// What the transport answers for itself before the caller hears of a failure: a socket at
// its age limit, a socket that lost the response a turn builds on, the caller's abort.

const emu = useCodexEmulator();

const setup = () => transportToEmulator(emu);

/** The next turn of a conversation: what it had, the answer (as the caller replays it), a new question. */
const nextTurn = (previous: CodexRequestBody, events: CodexEvent[], text: string) =>
  body([...previous.input, ...replayOf(events), user(text)]);

const responseId = (events: CodexEvent[]) => (events[0]!.response as { id: string }).id;
const frames = () => emu.requests.filter(r => r.transport === 'websocket').map(r => r.body);

describe('WebSocket transport retries', () => {
  it('tries three fresh sockets at the age limit, then fails retryably', async () => {
    const { transport, send } = setup();
    emu.websocket.maxSocketAgeMs = -1; // every socket is too old
    const error = await send(body([user('a')])).catch(e => e);
    expect(APICallError.isInstance(error)).toBe(true);
    // the retry layer above may try again later: the limit is about the socket, not the request
    expect(error).toMatchObject({ statusCode: 400, isRetryable: true });
    expect(error.message).toContain('connection limit reached');
    expect(emu.websocket.handshakes).toHaveLength(3);
    expect(frames()).toHaveLength(3);
    transport.close();
  });

  it('opens a new socket at the age limit even while older ones sit idle', async () => {
    const { transport, send } = setup();
    // three sockets of the conversation, idle in the pool
    const streams = await Promise.all([1, 2, 3].map(n => send(body([user(`q${n}`)]))));
    await Promise.all(streams.map(readAll));
    expect(emu.websocket.handshakes).toHaveLength(3);
    // all three are now too old; a new one is not, however long the machine takes
    emu.websocket.ageOutOpenSockets();

    const events = await readAll(await send(body([user('q4')])));
    expect(events.at(-1)!.type).toBe('response.completed');
    expect(emu.websocket.handshakes).toHaveLength(4);
    expect(frames()).toHaveLength(5);
    expect(frames()[4].input).toEqual([user('q4')]);
    transport.close();
  });

  it('sends the full input on the same socket when the backend lost the previous response', async () => {
    const { transport, send } = setup();
    const first = body([user('one')]);
    const events1 = await readAll(await send(first));
    emu.enqueue({
      kind: 'http',
      status: 400,
      body: {
        error: {
          type: 'invalid_request_error',
          code: 'previous_response_not_found',
          message: `Previous response with id '${responseId(events1)}' not found.`,
        },
      },
    });
    const second = nextTurn(first, events1, 'two');
    const events2 = await readAll(await send(second));
    expect(events2.at(-1)!.type).toBe('response.completed');

    expect(emu.websocket.handshakes).toHaveLength(1);
    const [, increment, full] = frames();
    expect(increment.previous_response_id).toBe(responseId(events1));
    expect(increment.input).toEqual([user('two')]);
    expect(full.previous_response_id).toBeUndefined();
    expect(full.input).toEqual(second.input);
    expect(frames()).toHaveLength(3);
    transport.close();
  });

  it('gives the caller the error when the full input is not found either', async () => {
    const { transport, send } = setup();
    const first = body([user('one')]);
    const events1 = await readAll(await send(first));
    const notFound = {
      kind: 'http' as const,
      status: 400,
      body: {
        error: {
          type: 'invalid_request_error',
          code: 'previous_response_not_found',
          message: 'Previous response not found.',
        },
      },
    };
    emu.enqueue(notFound, notFound);
    const error = await send(nextTurn(first, events1, 'two')).catch(e => e);
    expect(error).toMatchObject({ statusCode: 400, isRetryable: false });
    expect(error.message).toContain('Previous response not found');
    expect(frames()).toHaveLength(3);
    transport.close();
  });

  it('does not retry other errors of a continued turn', async () => {
    const { transport, send } = setup();
    const first = body([user('one')]);
    const events1 = await readAll(await send(first));
    emu.enqueue({
      kind: 'http',
      status: 429,
      body: { error: { type: 'usage_limit_reached', message: 'limit', resets_in_seconds: 60 } },
    });
    const error = await send(nextTurn(first, events1, 'two')).catch(e => e);
    expect(error).toMatchObject({ statusCode: 429, isRetryable: false });
    expect(frames()).toHaveLength(2);
    transport.close();
  });

  it('rejects with the abort reason when the caller aborts before the first event', async () => {
    const { transport, send } = setup();
    await readAll(await send(body([user('open the socket')])));
    emu.latencyMs = 200;
    const controller = new AbortController();
    const sending = send(body([user('a')]), controller.signal);
    const reason = new Error('stop');
    controller.abort(reason);
    await expect(sending).rejects.toBe(reason);
    transport.close();
  });
});
