import { APICallError } from '@ai-sdk/provider';
import { convertReadableStreamToArray } from '@ai-sdk/provider-utils/test';
import { describe, expect, it } from 'vitest';
import { itemAdded, responseEvents, toSSE, type CodexEvent } from '../../test/support/codex-events';
import {
  corePartStreamOptions,
  sseConnection,
  type CoreFinishPart,
} from '../../test/support/part-stream';
import { CodexRequestSession } from '../transport/codex-request-session';
import type { CodexResponseStream } from '../transport/codex-transport';
import { createSseEventSource } from '../transport/sse-event-source';
import type { CodexContentPart } from './codex-stream-part';
import { createCodexPartStream } from './codex-part-stream';

// What the part stream retries and what it shows, with a real request session whose
// requests are scripted: each attempt is a body (events, then optionally a broken
// connection) or a failure to connect.

type Part = CodexContentPart | CoreFinishPart | { type: 'stream-start'; warnings: never[] };
type Attempt = { events: CodexEvent[]; thenBreak?: boolean } | { fail: unknown };

const encoder = new TextEncoder();

function body({ events, thenBreak }: { events: CodexEvent[]; thenBreak?: boolean }) {
  let pulls = 0;
  return new ReadableStream<Uint8Array>({
    // the break comes on the read after the events, as a connection dropping would
    pull(controller) {
      if (pulls++ === 0) controller.enqueue(encoder.encode(toSSE(events)));
      else if (thenBreak) controller.error(new TypeError('terminated'));
      else controller.close();
    },
  });
}

async function run(
  attempts: Attempt[],
  {
    holdUntil,
    signal,
    onSend,
    leadingParts,
  }: {
    holdUntil?: 'content' | 'finish';
    signal?: AbortSignal;
    onSend?: (n: number) => void;
    leadingParts?: CodexContentPart[];
  } = {},
) {
  let sent = 0;
  const send = async (): Promise<CodexResponseStream> => {
    const attempt = attempts[sent++]!;
    onSend?.(sent);
    if ('fail' in attempt) throw attempt.fail;
    return {
      responseHeaders: {},
      openEvents: onEvent => createSseEventSource(body(attempt), onEvent),
    };
  };
  const session = new CodexRequestSession(
    { maxRetries: 3, initialRetryDelayMs: 0, maxRetryDelayMs: 0, streamIdleTimeoutMs: undefined },
    signal,
  );
  const stream = createCodexPartStream(
    await session.connect(send),
    corePartStreamOptions({
      retries: { session, reconnect: () => session.connect(send) },
      holdUntil,
      leadingParts,
    }),
  );
  const parts = (await convertReadableStreamToArray(stream)) as Part[];
  return { parts, requests: sent };
}

const created = (id: string): CodexEvent => ({
  type: 'response.created',
  response: { id, model: 'gpt-5.3-codex' },
});
const overloaded: CodexEvent = {
  type: 'error',
  code: 'server_is_overloaded',
  message: 'Overloaded.',
};
const answer = (text: string) =>
  responseEvents({ id: 'resp_2', output: [{ type: 'message', text }] });
const errors = (parts: Part[]) =>
  parts.flatMap(p => (p.type === 'error' ? [(p.error as Error).message] : []));
const text = (parts: Part[]) => parts.map(p => (p.type === 'text-delta' ? p.delta : '')).join('');

