import { APICallError } from '@ai-sdk/provider';
import { convertReadableStreamToArray } from '@ai-sdk/provider-utils/test';
import { describe, expect, it } from 'vitest';
import {
  itemAdded,
  itemDone,
  loadFixture,
  responseCompleted,
  responseEvents,
  toSSE,
  type CodexEvent,
} from '../../test/support/codex-events';
import {
  corePartStreamOptions,
  sseConnection,
  type CoreFinishPart,
} from '../../test/support/part-stream';
import {
  byteStream,
  finishOf,
  partStream,
  run,
  textOf,
  types,
} from '../../test/support/part-stream-run';
import type { CodexResponseStream } from '../transport/codex-transport';
import { CodexRequestSession } from '../transport/codex-request-session';
import { createSseEventSource } from '../transport/sse-event-source';
import { createCodexPartStream } from './codex-part-stream';

// How a part stream ends: finish reasons, errors from the backend, a stream cut short, what
// comes after the terminal event, events it cannot read, and a retry that cannot connect.

const encoder = new TextEncoder();

/** The core's finish, before a spec version shapes it: unified and raw reason, metadata. */
async function coreFinishOf(sse: string) {
  const parts = await convertReadableStreamToArray(
    createCodexPartStream(
      sseConnection(byteStream([encoder.encode(sse)])),
      corePartStreamOptions(),
    ),
  );
  const { type: _, ...finish } = parts.at(-1) as CoreFinishPart;
  return finish;
}

/**
 * The core parts of a response whose first attempt ends with `events` (a retryable error)
 * and whose retry fails to connect with `failure`.
 */
async function failedRetry(
  events: CodexEvent[],
  failure: unknown,
  holdUntil?: 'content' | 'finish',
) {
  let sent = 0;
  const send = async (): Promise<CodexResponseStream> => {
    if (sent++ > 0) throw failure;
    const body = byteStream([encoder.encode(toSSE(events))]);
    return { responseHeaders: {}, openEvents: onEvent => createSseEventSource(body, onEvent) };
  };
  const session = new CodexRequestSession(
    { maxRetries: 1, initialRetryDelayMs: 0, maxRetryDelayMs: 0, streamIdleTimeoutMs: undefined },
    undefined,
  );
  const stream = createCodexPartStream(
    await session.connect(send),
    corePartStreamOptions({
      retries: { session, reconnect: () => session.connect(send) },
      holdUntil,
    }),
  );
  return convertReadableStreamToArray(stream);
}

