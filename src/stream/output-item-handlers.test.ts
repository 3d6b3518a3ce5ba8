import { describe, expect, it } from 'vitest';
import {
  itemAdded,
  itemDone,
  responseCompleted,
  responseEvents,
  summaryTexts,
  type CodexEvent,
} from '../../test/support/codex-events';
import {
  corePartsOf,
  LOCAL_SHELL_DECLARED,
  type CoreFinishPart,
} from '../../test/support/part-stream';
import type { CodexToolNames } from '../request/codex-tool-names';
import type { CodexContentPart } from './codex-stream-part';

// Output items → parts, through the real part stream: what a caller sees of each item's
// start, deltas and end, including the odd events the backend should not send.

type Part = CodexContentPart | CoreFinishPart | { type: 'stream-start'; warnings: never[] };

async function run(events: CodexEvent[]): Promise<Part[]> {
  return (await corePartsOf(events, LOCAL_SHELL_DECLARED)) as Part[];
}

/** The parts between `stream-start` and `finish`, for a response that completes normally. */
async function contentOf(events: CodexEvent[]) {
  const parts = await run([...events, responseCompleted()]);
  expect(parts.at(-1)).toMatchObject({ type: 'finish', unified: expect.any(String) });
  return parts.slice(1, -1);
}

const textDelta = (output_index: number, delta: unknown, item_id?: string): CodexEvent => ({
  type: 'response.output_text.delta',
  output_index,
  ...(item_id != null && { item_id }),
  delta,
});
const summaryDelta = (output_index: number, delta: unknown): CodexEvent => ({
  type: 'response.reasoning_summary_text.delta',
  output_index,
  delta,
});
const summaryPart = (output_index: number, summary_index: unknown): CodexEvent => ({
  type: 'response.reasoning_summary_part.added',
  output_index,
  summary_index,
});
const argumentsDelta = (output_index: number, delta?: string): CodexEvent => ({
  type: 'response.function_call_arguments.delta',
  output_index,
  ...(delta != null && { delta }),
});
const outputText = (text: string | null) => ({ type: 'output_text', text });

describe('message items', () => {
  it('keeps the announced item id on text-end when the finished message omits it', async () => {
    const parts = await contentOf([
      itemAdded(0, { id: 'msg_1', type: 'message' }),
      textDelta(0, 'Hi', 'msg_1'),
      itemDone(0, { type: 'message', content: [outputText('Hi')] }),
      // an id that is not a string is no item id
      itemAdded(1, { id: 42, type: 'message' }),
      textDelta(1, 'Yo'),
      itemDone(1, { type: 'message', content: [outputText('Yo')] }),
    ]);
    expect(parts).toEqual([
      { type: 'text-start', id: 'msg_1' },
      { type: 'text-delta', id: 'msg_1', delta: 'Hi' },
      { type: 'text-end', id: 'msg_1', providerMetadata: { codex: { itemId: 'msg_1' } } },
      { type: 'text-start', id: 'gen-0' },
      { type: 'text-delta', id: 'gen-0', delta: 'Yo' },
      { type: 'text-end', id: 'gen-0', providerMetadata: { codex: { itemId: null } } },
    ]);
  });

  it('takes the item id from the finished message when its deltas carried none', async () => {
    const parts = await contentOf([
      textDelta(0, 'Hi'),
      itemDone(0, { id: 'msg_x', type: 'message', phase: null, content: [outputText('Hi')] }),
    ]);
    expect(parts).toEqual([
      { type: 'text-start', id: 'gen-0' },
      { type: 'text-delta', id: 'gen-0', delta: 'Hi' },
      // no phase: the backend sent none
      { type: 'text-end', id: 'gen-0', providerMetadata: { codex: { itemId: 'msg_x' } } },
    ]);
  });

  it('takes the text of a finished message from its output_text parts only', async () => {
    const parts = await contentOf([
      itemDone(0, {
        id: 'm',
        type: 'message',
        content: [
          outputText('Hello, '),
          { type: 'some_future_part', text: 'not the answer' },
          outputText(null),
          outputText('world'),
        ],
      }),
    ]);
    expect(parts.filter(p => p.type === 'text-delta')).toEqual([
      { type: 'text-delta', id: 'm', delta: 'Hello, world' },
    ]);
  });

  it('sends no empty text delta for a finished message without text', async () => {
    const parts = await contentOf([
      itemAdded(0, { id: 'm0', type: 'message' }),
      itemDone(0, { id: 'm0', type: 'message', content: [] }),
      itemDone(1, { id: 'm1', type: 'message' }),
    ]);
    expect(parts.map(p => p.type)).toEqual(['text-start', 'text-end', 'text-start', 'text-end']);
  });

  it('opens a text block of its own for a text delta at the index of a reasoning item', async () => {
    const parts = await contentOf([
      itemAdded(0, { id: 'rs_a', type: 'reasoning' }),
      textDelta(0, 'hi', 'msg_z'),
    ]);
    expect(parts.filter(p => p.type.startsWith('text-'))).toEqual([
      { type: 'text-start', id: 'msg_z' },
      { type: 'text-delta', id: 'msg_z', delta: 'hi' },
      { type: 'text-end', id: 'msg_z' },
    ]);
  });
});

