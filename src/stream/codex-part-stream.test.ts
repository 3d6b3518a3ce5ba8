import { describe, expect, it } from 'vitest';
import {
  itemAdded,
  itemDone,
  loadFixture,
  responseCompleted,
  responseEvents,
  summaryTexts,
  toSSE,
} from '../../test/support/codex-events';
import { deltasOf, finishOf, run, textOf, types } from '../../test/support/part-stream-run';

// How the part stream maps Codex events to parts: text, reasoning, function calls, block ids.
// Endings are in codex-part-stream-endings.test.ts, reads and chunks in
// codex-part-stream-chunks.test.ts, retries in codex-part-stream-retries.test.ts.

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
});
