import { describe, expect, it } from 'vitest';
import { summaryTexts } from '../../../test/support/codex-events';
import type { CodexInputItem, CodexRequestBody } from '../../wire/codex-request-body';
import { getIncrementalInput, jsonEqual, type CodexSocketTurn } from './get-incremental-input';

const user = (text: string): CodexInputItem => ({
  type: 'message',
  role: 'user',
  content: [{ type: 'input_text', text }],
});
const call: CodexInputItem = {
  type: 'function_call',
  call_id: 'call_1',
  name: 'weather',
  arguments: '{"city":"Paris"}',
};
const reasoning: CodexInputItem = {
  type: 'reasoning',
  summary: summaryTexts('Thinking'),
  encrypted_content: 'enc:1',
};
const result: CodexInputItem = { type: 'function_call_output', call_id: 'call_1', output: 'sunny' };

function body(
  input: CodexInputItem[],
  overrides: Partial<CodexRequestBody> = {},
): CodexRequestBody {
  return {
    model: 'gpt-5.3-codex',
    instructions: 'Be brief.',
    input,
    tools: [{ type: 'function', name: 'weather', parameters: { type: 'object' }, strict: false }],
    tool_choice: 'auto',
    parallel_tool_calls: false,
    reasoning: { effort: 'medium', summary: 'auto' },
    store: false,
    stream: true,
    include: ['reasoning.encrypted_content'],
    prompt_cache_key: 'session-1',
    ...overrides,
  };
}

const turn = (overrides: Partial<CodexSocketTurn> = {}): CodexSocketTurn => ({
  request: body([user('Weather in Paris?')]),
  responseId: 'resp_1',
  replayedOutput: [reasoning, call],
  ...overrides,
});