describe('reasoning items', () => {
  it('is one empty block for a finished reasoning item without summary text', async () => {
    const parts = await contentOf([
      itemAdded(0, { id: 'rs_0', type: 'reasoning' }),
      itemDone(0, { id: 'rs_0', type: 'reasoning', summary: [], encrypted_content: 'enc:0' }),
      itemDone(1, { id: 'rs_1', type: 'reasoning' }),
    ]);
    const meta = (itemId: string, enc?: string | null) => ({
      codex: { itemId, ...(enc !== undefined && { reasoningEncryptedContent: enc }) },
    });
    expect(parts).toEqual([
      { type: 'reasoning-start', id: 'rs_0:0', providerMetadata: meta('rs_0') },
      { type: 'reasoning-end', id: 'rs_0:0', providerMetadata: meta('rs_0', 'enc:0') },
      { type: 'reasoning-start', id: 'rs_1:0', providerMetadata: meta('rs_1') },
      { type: 'reasoning-end', id: 'rs_1:0', providerMetadata: meta('rs_1', null) },
    ]);
  });

  it('opens a reasoning block of its own for a summary delta at the index of a message', async () => {
    const parts = await contentOf([
      itemAdded(0, { id: 'msg_a', type: 'message' }),
      { ...summaryDelta(0, 'hmm'), item_id: 'rs_z' },
    ]);
    expect(parts.filter(p => p.type.startsWith('reasoning-')).slice(0, 2)).toEqual([
      { type: 'reasoning-start', id: 'rs_z:0', providerMetadata: { codex: { itemId: 'rs_z' } } },
      { type: 'reasoning-delta', id: 'rs_z:0', delta: 'hmm' },
    ]);
  });

  const blocks = (parts: Part[]) =>
    parts.flatMap(p =>
      p.type === 'reasoning-start'
        ? [`start ${p.id}`]
        : p.type === 'reasoning-delta'
          ? [`${p.id} ${p.delta}`]
          : p.type === 'reasoning-end'
            ? [`end ${p.id}`]
            : [],
    );

  it('opens each summary part’s block once, even when the part is announced twice', async () => {
    const parts = await contentOf([
      itemAdded(0, { id: 'rs', type: 'reasoning' }),
      summaryPart(0, 0),
      summaryDelta(0, 'a'),
      summaryPart(0, 1),
      summaryPart(0, 1),
      summaryDelta(0, 'b'),
      itemDone(0, { id: 'rs', type: 'reasoning', summary: summaryTexts('a', 'b') }),
    ]);
    expect(blocks(parts)).toEqual([
      'start rs:0',
      'rs:0 a',
      'end rs:0',
      'start rs:1',
      'rs:1 b',
      'end rs:1',
    ]);
  });

  it('keeps the open block for a summary part at an earlier or unreadable index', async () => {
    const parts = await contentOf([
      itemAdded(0, { id: 'rs', type: 'reasoning' }),
      summaryPart(0, 1),
      summaryDelta(0, 'x'),
      summaryPart(0, 0),
      summaryPart(0, -1),
      summaryPart(0, '2'),
      summaryDelta(0, 'y'),
    ]);
    expect(blocks(parts)).toEqual([
      'start rs:0',
      'end rs:0',
      'start rs:1',
      'rs:1 x',
      'rs:1 y',
      'end rs:1',
    ]);
  });
});