describe('createCodexPartStream', () => {
  it('maps an incomplete response to finishReason length', async () => {
    const parts = await run(loadFixture('incomplete'));
    expect(finishOf(parts).finishReason).toBe('length');
    expect(textOf(parts)).toBe('This answer was cut');
  });

  it('maps content_filter to content-filter', async () => {
    const events = responseEvents({
      output: [],
      terminal: 'incomplete',
      incompleteReason: 'content_filter',
    });
    expect(finishOf(await run(toSSE(events))).finishReason).toBe('content-filter');
  });

  it('turns response.failed into an error part and finishReason error', async () => {
    const parts = await run(loadFixture('failed'));
    const error = parts.find(p => p.type === 'error') as { error: APICallError };
    expect(APICallError.isInstance(error.error)).toBe(true);
    expect(error.error.message).toBe(
      "context_length_exceeded: Your input exceeds the context window of this model. Please adjust your input and try again. Automatic compaction is off (`compaction: false`), lacks this model's window (call `listModels()` or set `compaction: { atInputTokens: n }`) or cannot help; `providerOptions.codex.compact: true` compacts for one call. Else start a new conversation or drop earlier messages.",
    );
    expect(error.error.isRetryable).toBe(false);
    expect(finishOf(parts).finishReason).toBe('error');
    expect(types(parts).at(-1)).toBe('finish');
  });

  it.each([
    ['an error event', (code: string, message: string) => ({ type: 'error', code, message })],
    [
      'response.failed',
      (code: string, message: string) => ({
        type: 'response.failed',
        response: { status: 'failed', error: { code, message } },
      }),
    ],
  ])(
    '%s with context_length_exceeded or usage_not_included says what to do; neither is retryable',
    async (_, event) => {
      const errorOf = async (code: string, message: string) => {
        const parts = await run(
          toSSE([...responseEvents({ output: [], terminal: 'none' }), event(code, message)]),
        );
        expect(finishOf(parts)).toMatchObject({ finishReason: 'error' });
        return (parts.find(p => p.type === 'error') as { error: APICallError }).error;
      };
      const tooLong = await errorOf('context_length_exceeded', 'Your input is too long.');
      expect(tooLong.message).toMatch(
        /^context_length_exceeded: Your input is too long\. Automatic compaction is off \(`compaction: false`\).*`providerOptions\.codex\.compact: true`/,
      );
      expect(tooLong.isRetryable).toBe(false);
      const noCodex = await errorOf('usage_not_included', 'Not included');
      expect(noCodex.message).toMatch(
        /^Your ChatGPT plan does not include Codex \(usage_not_included\): upgrade it \(https:\/\/chatgpt\.com\/pricing\)/,
      );
      expect(noCodex.isRetryable).toBe(false);
    },
  );

  it('turns an error event into an error part, with or without a code', async () => {
    const parts = await run(loadFixture('error-event'));
    const error = (parts.find(p => p.type === 'error') as { error: APICallError }).error;
    expect(error.message).toBe(
      'server_is_overloaded: Our servers are currently overloaded. Please try again later.',
    );
    expect(error.isRetryable).toBe(true);
    expect(finishOf(parts).finishReason).toBe('error');

    const noCode = await run(toSSE([{ type: 'error', message: 'Something broke' }]));
    expect((noCode.find(p => p.type === 'error') as { error: Error }).error.message).toBe(
      'Something broke',
    );
  });

  it('reports a stream that ends without a terminal event', async () => {
    const parts = await run(loadFixture('no-terminal'));
    expect(textOf(parts)).toBe('Partial answer');
    const error = (parts.find(p => p.type === 'error') as { error: Error }).error;
    expect(error.message).toMatch(/ended before the response was complete/);
    expect(finishOf(parts).finishReason).toBe('error');
    // the open text block is closed before finish
    expect(types(parts).indexOf('text-end')).toBeLessThan(types(parts).indexOf('finish'));
    expect(types(parts).filter(t => t === 'finish')).toHaveLength(1);
  });

  it('survives CRLF, comments, retry fields, unparsable payloads, unknown events and [DONE]', async () => {
    const parts = await run(loadFixture('quirks'));
    expect(types(parts).filter(t => t === 'error')).toEqual([]);
    expect(textOf(parts)).toBe('Quirky but fine');
    expect(parts.find(p => p.type === 'response-metadata')).toMatchObject({ id: 'resp_quirk_1' });
    expect(finishOf(parts).finishReason).toBe('stop');
  });

  it('reports a malformed item, delivers the rest of the response and finishes with error', async () => {
    const parts = await run(
      toSSE([
        itemDone(0, { type: 'function_call', name: 't' }),
        ...responseEvents({ output: [{ type: 'message', text: 'still here' }] }),
      ]),
    );
    const error = (parts.find(p => p.type === 'error') as { error: Error }).error;
    expect(error.message).toMatch(/malformed function_call item \(invalid call_id\)/);
    expect(textOf(parts)).toBe('still here');
    expect(finishOf(parts).finishReason).toBe('error');
  });

  it('ignores everything after the terminal event and cancels the body', async () => {
    let cancelled = false;
    const body = new ReadableStream<Uint8Array>({
      start(controller) {
        controller.enqueue(encoder.encode(loadFixture('text')));
        controller.enqueue(
          encoder.encode(
            toSSE([{ type: 'response.output_text.delta', output_index: 0, delta: 'late' }]),
          ),
        );
        // never closes, as a server that keeps the connection open
      },
      cancel() {
        cancelled = true;
      },
    });
    const result = await convertReadableStreamToArray(partStream(body));
    expect(types(result).at(-1)).toBe('finish');
    expect(textOf(result)).not.toContain('late');
    await new Promise(r => setTimeout(r, 0));
    expect(cancelled).toBe(true);
  });

  it('closes blocks still open at an abnormal end with their own end part, before finish', async () => {
    const parts = await run(
      toSSE([
        itemAdded(0, { id: 'rs_o', type: 'reasoning' }),
        {
          type: 'response.reasoning_summary_text.delta',
          output_index: 0,
          item_id: 'rs_o',
          delta: 'thinking',
        },
        itemAdded(1, { id: 'fc_o', type: 'function_call', call_id: 'call_o', name: 't' }),
        {
          type: 'response.function_call_arguments.delta',
          output_index: 1,
          item_id: 'fc_o',
          delta: '{"a',
        },
        itemAdded(2, { id: 'msg_o', type: 'message' }),
        { type: 'response.output_text.delta', output_index: 2, item_id: 'msg_o', delta: 'par' },
      ]),
    );
    const ends = parts.slice(parts.findIndex(p => p.type === 'error') + 1);
    expect(ends).toEqual([
      { type: 'reasoning-end', id: 'rs_o:0' },
      { type: 'tool-input-end', id: 'call_o' },
      { type: 'text-end', id: 'msg_o' },
      expect.objectContaining({ type: 'finish', finishReason: 'error' }),
    ]);
    // no call is made from half its arguments
    expect(types(parts)).not.toContain('tool-call');
  });

  it('finishes cleanly on a terminal event that lacks its closing blank line', async () => {
    const body = toSSE(responseEvents({ output: [{ type: 'message', text: 'x' }] })).replace(
      /\n\n$/,
      '\n',
    );
    const parts = await run(body);
    expect(types(parts).filter(t => t === 'error' || t === 'finish')).toEqual(['finish']);
    expect(types(parts).at(-1)).toBe('finish');
    expect(finishOf(parts).finishReason).toBe('stop');
  });

  it('yields nothing after the terminal event, even from the same chunk', async () => {
    const late = toSSE([
      { type: 'response.output_text.delta', output_index: 0, item_id: 'msg_a1', delta: 'late' },
      itemAdded(5, { id: 'm5', type: 'message' }),
      { type: 'error', code: 'server_error', message: 'after the end' },
      responseCompleted({ id: 'again' }),
    ]);
    const parts = await run(loadFixture('text') + late, { includeRawChunks: true });
    expect(types(parts).at(-1)).toBe('finish');
    expect(types(parts).filter(t => t === 'finish')).toHaveLength(1);
    expect(textOf(parts)).not.toContain('late');
    expect(parts.some(p => p.type === 'raw' && JSON.stringify(p).includes('late'))).toBe(false);
  });

  it('skips data: null and other non-object payloads', async () => {
    const junk = 'data: null\n\ndata: 42\n\ndata: "text"\n\ndata: []\n\ndata: {"type":7}\n\n';
    const parts = await run(
      junk + toSSE(responseEvents({ output: [{ type: 'message', text: 'ok' }] })),
    );
    expect(types(parts)).not.toContain('error');
    expect(textOf(parts)).toBe('ok');
    expect(finishOf(parts).finishReason).toBe('stop');
  });

  it('puts the response id in the finish metadata, not the service tier the backend echoes', async () => {
    // the echo does not say whether the request ran on priority, so it is not reported
    const finish = await coreFinishOf(
      toSSE([responseCompleted({ id: 'resp_t', service_tier: 'priority' })]),
    );
    expect(finish.providerMetadata).toEqual({ codex: { responseId: 'resp_t' } });
  });

  it.each([
    [{ type: 'response.completed', response: { status: 'completed' } }, 'stop', 'completed'],
    [{ type: 'response.completed', response: {} }, 'stop', 'completed'],
    [
      {
        type: 'response.incomplete',
        response: { status: 'incomplete', incomplete_details: { reason: 'max_output_tokens' } },
      },
      'length',
      'max_output_tokens',
    ],
    [
      {
        type: 'response.incomplete',
        response: { status: 'incomplete', incomplete_details: { reason: 'content_filter' } },
      },
      'content-filter',
      'content_filter',
    ],
    [{ type: 'response.incomplete', response: { status: 'incomplete' } }, 'other', 'unknown'],
    [
      {
        type: 'response.failed',
        response: { status: 'failed', error: { code: 'server_error', message: 'x' } },
      },
      'error',
      'server_error',
    ],
    [{ type: 'error', message: 'no code' }, 'error', 'error'],
  ] as const)('finishes %j as %s with the raw reason %s', async (event, unified, raw) => {
    const finish = await coreFinishOf(toSSE([event]));
    expect({ unified: finish.unified, raw: finish.raw }).toEqual({ unified, raw });
  });

  describe('a retry that cannot connect', () => {
    const overloaded = { type: 'error', code: 'server_is_overloaded', message: 'Overloaded.' };
    const rejected = (data: unknown) =>
      new APICallError({
        message: 'Not found.',
        url: 'http://test/responses',
        requestBodyValues: {},
        statusCode: 404,
        data,
        isRetryable: false,
      });

    it.each(['content', 'finish'] as const)(
      'shows its error and the finish when holding until %s',
      async holdUntil => {
        const failure = rejected({ error: { code: 'not_found' } });
        const parts = await failedRetry([overloaded], failure, holdUntil);
        expect(parts).toEqual([
          { type: 'stream-start', warnings: [] },
          { type: 'error', error: failure },
          expect.objectContaining({ type: 'finish', unified: 'error', raw: 'not_found' }),
        ]);
      },
    );

    it.each([
      ['an HTTP answer whose body has no error object', rejected({ detail: 'Not Found' })],
      [
        'a failure that is no HTTP answer, whatever data it carries',
        Object.assign(new Error('proxy refused'), { data: { error: { code: 'not_ours' } } }),
      ],
    ])('finishes with the raw reason error for %s', async (_, failure) => {
      const parts = await failedRetry([overloaded], failure);
      expect(parts.slice(1)).toEqual([
        { type: 'error', error: failure },
        expect.objectContaining({ type: 'finish', unified: 'error', raw: 'error' }),
      ]);
    });
  });
});