describe('getIncrementalInput', () => {
  it('sends only the new items after the previous input and output', () => {
    const next = body([user('Weather in Paris?'), reasoning, call, result]);
    expect(getIncrementalInput(turn(), next)).toEqual({
      previousResponseId: 'resp_1',
      input: [result],
    });
  });

  it('sends everything on a fresh socket', () => {
    expect(getIncrementalInput(undefined, body([user('hi')]))).toBeUndefined();
  });

  it.each<[string, Partial<CodexRequestBody>]>([
    ['instructions', { instructions: 'Be verbose.' }],
    ['tools', { tools: [] }],
    ['tool choice', { tool_choice: 'required' }],
    ['model', { model: 'gpt-5.5' }],
    ['reasoning', { reasoning: { effort: 'high', summary: 'auto' } }],
    ['text', { text: { verbosity: 'low' } }],
    ['include', { include: [] }],
    ['service tier', { service_tier: 'priority' }],
    ['cache key', { prompt_cache_key: 'other' }],
    ['parallel tool calls', { parallel_tool_calls: true }],
  ])('sends everything when the %s changed', (_, overrides) => {
    const next = body([user('Weather in Paris?'), reasoning, call, result], overrides);
    expect(getIncrementalInput(turn(), next)).toBeUndefined();
  });

  it('continues a turn whose client_metadata names another turn (the official client does)', () => {
    const metadata = (turnId: string) => ({ client_metadata: { thread_id: 's', turn_id: turnId } });
    const previous = turn({ request: body([user('Weather in Paris?')], metadata('t1')) });
    const next = body(
      [user('Weather in Paris?'), reasoning, call, user('And Rome?')],
      metadata('t2'),
    );
    expect(getIncrementalInput(previous, next)?.input).toEqual([user('And Rome?')]);
    const without = body([user('Weather in Paris?'), reasoning, call, user('And Rome?')]);
    expect(getIncrementalInput(previous, without)?.input).toEqual([user('And Rome?')]);
  });

  it('treats a field that only one side has as a change', () => {
    const next = { ...body([user('Weather in Paris?'), reasoning, call, result]), extra: 1 };
    expect(getIncrementalInput(turn(), next as CodexRequestBody)).toBeUndefined();
  });

  it('sends everything when the history was edited', () => {
    const next = body([user('Weather in Lyon?'), reasoning, call, result]);
    expect(getIncrementalInput(turn(), next)).toBeUndefined();
  });

  it('sends everything when the output comes back in another form', () => {
    const altered = { ...call, arguments: '{"city": "Paris"}' };
    expect(
      getIncrementalInput(turn(), body([user('Weather in Paris?'), reasoning, altered, result])),
    ).toBeUndefined();
    // the caller dropped the reasoning item
    expect(
      getIncrementalInput(turn(), body([user('Weather in Paris?'), call, result])),
    ).toBeUndefined();
  });

  it('sends everything when nothing new follows, or the output is unknown', () => {
    expect(
      getIncrementalInput(turn(), body([user('Weather in Paris?'), reasoning, call])),
    ).toBeUndefined();
    expect(
      getIncrementalInput(
        turn({ replayedOutput: undefined }),
        body([user('Weather in Paris?'), reasoning, call, result]),
      ),
    ).toBeUndefined();
  });

  it('sends everything when the previous response had no id to continue from', () => {
    const next = body([user('Weather in Paris?'), reasoning, call, result]);
    expect(getIncrementalInput(turn({ responseId: '' }), next)).toBeUndefined();
  });

  it('sends everything when a tool was added, removed or swapped', () => {
    const weather = body([]).tools![0]!;
    const tool = (name: string) => ({ ...weather, name });
    const previous = turn({ request: body([user('Weather in Paris?')], { tools: [weather] }) });
    for (const tools of [[weather, tool('clock')], [], [tool('clock')]]) {
      const next = body([user('Weather in Paris?'), reasoning, call, result], { tools });
      expect(getIncrementalInput(previous, next)).toBeUndefined();
    }
    const two = turn({
      request: body([user('Weather in Paris?')], { tools: [weather, tool('a')] }),
    });
    const next = body([user('Weather in Paris?'), reasoning, call, result], {
      tools: [weather, tool('b')],
    });
    expect(getIncrementalInput(two, next)).toBeUndefined();
  });

  it('sends everything when a nested setting was added or dropped', () => {
    const items = [user('Weather in Paris?'), reasoning, call, result];
    const withSummary = { reasoning: { effort: 'medium', summary: 'auto' } } as const;
    const without = { reasoning: { effort: 'medium' } } as const;
    for (const [before, after] of [
      [without, withSummary],
      [withSummary, without],
    ]) {
      const previous = turn({ request: body([user('Weather in Paris?')], before) });
      expect(getIncrementalInput(previous, body(items, before))).toEqual({
        previousResponseId: 'resp_1',
        input: [result],
      });
      expect(getIncrementalInput(previous, body(items, after))).toBeUndefined();
    }
  });

  it('treats a nested setting left undefined as absent, on either side', () => {
    const items = [user('Weather in Paris?'), reasoning, call, result];
    const unset = { reasoning: { effort: 'medium', summary: undefined } } as const;
    const plain = { reasoning: { effort: 'medium' } } as const;
    for (const [before, after] of [
      [unset, plain],
      [plain, unset],
    ]) {
      const previous = turn({ request: body([user('Weather in Paris?')], before) });
      expect(getIncrementalInput(previous, body(items, after))).toEqual({
        previousResponseId: 'resp_1',
        input: [result],
      });
    }
  });

  it('tells values of different types apart, in either order', () => {
    for (const [a, b] of [
      [{}, 0],
      [{}, ''],
      [{}, false],
      [{}, null],
      [{}, []],
      [{ 0: 1, 1: 2 }, [1, 2]],
      [{ 0: 1, 1: 2, length: 2 }, [1, 2]],
      [
        [1, 2],
        [1, 2, 3],
      ],
    ]) {
      expect(jsonEqual(a, b)).toBe(false);
      expect(jsonEqual(b, a)).toBe(false);
    }
  });

  it('compares JSON by value, not key order', () => {
    expect(jsonEqual({ a: 1, b: [1, { c: 2 }] }, { b: [1, { c: 2 }], a: 1 })).toBe(true);
    expect(jsonEqual({ a: 1, b: undefined }, { a: 1 })).toBe(true);
    expect(jsonEqual([1, 2], { 0: 1, 1: 2 })).toBe(false);
    expect(jsonEqual({ a: null }, { a: undefined })).toBe(false);
  });
});