describe('function call items', () => {
  it('takes the arguments from output_item.done when no delta came after the announcement', async () => {
    const parts = await contentOf([
      itemAdded(0, { id: 'fc', type: 'function_call', call_id: 'c1', name: 't' }),
      itemDone(0, { id: 'fc', type: 'function_call', call_id: 'c1', name: 't', arguments: '{}' }),
    ]);
    expect(parts).toEqual([
      { type: 'tool-input-start', id: 'c1', toolName: 't' },
      { type: 'tool-input-delta', id: 'c1', delta: '{}' },
      { type: 'tool-input-end', id: 'c1' },
      { type: 'tool-call', toolCallId: 'c1', toolName: 't', input: '{}' },
    ]);
  });

  it('sends no empty input delta for a call without arguments', async () => {
    const parts = await contentOf([
      itemDone(0, { id: 'fc', type: 'function_call', call_id: 'c1', name: 't' }),
      itemAdded(1, { id: 'fc1', type: 'function_call', call_id: 'c2', name: 'u' }),
      itemDone(1, { id: 'fc1', type: 'function_call', call_id: 'c2', name: 'u', arguments: '' }),
    ]);
    expect(parts).toEqual([
      { type: 'tool-input-start', id: 'c1', toolName: 't' },
      { type: 'tool-input-end', id: 'c1' },
      { type: 'tool-call', toolCallId: 'c1', toolName: 't', input: '' },
      { type: 'tool-input-start', id: 'c2', toolName: 'u' },
      { type: 'tool-input-end', id: 'c2' },
      { type: 'tool-call', toolCallId: 'c2', toolName: 'u', input: '' },
    ]);
  });

  it('ignores a call announced without call_id or name: its finished item brings the call', async () => {
    const parts = await contentOf([
      itemAdded(0, { id: 'fc0', type: 'function_call', name: 't' }),
      itemAdded(1, { id: 'fc1', type: 'function_call', call_id: 'c2' }),
      itemDone(0, { id: 'fc0', type: 'function_call', call_id: 'c1', name: 't', arguments: '1' }),
      itemDone(1, { id: 'fc1', type: 'function_call', call_id: 'c2', name: 'u', arguments: '2' }),
    ]);
    expect(parts).toEqual([
      { type: 'tool-input-start', id: 'c1', toolName: 't' },
      { type: 'tool-input-delta', id: 'c1', delta: '1' },
      { type: 'tool-input-end', id: 'c1' },
      { type: 'tool-call', toolCallId: 'c1', toolName: 't', input: '1' },
      { type: 'tool-input-start', id: 'c2', toolName: 'u' },
      { type: 'tool-input-delta', id: 'c2', delta: '2' },
      { type: 'tool-input-end', id: 'c2' },
      { type: 'tool-call', toolCallId: 'c2', toolName: 'u', input: '2' },
    ]);
  });

  it('ignores argument deltas without text or at the index of a message', async () => {
    const parts = await contentOf([
      itemAdded(0, { id: 'fc', type: 'function_call', call_id: 'c1', name: 't' }),
      argumentsDelta(0),
      itemAdded(1, { id: 'm', type: 'message' }),
      argumentsDelta(1, '{"not":"mine"}'),
      itemDone(0, { id: 'fc', type: 'function_call', call_id: 'c1', name: 't', arguments: '{}' }),
      itemDone(1, { id: 'm', type: 'message', content: [] }),
    ]);
    expect(parts).toEqual([
      { type: 'tool-input-start', id: 'c1', toolName: 't' },
      { type: 'text-start', id: 'm' },
      { type: 'tool-input-delta', id: 'c1', delta: '{}' },
      { type: 'tool-input-end', id: 'c1' },
      { type: 'tool-call', toolCallId: 'c1', toolName: 't', input: '{}' },
      { type: 'text-end', id: 'm', providerMetadata: { codex: { itemId: 'm' } } },
    ]);
  });
});

