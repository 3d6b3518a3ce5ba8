import {
  APICallError,
  type LanguageModelV2CallWarning,
  type LanguageModelV2StreamPart,
} from '@ai-sdk/provider';
import { convertReadableStreamToArray } from '@ai-sdk/provider-utils/test';
import { describe, expect, it } from 'vitest';
import {
  itemAdded,
  itemDone,
  loadFixture,
  responseCompleted,
  responseEvents,
  summaryTexts,
  toSSE,
  type CodexEvent,
} from '../../test/support/codex-events';
import {
  corePartStreamOptions,
  sseConnection,
  testStreamErrors,
  type CoreFinishPart,
} from '../../test/support/part-stream';
import { v2OutputShape } from '../spec/v2-output-shape';
import { CodexRequestSession } from '../transport/codex-request-session';
import { createSseEventSource } from '../transport/sse-event-source';
import { createCodexPartStream } from './codex-part-stream';

type V2FinishPart = Extract<LanguageModelV2StreamPart, { type: 'finish' }>;

const encoder = new TextEncoder();

type RunOptions = { includeRawChunks?: boolean; coalesceDeltas?: boolean };

function partStream(body: ReadableStream<Uint8Array>, options: RunOptions = {}) {
  let n = 0;
  return createCodexPartStream<V2FinishPart, LanguageModelV2CallWarning>(sseConnection(body), {
    warnings: [],
    finishPart: v2OutputShape.finishPart,
    includeRawChunks: options.includeRawChunks ?? false,
    coalesceDeltas: options.coalesceDeltas,
    generateId: () => `gen-${n++}`,
    createError: testStreamErrors(),
  });
}

function byteStream(chunks: Uint8Array[]): ReadableStream<Uint8Array> {
  return new ReadableStream({
    start(controller) {
      for (const chunk of chunks) controller.enqueue(chunk);
      controller.close();
    },
  });
}

/** A body the test writes to while the part stream reads it, as a server streaming live. */
function liveBody() {
  let controller!: ReadableStreamDefaultController<Uint8Array>;
  const live = {
    cancelled: false,
    body: new ReadableStream<Uint8Array>({
      start(c) {
        controller = c;
      },
      cancel() {
        live.cancelled = true;
      },
    }),
    push: (sse: string) => controller.enqueue(encoder.encode(sse)),
    end: () => controller.close(),
  };
  return live;
}

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

async function run(sse: string | Uint8Array[], options?: RunOptions) {
  const chunks = typeof sse === 'string' ? [encoder.encode(sse)] : sse;
  return convertReadableStreamToArray(partStream(byteStream(chunks), options));
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
  const session = new CodexRequestSession(
    async () => {
      if (sent++ > 0) throw failure;
      const body = byteStream([encoder.encode(toSSE(events))]);
      return { responseHeaders: {}, openEvents: onEvent => createSseEventSource(body, onEvent) };
    },
    { maxRetries: 1, initialRetryDelayMs: 0, maxRetryDelayMs: 0, streamIdleTimeoutMs: undefined },
    undefined,
  );
  const stream = createCodexPartStream(
    await session.connect(),
    corePartStreamOptions({ session, holdUntil }),
  );
  return convertReadableStreamToArray(stream);
}

const types = (parts: LanguageModelV2StreamPart[]) => parts.map(p => p.type);
const finishOf = (parts: LanguageModelV2StreamPart[]) =>
  parts.find(p => p.type === 'finish') as Extract<LanguageModelV2StreamPart, { type: 'finish' }>;
/** The deltas of one kind joined, only those of block `id` when given. */
const deltasOf = (
  parts: LanguageModelV2StreamPart[],
  type: 'text-delta' | 'reasoning-delta' | 'tool-input-delta',
  id?: string,
) =>
  parts
    .filter(p => p.type === type && (id == null || (p as { id: string }).id === id))
    .map(p => (p as { delta: string }).delta)
    .join('');
const textOf = (parts: LanguageModelV2StreamPart[], id?: string) =>
  deltasOf(parts, 'text-delta', id);
/** The part types of a stream holding one block of `kind` and nothing else. */
const oneBlock = (kind: 'text' | 'reasoning') => [
  'stream-start',
  `${kind}-start`,
  `${kind}-delta`,
  `${kind}-end`,
  'finish',
];