describe('part stream retries', () => {
  it('drops what a failed attempt held and shows only the attempt that answered', async () => {
    const { parts, requests } = await run([
      { events: [created('resp_1'), overloaded] },
      { events: answer('Second.') },
    ]);
    expect(requests).toBe(2);
    expect(parts.map(p => p.type)).toEqual([
      'stream-start',
      'response-metadata',
      'text-start',
      'text-delta',
      'text-end',
      'finish',
    ]);
    // the held part is passed on as it was, nothing added to it
    expect(parts[1]).toStrictEqual({
      type: 'response-metadata',
      id: 'resp_2',
      modelId: 'gpt-5.3-codex',
      timestamp: new Date(1_760_000_000_000),
    });
    expect(text(parts)).toBe('Second.');
  });

  it('sends the leading parts (a compaction made before the request) first and once, whatever is retried', async () => {
    const leadingParts: CodexContentPart[] = [
      { type: 'reasoning-start', id: 'cmp_1', providerMetadata: { codex: { n: 1 } } },
      { type: 'reasoning-end', id: 'cmp_1', providerMetadata: { codex: { n: 1 } } },
    ];
    const { parts, requests } = await run(
      [{ events: [created('resp_1'), overloaded] }, { events: answer('Second.') }],
      { leadingParts },
    );
    expect(requests).toBe(2);
    expect(parts.slice(0, 4)).toEqual([
      { type: 'stream-start', warnings: [] },
      ...leadingParts,
      {
        type: 'response-metadata',
        id: 'resp_2',
        modelId: 'gpt-5.3-codex',
        timestamp: expect.any(Date),
      },
    ]);
    expect(parts.filter(p => p.type === 'reasoning-start')).toHaveLength(1);
    expect(text(parts)).toBe('Second.');
  });

  it.each([
    ['a text block', { id: 'msg_1', type: 'message' }, 'text-start'],
    ['a reasoning block', { id: 'rs_1', type: 'reasoning' }, 'reasoning-start'],
    [
      'a tool call',
      { id: 'fc_1', type: 'function_call', call_id: 'call_1', name: 'lookup' },
      'tool-input-start',
    ],
  ])('does not retry once %s has started: the caller saw it', async (_, item, startType) => {
    const { parts, requests } = await run([
      {
        events: [created('resp_1'), itemAdded(0, item)],
        thenBreak: true,
      },
      { events: answer('never') },
    ]);
    expect(requests).toBe(1);
    expect(parts.map(p => p.type)).toContain(startType);
    expect(errors(parts)).toEqual([expect.stringMatching(/broke mid-stream/)]);
    expect(parts.at(-1)).toMatchObject({ type: 'finish', unified: 'error' });
  });

  it('does not retry after an error part was shown, even one that did not end the response', async () => {
    const malformed: CodexEvent = {
      type: 'response.output_item.done',
      output_index: 0,
      item: { type: 'function_call', name: 'no call id' },
    };
    const { parts, requests } = await run([
      { events: [created('resp_1'), malformed, overloaded] },
      { events: answer('never') },
    ]);
    expect(requests).toBe(1);
    expect(errors(parts)).toEqual([
      expect.stringMatching(/malformed function_call item \(invalid call_id\)/),
      'server_is_overloaded: Overloaded.',
    ]);
  });

  it('retries a failure after content when holding until finish (doGenerate)', async () => {
    const { parts, requests } = await run(
      [
        { events: [created('resp_1'), ...answer('First').slice(1, -1)], thenBreak: true },
        { events: answer('Second.') },
      ],
      { holdUntil: 'finish' },
    );
    expect(requests).toBe(2);
    expect(text(parts)).toBe('Second.');
    expect(errors(parts)).toEqual([]);
  });

  it.each([
    [{ error: { code: 'invalid_prompt', message: 'No.' } }, 'invalid_prompt'],
    [{ error: { type: 'invalid_request_error', message: 'No.' } }, 'invalid_request_error'],
    [{ error: { code: 400 } }, 'error'],
    [undefined, 'error'],
  ])(
    'ends with the error of a retry that could not connect (data %j → raw %s)',
    async (data, raw) => {
      const rejected = new APICallError({
        message: 'Bad request.',
        url: 'http://test/responses',
        requestBodyValues: {},
        statusCode: 400,
        data,
        isRetryable: false,
      });
      const { parts, requests } = await run([
        { events: [created('resp_1'), overloaded] },
        { fail: rejected },
      ]);
      expect(requests).toBe(2);
      expect(parts).toEqual([
        { type: 'stream-start', warnings: [] },
        { type: 'error', error: rejected },
        expect.objectContaining({ type: 'finish', unified: 'error', raw }),
      ]);
    },
  );

  it('ends with the error of a retry that failed with something other than an HTTP answer', async () => {
    const broken = new Error('no route to host');
    const { parts } = await run([{ events: [overloaded] }, { fail: broken }]);
    expect(parts.slice(1)).toEqual([
      { type: 'error', error: broken },
      expect.objectContaining({ type: 'finish', unified: 'error', raw: 'error' }),
    ]);
  });

  it('rejects with the abort when the caller aborts while the retry connects', async () => {
    const controller = new AbortController();
    const attempt = run(
      [{ events: [overloaded] }, { fail: new DOMException('aborted', 'AbortError') }],
      { signal: controller.signal, onSend: n => n === 2 && controller.abort() },
    );
    await expect(attempt).rejects.toMatchObject({ name: 'AbortError' });
  });
});

describe('idle timeout', () => {
  it('ends a body that goes silent with a timeout error naming the setting', async () => {
    const silent = new ReadableStream<Uint8Array>({
      start(controller) {
        controller.enqueue(encoder.encode(toSSE([created('resp_idle')])));
      },
    });
    const stream = createCodexPartStream(
      sseConnection(silent),
      corePartStreamOptions({ idleTimeoutMs: 30 }),
    );
    const parts = (await convertReadableStreamToArray(stream)) as Part[];
    expect(errors(parts)).toEqual([
      'stream_idle_timeout: The Codex stream timed out: no data for 0.03 s (streamIdleTimeoutMs); the request was aborted.',
    ]);
    expect(parts.at(-1)).toMatchObject({
      type: 'finish',
      unified: 'error',
      raw: 'stream_idle_timeout',
    });
  });
});