describe('backend tool items', () => {
  it('announces a web search and a shell call when they start, before the items that follow', async () => {
    const parts = await contentOf([
      itemAdded(0, { id: 'ws', type: 'web_search_call', status: 'in_progress' }),
      itemAdded(1, { id: 'lsh', type: 'local_shell_call', call_id: 'call_sh' }),
      ...responseEvents({ output: [{ type: 'message', text: 'meanwhile' }] })
        .filter(
          e => e.type.startsWith('response.output_') || e.type.startsWith('response.content_'),
        )
        .map(e => ({ ...e, output_index: 2 })),
      itemDone(0, {
        id: 'ws',
        type: 'web_search_call',
        status: 'completed',
        action: { type: 'search', query: 'q' },
      }),
      itemDone(1, {
        id: 'lsh',
        type: 'local_shell_call',
        call_id: 'call_sh',
        action: { type: 'exec', command: ['ls'] },
      }),
    ]);
    const firstText = parts.findIndex(p => p.type === 'text-start');
    expect(parts.slice(0, firstText).map(p => p.type)).toEqual([
      'tool-input-start',
      'tool-input-end',
      'tool-call',
      'tool-input-start',
    ]);
    expect(parts.slice(0, firstText)).toMatchObject([
      { id: 'ws', providerExecuted: true },
      { id: 'ws' },
      { toolCallId: 'ws', toolName: 'web_search', providerExecuted: true },
      { id: 'call_sh', toolName: 'local_shell' },
    ]);
  });
});

describe('backend tool items finished without a start', () => {
  const names: CodexToolNames = {
    ...LOCAL_SHELL_DECLARED,
    customByWireName: { run_sql: 'sql' },
    customBySdkName: { sql: 'run_sql' },
  };
  const exec = { type: 'exec', command: ['ls'] };
  const input = JSON.stringify({ action: exec });
  const shellCall = (id: string, itemId: string | null): Part[] => [
    { type: 'tool-input-start', id, toolName: 'local_shell' },
    { type: 'tool-input-delta', id, delta: input },
    { type: 'tool-input-end', id },
    {
      type: 'tool-call',
      toolCallId: id,
      toolName: 'local_shell',
      input,
      providerMetadata: { codex: { itemId, itemType: 'local_shell_call' } },
    },
  ];

  it('are built from output_item.done alone, under the call id, else the item id', async () => {
    const parts = (await corePartsOf(
      [
        // without any id, the start opens nothing: the finished item brings the call
        itemAdded(0, { type: 'local_shell_call', action: exec }),
        itemDone(0, { type: 'local_shell_call', id: 'lsh_0', call_id: 'call_0', action: exec }),
        itemDone(1, { type: 'local_shell_call', id: 'lsh_1', action: exec }),
        itemDone(2, { type: 'local_shell_call', action: exec }),
        itemDone(3, { type: 'custom_tool_call', call_id: 'call_3', name: 'run_sql', input: 'SQL' }),
        responseCompleted(),
      ],
      names,
    )) as Part[];
    expect(parts.slice(1, -1)).toEqual([
      ...shellCall('call_0', 'lsh_0'),
      ...shellCall('lsh_1', 'lsh_1'),
      ...shellCall('gen-0', null),
      { type: 'tool-input-start', id: 'call_3', toolName: 'sql' },
      { type: 'tool-input-delta', id: 'call_3', delta: '"SQL"' },
      { type: 'tool-input-end', id: 'call_3' },
      {
        type: 'tool-call',
        toolCallId: 'call_3',
        toolName: 'sql',
        input: '"SQL"',
        providerMetadata: {
          codex: { itemId: null, itemType: 'custom_tool_call', name: 'run_sql' },
        },
      },
    ]);
  });
});