describe('createCodexPartStream', () => {
  it('maps a text response', async () => {
    const parts = await run(loadFixture('text'));
    expect(parts.filter(p => p.type !== 'text-delta')).toMatchInlineSnapshot(`
      [
        {
          "type": "stream-start",
          "warnings": [],
        },
        {
          "id": "resp_text_1",
          "modelId": "gpt-5.3-codex",
          "timestamp": 2025-10-09T08:53:20.000Z,
          "type": "response-metadata",
        },
        {
          "id": "msg_a1",
          "type": "text-start",
        },
        {
          "id": "msg_a1",
          "providerMetadata": {
            "codex": {
              "itemId": "msg_a1",
              "phase": "final_answer",
            },
          },
          "type": "text-end",
        },
        {
          "finishReason": "stop",
          "providerMetadata": {
            "codex": {
              "responseId": "resp_text_1",
            },
          },
          "type": "finish",
          "usage": {
            "cachedInputTokens": 4,
            "inputTokens": 12,
            "outputTokens": 9,
            "reasoningTokens": 0,
            "totalTokens": 21,
          },
        },
      ]
    `);
    expect(textOf(parts, 'msg_a1')).toBe('Hello, world! Ünïcödé 👋 done.');
  });

  it('starts a reasoning block per summary part and puts the encrypted content on the last end', async () => {
    const parts = await run(loadFixture('reasoning-text'));
    const reasoning = parts.filter(
      p => p.type.startsWith('reasoning-') && p.type !== 'reasoning-delta',
    );
    expect(reasoning).toEqual([
      { type: 'reasoning-start', id: 'rs_r1:0', providerMetadata: { codex: { itemId: 'rs_r1' } } },
      { type: 'reasoning-end', id: 'rs_r1:0', providerMetadata: { codex: { itemId: 'rs_r1' } } },
      { type: 'reasoning-start', id: 'rs_r1:1', providerMetadata: { codex: { itemId: 'rs_r1' } } },
      {
        type: 'reasoning-end',
        id: 'rs_r1:1',
        providerMetadata: {
          codex: { itemId: 'rs_r1', reasoningEncryptedContent: 'enc:gAAAAB-reasoning-1' },
        },
      },
    ]);
    expect(deltasOf(parts, 'reasoning-delta', 'rs_r1:0')).toBe('**Reading** the question.');
    expect(deltasOf(parts, 'reasoning-delta', 'rs_r1:1')).toBe('**Answering** briefly.');
    // no delta before its start
    const firstDelta = parts.findIndex(p => p.type === 'reasoning-delta');
    expect(firstDelta).toBeGreaterThan(parts.findIndex(p => p.type === 'reasoning-start'));
    expect(finishOf(parts).usage).toEqual({
      inputTokens: 30,
      outputTokens: 50,
      totalTokens: 80,
      reasoningTokens: 40,
      cachedInputTokens: 10,
    });
  });

  it('maps raw reasoning text deltas into a reasoning block', async () => {
    const parts = await run(
      toSSE([
        itemAdded(0, { id: 'rs_x', type: 'reasoning' }),
        {
          type: 'response.reasoning_text.delta',
          item_id: 'rs_x',
          output_index: 0,
          content_index: 0,
          delta: 'raw ',
        },
        {
          type: 'response.reasoning_text.delta',
          item_id: 'rs_x',
          output_index: 0,
          content_index: 0,
          delta: 'thought',
        },
        itemDone(0, { id: 'rs_x', type: 'reasoning', encrypted_content: 'enc:1' }),
        responseCompleted({ id: 'r' }),
      ]),
    );
    // one network read: the two deltas arrive as one part
    expect(types(parts)).toEqual(oneBlock('reasoning'));
    expect(parts[2]).toMatchObject({ type: 'reasoning-delta', delta: 'raw thought' });
  });

  it('emits an empty reasoning block carrying encrypted content when summaries are off', async () => {
    const parts = await run(
      toSSE([
        itemAdded(0, { id: 'rs_y', type: 'reasoning', summary: [] }),
        itemDone(0, { id: 'rs_y', type: 'reasoning', summary: [], encrypted_content: 'enc:2' }),
        responseCompleted(),
      ]),
    );
    expect(parts.filter(p => p.type === 'reasoning-end')).toEqual([
      {
        type: 'reasoning-end',
        id: 'rs_y:0',
        providerMetadata: { codex: { itemId: 'rs_y', reasoningEncryptedContent: 'enc:2' } },
      },
    ]);
  });

  it('maps a function call: input parts then a tool-call from output_item.done', async () => {
    const parts = await run(loadFixture('tool-call'));
    const tool = parts.filter(p => p.type.startsWith('tool-'));
    expect(tool[0]).toEqual({
      type: 'tool-input-start',
      id: 'call_weather_1',
      toolName: 'getWeather',
    });
    expect(tool.at(-2)).toEqual({ type: 'tool-input-end', id: 'call_weather_1' });
    expect(tool.at(-1)).toEqual({
      type: 'tool-call',
      toolCallId: 'call_weather_1',
      toolName: 'getWeather',
      input: '{"city":"Paris"}',
    });
    expect(deltasOf(parts, 'tool-input-delta')).toBe('{"city":"Paris"}');
    expect(finishOf(parts).finishReason).toBe('tool-calls');
  });

  it('keeps interleaved parallel calls apart by output_index', async () => {
    const parts = await run(loadFixture('parallel-tool-calls'));
    expect(deltasOf(parts, 'tool-input-delta', 'call_a')).toBe('{"city":"Paris"}');
    expect(deltasOf(parts, 'tool-input-delta', 'call_b')).toBe('{"zone":"UTC"}');
    expect(parts.filter(p => p.type === 'tool-call')).toEqual([
      {
        type: 'tool-call',
        toolCallId: 'call_a',
        toolName: 'getWeather',
        input: '{"city":"Paris"}',
      },
      { type: 'tool-call', toolCallId: 'call_b', toolName: 'getTime', input: '{"zone":"UTC"}' },
    ]);
    // the deltas went out as they arrived, alternating, before either call ended
    expect(
      parts
        .filter(p => p.type.startsWith('tool-input-'))
        .map(p => `${p.type.slice('tool-input-'.length)} ${(p as { id: string }).id}`),
    ).toEqual([
      'start call_a',
      'start call_b',
      'delta call_a',
      'delta call_b',
      'delta call_a',
      'delta call_b',
      'delta call_a',
      'delta call_b',
      'end call_a',
      'end call_b',
    ]);
  });

  it('builds a call from output_item.done alone, and ignores argument deltas it cannot place', async () => {
    const parts = await run(
      toSSE([
        {
          type: 'response.function_call_arguments.delta',
          output_index: 0,
          item_id: 'fc',
          delta: '{"a"',
        },
        itemDone(0, {
          id: 'fc',
          type: 'function_call',
          call_id: 'c1',
          name: 't',
          arguments: '{"a":1}',
        }),
        responseCompleted(),
      ]),
    );
    expect(parts.filter(p => p.type !== 'stream-start' && p.type !== 'finish')).toEqual([
      { type: 'tool-input-start', id: 'c1', toolName: 't' },
      { type: 'tool-input-delta', id: 'c1', delta: '{"a":1}' },
      { type: 'tool-input-end', id: 'c1' },
      { type: 'tool-call', toolCallId: 'c1', toolName: 't', input: '{"a":1}' },
    ]);
  });

  it('starts a text block for a delta whose item was never announced', async () => {
    const parts = await run(
      toSSE([
        { type: 'response.output_text.delta', output_index: 3, item_id: 'msg_late', delta: 'hi' },
        responseCompleted(),
      ]),
    );
    expect(types(parts)).toEqual(oneBlock('text'));
    expect(parts[1]).toEqual({ type: 'text-start', id: 'msg_late' });
  });

  it('takes the text from output_item.done when no delta came', async () => {
    const parts = await run(
      toSSE([
        itemAdded(0, { id: 'm', type: 'message' }),
        itemDone(0, {
          id: 'm',
          type: 'message',
          content: [{ type: 'output_text', text: 'whole' }],
        }),
        responseCompleted(),
      ]),
    );
    expect(textOf(parts, 'm')).toBe('whole');
  });

  it('gives parts unique ids even when the backend repeats an item id', async () => {
    const parts = await run(
      toSSE([
        itemAdded(0, { id: 'dup', type: 'message' }),
        itemAdded(1, { id: 'dup', type: 'message' }),
        { type: 'response.output_text.delta', output_index: 0, item_id: 'dup', delta: 'a' },
        { type: 'response.output_text.delta', output_index: 1, item_id: 'dup', delta: 'b' },
        responseCompleted(),
      ]),
    );
    const starts = parts.filter(p => p.type === 'text-start').map(p => (p as { id: string }).id);
    expect(new Set(starts).size).toBe(2);
    expect(textOf(parts, starts[0])).toBe('a');
    expect(textOf(parts, starts[1])).toBe('b');
  });

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
      'context_length_exceeded: Your input exceeds the context window of this model. Please adjust your input and try again.',
    );
    expect(error.error.isRetryable).toBe(false);
    expect(finishOf(parts).finishReason).toBe('error');
    expect(types(parts).at(-1)).toBe('finish');
  });

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

  it('reports a malformed structural event and goes on', async () => {
    const parts = await run(
      toSSE([
        itemDone(0, { type: 'function_call', name: 't' }),
        ...responseEvents({ output: [{ type: 'message', text: 'still here' }] }),
      ]),
    );
    const error = (parts.find(p => p.type === 'error') as { error: Error }).error;
    expect(error.message).toMatch(/malformed response\.output_item\.done/);
    expect(textOf(parts)).toBe('still here');
    expect(finishOf(parts).finishReason).toBe('stop');
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

  it('emits raw parts when includeRawChunks is set', async () => {
    const parts = await run(loadFixture('text'), { includeRawChunks: true });
    const raw = parts.filter(p => p.type === 'raw');
    expect(raw.length).toBeGreaterThan(5);
    expect(raw[0]).toMatchObject({ rawValue: { type: 'response.created' } });
    expect((await run(loadFixture('text'))).some(p => p.type === 'raw')).toBe(false);
  });

  it('streams tool-call arguments as they arrive, announcing the call first', async () => {
    const live = liveBody();
    const reader = partStream(live.body).getReader();
    const next = async () => (await reader.read()).value;
    expect(await next()).toEqual({ type: 'stream-start', warnings: [] });
    live.push(
      toSSE([
        itemAdded(0, { id: 'fc_1', type: 'function_call', call_id: 'call_1', name: 'getWeather' }),
        {
          type: 'response.function_call_arguments.delta',
          output_index: 0,
          item_id: 'fc_1',
          delta: '{"city":',
        },
      ]),
    );
    expect(await next()).toEqual({
      type: 'tool-input-start',
      id: 'call_1',
      toolName: 'getWeather',
    });
    expect(await next()).toEqual({ type: 'tool-input-delta', id: 'call_1', delta: '{"city":' });
    live.push(
      toSSE([
        {
          type: 'response.function_call_arguments.delta',
          output_index: 0,
          item_id: 'fc_1',
          delta: '"Paris"}',
        },
      ]),
    );
    // the second half goes out before the server has finished the call
    expect(await next()).toEqual({ type: 'tool-input-delta', id: 'call_1', delta: '"Paris"}' });
    live.push(
      toSSE([
        itemDone(0, {
          id: 'fc_1',
          type: 'function_call',
          call_id: 'call_1',
          name: 'getWeather',
          arguments: '{"city":"Paris"}',
        }),
        responseCompleted({ id: 'r' }),
      ]),
    );
    live.end();
    const rest: LanguageModelV2StreamPart[] = [];
    for (let r = await reader.read(); !r.done; r = await reader.read()) rest.push(r.value);
    // no second copy of the arguments from output_item.done
    expect(rest).toEqual([
      { type: 'tool-input-end', id: 'call_1' },
      {
        type: 'tool-call',
        toolCallId: 'call_1',
        toolName: 'getWeather',
        input: '{"city":"Paris"}',
      },
      expect.objectContaining({ type: 'finish', finishReason: 'tool-calls' }),
    ]);
  });

  it('emits reasoning summary text that arrives only in output_item.done', async () => {
    const done = itemDone(0, {
      id: 'rs_d',
      type: 'reasoning',
      summary: summaryTexts('**Plan** first.', 'Then act.'),
      encrypted_content: 'enc:d',
    });
    const expected = [
      { type: 'reasoning-start', id: 'rs_d:0', providerMetadata: { codex: { itemId: 'rs_d' } } },
      { type: 'reasoning-delta', id: 'rs_d:0', delta: '**Plan** first.\n\nThen act.' },
      {
        type: 'reasoning-end',
        id: 'rs_d:0',
        providerMetadata: { codex: { itemId: 'rs_d', reasoningEncryptedContent: 'enc:d' } },
      },
    ];
    const announced = await run(
      toSSE([
        itemAdded(0, { id: 'rs_d', type: 'reasoning', summary: [] }),
        done,
        responseCompleted(),
      ]),
    );
    expect(announced.slice(1, -1)).toEqual(expected);
    // and when the item was never announced
    expect((await run(toSSE([done, responseCompleted()]))).slice(1, -1)).toEqual(expected);
  });

  it('takes a reasoning item’s text from its deltas, not again from output_item.done', async () => {
    const parts = await run(
      toSSE(
        responseEvents({
          output: [{ type: 'reasoning', summary: ['Only once.'], encryptedContent: 'enc:o' }],
        }),
      ),
    );
    expect(deltasOf(parts, 'reasoning-delta')).toBe('Only once.');
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

  it('puts the service tier and response id in the finish metadata', async () => {
    const finish = await coreFinishOf(
      toSSE([responseCompleted({ id: 'resp_t', service_tier: 'priority' })]),
    );
    expect(finish.providerMetadata).toEqual({
      codex: { responseId: 'resp_t', serviceTier: 'priority' },
    });
    const plain = await coreFinishOf(toSSE([responseCompleted({ id: 'resp_u' })]));
    expect(plain.providerMetadata).toEqual({ codex: { responseId: 'resp_u' } });
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

  describe('chunk boundaries', () => {
    const fixtures = ['text', 'reasoning-text', 'parallel-tool-calls', 'quirks'];
    // part for part: with coalescing, reads decide how deltas group (test/delta-coalescing.test.ts)
    const exact = { coalesceDeltas: false };

    it.each(fixtures)('gives the same parts for %s split at every byte', async name => {
      const bytes = encoder.encode(loadFixture(name));
      const expected = await run([bytes], exact);
      // every split point of a two-chunk delivery, including inside multi-byte characters
      for (let i = 1; i < bytes.length; i += 1) {
        const parts = await run([bytes.subarray(0, i), bytes.subarray(i)], exact);
        if (JSON.stringify(parts) !== JSON.stringify(expected)) {
          throw new Error(`split at byte ${i} changed the parts`);
        }
      }
      // and one byte at a time
      const single = Array.from(bytes, b => Uint8Array.of(b));
      expect(await run(single, exact)).toEqual(expected);
    });
  });

  it('streams 10 MB reading only as far ahead as the reader, and keeps every delta', async () => {
    const delta = 'Lorem ipsum dolor sit amet, consectetur adipiscing elit — ünï 😀. ';
    const head = encoder.encode(
      toSSE([
        {
          type: 'response.created',
          response: { id: 'big', model: 'gpt-5.3-codex', created_at: 1 },
        },
        itemAdded(0, { id: 'msg_big', type: 'message' }),
      ]),
    );
    const deltaEvent = encoder.encode(
      toSSE([
        {
          type: 'response.output_text.delta',
          item_id: 'msg_big',
          output_index: 0,
          content_index: 0,
          delta,
        },
      ]),
    );
    const count = Math.ceil((10 * 1024 * 1024) / deltaEvent.length);
    const tail = encoder.encode(toSSE([responseCompleted({ id: 'big' })]));
    // 4 KB-ish network chunks that cut events (and characters) anywhere, made on demand
    const CHUNK = 4093;
    const total = count * deltaEvent.length;
    let sent = -1; // the head goes first
    let pulledBytes = 0;
    const body = new ReadableStream<Uint8Array>(
      {
        pull(controller) {
          let chunk: Uint8Array;
          if (sent === -1) chunk = head;
          else if (sent >= total) {
            if (sent > total) return controller.close();
            chunk = tail;
          } else {
            const size = Math.min(CHUNK, total - sent);
            chunk = new Uint8Array(size);
            for (let i = 0; i < size; i++) chunk[i] = deltaEvent[(sent + i) % deltaEvent.length]!;
          }
          sent = sent === -1 ? 0 : sent >= total ? total + 1 : sent + chunk.length;
          pulledBytes += chunk.length;
          controller.enqueue(chunk);
        },
      },
      { highWaterMark: 0 },
    );
    const reader = partStream(body).getReader();
    let parts = 0;
    let deltas = 0; // backend deltas taken: a coalesced part holds several
    let chars = 0;
    let furthestAhead = 0;
    let finish: LanguageModelV2StreamPart | undefined;
    for (let r = await reader.read(); !r.done; r = await reader.read()) {
      if (r.value.type === 'text-delta') {
        parts++;
        chars += r.value.delta.length;
        const joined = r.value.delta.length / delta.length;
        // whole deltas, joined: a part never ends inside one
        if (r.value.delta !== delta.repeat(joined)) throw new Error('corrupted delta');
        deltas += joined;
        // bytes read from the body beyond the deltas the reader has taken
        furthestAhead = Math.max(
          furthestAhead,
          pulledBytes - head.length - deltas * deltaEvent.length,
        );
      } else if (r.value.type === 'finish') finish = r.value;
    }
    expect(chars).toBe(count * delta.length);
    expect(deltas).toBe(count);
    // ~4 KB reads of ~220-byte events: about one part per read instead of one per event
    expect(parts).toBeLessThan(count / 10);
    expect(finish).toMatchObject({ finishReason: 'stop' });
    // a stream that buffered the body would be megabytes ahead; this one stays within a read
    expect(furthestAhead).toBeLessThanOrEqual(2 * CHUNK);
  });
});