describe('malformed and odd items', () => {
  it('ignores output_item events without an item or an output_index', async () => {
    const parts = await run([
      { type: 'response.output_item.added', output_index: 0, item: null },
      { type: 'response.output_item.added', output_index: 0, item: 'message' },
      { type: 'response.output_item.added', item: { id: 'm', type: 'message' } },
      { type: 'response.output_item.done', output_index: 0, item: null },
      { type: 'response.output_item.done', output_index: 0, item: 'message' },
      {
        type: 'response.output_item.done',
        item: { id: 'm', type: 'message', content: [outputText('lost')] },
      },
      responseCompleted(),
    ]);
    expect(parts.map(p => p.type)).toEqual(['stream-start', 'finish']);
    expect(parts[1]).toMatchObject({ unified: 'stop' });
  });

  it('ignores text and reasoning deltas without text', async () => {
    const parts = await run([textDelta(0, 42), summaryDelta(1, undefined), responseCompleted()]);
    expect(parts.map(p => p.type)).toEqual(['stream-start', 'finish']);
  });

  it('ignores a second output_item.added for an index that is open', async () => {
    const parts = await contentOf([
      itemAdded(0, { id: 'm', type: 'message' }),
      itemAdded(0, { id: 'm_again', type: 'message' }),
      textDelta(0, 'once', 'm'),
      itemDone(0, { id: 'm', type: 'message', content: [outputText('once')] }),
    ]);
    expect(parts).toEqual([
      { type: 'text-start', id: 'm' },
      { type: 'text-delta', id: 'm', delta: 'once' },
      { type: 'text-end', id: 'm', providerMetadata: { codex: { itemId: 'm' } } },
    ]);
  });

  it('starts no second call for a second output_item.added at an open call’s index', async () => {
    const call = { id: 'fc', type: 'function_call', call_id: 'c1', name: 't' };
    const search = { id: 'ws', type: 'web_search_call' };
    const parts = await contentOf([
      itemAdded(0, call),
      itemAdded(0, { ...call, call_id: 'c2' }),
      itemAdded(1, search),
      itemAdded(1, { ...search, id: 'ws_again' }),
    ]);
    expect(parts.filter(p => p.type === 'tool-input-start')).toEqual([
      { type: 'tool-input-start', id: 'c1', toolName: 't' },
      { type: 'tool-input-start', id: 'ws', toolName: 'web_search', providerExecuted: true },
    ]);
  });

  it('reports each finished item it cannot read, saying which, goes on and finishes with error', async () => {
    const parts = await run([
      itemDone(0, { type: 'message', content: 'not a list' }),
      itemDone(1, { type: 'reasoning', summary: 'not a list' }),
      itemDone(2, { type: 'function_call', call_id: 'c1' }),
      ...responseEvents({ output: [{ type: 'message', text: 'still here' }] }),
    ]);
    const malformed = (what: string) =>
      `invalid_event: The Codex backend sent a malformed ${what}; it was skipped.`;
    expect(parts.flatMap(p => (p.type === 'error' ? [(p.error as Error).message] : []))).toEqual([
      malformed('message item (invalid content)'),
      malformed('reasoning item (invalid summary)'),
      malformed('function_call item (invalid name)'),
    ]);
    // nothing started for the skipped items
    expect(parts.slice(1).filter(p => p.type.endsWith('-start'))).toEqual([
      { type: 'text-start', id: 'msg_0' },
    ]);
    expect(parts.at(-1)).toMatchObject({ type: 'finish', unified: 'error', raw: 'invalid_event' });
  });
  it('reads a finished item by the fields it uses: an odd field it does not read is no fault', async () => {
    const parts = await contentOf([
      itemDone(0, { id: 7, type: 'function_call', call_id: 'c1', name: 't', arguments: '{}' }),
      itemDone(1, { id: 'rs', type: 'reasoning', summary: [{ text: 'Thought.' }] }),
    ]);
    expect(parts).toEqual([
      { type: 'tool-input-start', id: 'c1', toolName: 't' },
      { type: 'tool-input-delta', id: 'c1', delta: '{}' },
      { type: 'tool-input-end', id: 'c1' },
      { type: 'tool-call', toolCallId: 'c1', toolName: 't', input: '{}' },
      { type: 'reasoning-start', id: 'rs:0', providerMetadata: { codex: { itemId: 'rs' } } },
      { type: 'reasoning-delta', id: 'rs:0', delta: 'Thought.' },
      {
        type: 'reasoning-end',
        id: 'rs:0',
        providerMetadata: { codex: { itemId: 'rs', reasoningEncryptedContent: null } },
      },
    ]);
  });
  it('names every field it could not read, nested ones by their path', async () => {
    const parts = await run([
      itemDone(0, { type: 'custom_tool_call', input: 'x' }),
      itemDone(1, { type: 'reasoning', summary: [{ type: 'summary_text', text: 'a' }, {}] }),
      itemDone(2, { type: 'local_shell_call', call_id: 'c', action: { type: 'exec' } }),
      responseCompleted(),
    ]);
    expect(parts.flatMap(p => (p.type === 'error' ? [(p.error as Error).message] : []))).toEqual([
      'invalid_event: The Codex backend sent a malformed custom_tool_call item (invalid call_id, name); it was skipped.',
      'invalid_event: The Codex backend sent a malformed reasoning item (invalid summary.1.text); it was skipped.',
      'invalid_event: The Codex backend sent a malformed local_shell_call item (invalid action.command); it was skipped.',
    ]);
  });
});

describe('calls to no declared tool of their kind', () => {
  const names: CodexToolNames = {
    kinds: { getWeather: 'function', run_sql: 'custom' },
    customByWireName: { run_sql: 'run_sql' },
    customBySdkName: { run_sql: 'run_sql' },
  };
  const call = (name: string) => ({
    type: 'function_call',
    call_id: 'c1',
    name,
    arguments: '{"q":"x"}',
  });
  const errorsOf = (parts: Part[]) =>
    parts.flatMap(p => (p.type === 'error' ? [(p.error as Error).message] : []));

  it('closes an input a start opened under another tool, and finishes with invalid_tool_call', async () => {
    const parts = (await corePartsOf(
      [
        itemAdded(0, call('getWeather')),
        { type: 'response.function_call_arguments.delta', output_index: 0, delta: '{"q"' },
        itemDone(0, call('run_sql')),
        responseCompleted(),
      ],
      names,
    )) as Part[];
    expect(parts.slice(1, -1)).toEqual([
      { type: 'tool-input-start', id: 'c1', toolName: 'getWeather' },
      { type: 'tool-input-delta', id: 'c1', delta: '{"q"' },
      { type: 'tool-input-end', id: 'c1' },
      { type: 'error', error: expect.anything() },
    ]);
    expect(errorsOf(parts)).toEqual([
      "invalid_tool_call: The Codex backend sent a function_call for 'run_sql', which is a custom tool of this request, not a function tool; it was skipped and no tool was run.",
    ]);
    expect(parts.at(-1)).toMatchObject({
      type: 'finish',
      unified: 'error',
      raw: 'invalid_tool_call',
    });
  });

  it('closes a custom input whose finished call names no custom tool', async () => {
    const parts = (await corePartsOf(
      [
        itemAdded(0, { type: 'custom_tool_call', call_id: 'c2', name: 'run_sql' }),
        { type: 'response.custom_tool_call_input.delta', output_index: 0, delta: 'SEL' },
        itemDone(0, { type: 'custom_tool_call', call_id: 'c2', name: 'drop_all', input: 'SEL' }),
        responseCompleted(),
      ],
      names,
    )) as Part[];
    expect(parts.slice(1, -1)).toEqual([
      { type: 'tool-input-start', id: 'c2', toolName: 'run_sql' },
      { type: 'tool-input-delta', id: 'c2', delta: '"SEL' },
      { type: 'tool-input-end', id: 'c2' },
      { type: 'error', error: expect.anything() },
    ]);
    expect(errorsOf(parts)).toEqual([expect.stringContaining("custom_tool_call for 'drop_all'")]);
  });

  it('opens nothing for a refused call, and ignores its deltas', async () => {
    const parts = (await corePartsOf(
      [
        itemAdded(0, call('run_sql')),
        { type: 'response.function_call_arguments.delta', output_index: 0, delta: 'DROP' },
        itemDone(0, call('run_sql')),
        itemAdded(1, { type: 'custom_tool_call', call_id: 'c2', name: 'getWeather' }),
        { type: 'response.custom_tool_call_input.delta', output_index: 1, delta: 'Paris' },
        itemDone(1, {
          type: 'custom_tool_call',
          call_id: 'c2',
          name: 'getWeather',
          input: 'Paris',
        }),
        itemAdded(2, { type: 'local_shell_call', call_id: 'c3' }),
        itemDone(2, {
          type: 'local_shell_call',
          call_id: 'c3',
          action: { type: 'exec', command: ['ls'] },
        }),
        responseCompleted(),
      ],
      names,
    )) as Part[];
    expect(parts.slice(1, -1).map(p => p.type)).toEqual(['error', 'error', 'error']);
    expect(errorsOf(parts)).toEqual([
      expect.stringContaining("function_call for 'run_sql'"),
      expect.stringContaining("custom_tool_call for 'getWeather'"),
      expect.stringContaining('declares no local shell tool'),
    ]);
  });

  it('the first skipped item names the finish: a malformed one before a refused call', async () => {
    const parts = (await corePartsOf(
      [
        itemDone(0, { type: 'message', content: 'not a list' }),
        itemDone(1, call('run_sql')),
        responseCompleted(),
      ],
      names,
    )) as Part[];
    expect(parts.at(-1)).toMatchObject({ type: 'finish', unified: 'error', raw: 'invalid_event' });
  });
});

describe('compaction items', () => {
  const compaction = { itemId: 'cmp_1', encryptedContent: 'enc:c1' };

  it('become a reasoning block with no text that carries the item, when they are done', async () => {
    const item = { type: 'compaction', id: 'cmp_1', encrypted_content: 'enc:c1' };
    const parts = await contentOf([itemAdded(0, item), itemDone(0, item)]);
    expect(parts).toEqual([
      { type: 'reasoning-start', id: 'cmp_1', providerMetadata: { codex: { compaction } } },
      { type: 'reasoning-end', id: 'cmp_1', providerMetadata: { codex: { compaction } } },
    ]);
  });

  it('keep block ids unique when the backend repeats an item id', async () => {
    const item = { type: 'compaction', id: 'cmp_1', encrypted_content: 'enc:c1' };
    const parts = await contentOf([itemDone(0, item), itemDone(1, item)]);
    expect(parts.map(p => (p as { id?: string }).id)).toEqual([
      'cmp_1',
      'cmp_1',
      'cmp_1:1',
      'cmp_1:1',
    ]);
  });

  it('without an id or encrypted content are reported, as other unreadable items', async () => {
    const parts = await run([
      itemDone(0, { type: 'compaction', encrypted_content: 'enc:c1' }),
      itemDone(1, { type: 'compaction', id: 'cmp_1' }),
      responseCompleted(),
    ]);
    expect(parts.flatMap(p => (p.type === 'error' ? [(p.error as Error).message] : []))).toEqual([
      'invalid_event: The Codex backend sent a malformed compaction item (invalid id); it was skipped.',
      'invalid_event: The Codex backend sent a malformed compaction item (invalid encrypted_content); it was skipped.',
    ]);
    expect(parts.filter(p => p.type === 'reasoning-start')).toEqual([]);
  });
});
