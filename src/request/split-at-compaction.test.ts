import { describe, expect, it } from 'vitest';
import { summaryTexts } from '../../test/support/codex-events';
import type { CodexAssistantPart, CodexPrompt } from './codex-call-options';
import { convertToCodexInput } from './convert-to-codex-input';
import {
  compactionMessage,
  compactionOf,
  readCompaction,
  splitAtCompaction,
} from './split-at-compaction';

// A prompt that holds a compaction goes out as the official client's request after a
// compaction: system as instructions, the user messages from before it, the compaction item
// with its id, then everything after it. Through `convertToCodexInput`, the pure mapping.

const compactionPart = (n: number): CodexAssistantPart => ({
  type: 'reasoning',
  text: '',
  providerOptions: { codex: { compaction: { itemId: `cmp_${n}`, encryptedContent: `enc:${n}` } } },
});
const compactionItem = (n: number) => ({
  type: 'compaction',
  id: `cmp_${n}`,
  encrypted_content: `enc:${n}`,
});
const user = (text: string) => ({
  role: 'user' as const,
  content: [{ type: 'text' as const, text }],
});
const userItem = (text: string) => ({
  type: 'message',
  role: 'user',
  content: [{ type: 'input_text', text }],
});
const reasoning = (id: string): CodexAssistantPart => ({
  type: 'reasoning',
  text: `thinking ${id}`,
  providerOptions: { codex: { itemId: id, reasoningEncryptedContent: `enc:${id}` } },
});
const call = (id: string): CodexAssistantPart => ({
  type: 'tool-call',
  toolCallId: id,
  toolName: 'weather',
  input: { city: 'Paris' },
});
const result = (id: string) => ({
  role: 'tool' as const,
  content: [
    {
      type: 'tool-result' as const,
      toolCallId: id,
      toolName: 'weather',
      output: { type: 'text' as const, value: `sunny ${id}` },
    },
  ],
});

describe('a prompt with a compaction', () => {
  it('sends the system and user messages from before it, the item with its id, then what follows', () => {
    const prompt: CodexPrompt = [
      { role: 'system', content: 'Be brief.' },
      user('one'),
      { role: 'assistant', content: [reasoning('rs_1'), call('c1')] },
      result('c1'),
      {
        role: 'assistant',
        content: [compactionPart(1), reasoning('rs_2'), call('c2')],
      },
      result('c2'),
      { role: 'assistant', content: [{ type: 'text', text: 'done' }] },
      user('two'),
    ];
    const { systemTexts, input, warnings } = convertToCodexInput(prompt);
    expect(systemTexts).toEqual(['Be brief.']);
    expect(input).toEqual([
      userItem('one'),
      compactionItem(1),
      { type: 'reasoning', summary: summaryTexts('thinking rs_2'), encrypted_content: 'enc:rs_2' },
      { type: 'function_call', call_id: 'c2', name: 'weather', arguments: '{"city":"Paris"}' },
      { type: 'function_call_output', call_id: 'c2', output: 'sunny c2' },
      { type: 'message', role: 'assistant', content: [{ type: 'output_text', text: 'done' }] },
      userItem('two'),
    ]);
    expect(warnings).toEqual([]);
  });

  it('goes by the last compaction: an earlier one was summarised by it', () => {
    const { input } = convertToCodexInput([
      user('one'),
      { role: 'assistant', content: [compactionPart(1), { type: 'text', text: 'a' }] },
      user('two'),
      { role: 'assistant', content: [compactionPart(2)] },
      { role: 'system', content: 'Later system text.' },
      user('three'),
    ]);
    expect(input).toEqual([userItem('one'), userItem('two'), compactionItem(2), userItem('three')]);
  });

  it('keeps system messages after the compaction as instructions', () => {
    const { systemTexts } = convertToCodexInput([
      { role: 'system', content: 'First.' },
      user('one'),
      compactionMessage({ itemId: 'cmp_1', encryptedContent: 'enc:1' }),
      { role: 'system', content: 'Second.' },
    ]);
    expect(systemTexts).toEqual(['First.', 'Second.']);
  });

  it('never sends a compaction part as reasoning, even one it cannot read', () => {
    const { input, warnings } = convertToCodexInput([
      user('one'),
      {
        role: 'assistant',
        content: [
          {
            type: 'reasoning',
            text: '',
            providerOptions: { codex: { compaction: { itemId: 7 } } },
          },
          { type: 'text', text: 'ok' },
        ],
      },
    ]);
    expect(input).toEqual([
      userItem('one'),
      { type: 'message', role: 'assistant', content: [{ type: 'output_text', text: 'ok' }] },
    ]);
    expect(warnings).toEqual([
      {
        type: 'other',
        message:
          "A reasoning part's providerOptions.codex.compaction is not one this provider returned; it was not sent.",
      },
    ]);
  });

  it('sends the whole history when the app dropped the compaction part', () => {
    const prompt: CodexPrompt = [
      user('one'),
      { role: 'assistant', content: [reasoning('rs_1'), call('c1')] },
      result('c1'),
    ];
    expect(splitAtCompaction(prompt)).toBeUndefined();
    expect(convertToCodexInput(prompt).input.map(item => item.type)).toEqual([
      'message',
      'reasoning',
      'function_call',
      'function_call_output',
    ]);
  });
});

describe('splitAtCompaction', () => {
  it('splits inside the message that holds the compaction', () => {
    const prompt: CodexPrompt = [
      { role: 'system', content: 'S' },
      user('one'),
      { role: 'assistant', content: [call('c0')] },
      result('c0'),
      { role: 'assistant', content: [reasoning('rs_1'), compactionPart(1), call('c1')] },
      result('c1'),
    ];
    expect(splitAtCompaction(prompt)).toEqual({
      compaction: { itemId: 'cmp_1', encryptedContent: 'enc:1' },
      before: [{ role: 'system', content: 'S' }, user('one')],
      after: [{ role: 'assistant', content: [call('c1')] }, result('c1')],
    });
  });

  it('finds a compaction in the prompt’s first message (a history kept from the compaction on)', () => {
    const prompt: CodexPrompt = [
      { role: 'assistant', content: [compactionPart(1), { type: 'text', text: 'ok' }] },
      user('two'),
    ];
    expect(convertToCodexInput(prompt).input).toEqual([
      compactionItem(1),
      { type: 'message', role: 'assistant', content: [{ type: 'output_text', text: 'ok' }] },
      userItem('two'),
    ]);
  });

  it('leaves nothing of a message that ends with the compaction', () => {
    const prompt: CodexPrompt = [
      user('one'),
      compactionMessage({ itemId: 'c', encryptedContent: 'e' }),
    ];
    expect(splitAtCompaction(prompt)?.after).toEqual([]);
  });
});

describe('readCompaction and compactionOf', () => {
  it('takes an item id and encrypted content, both strings, the id not empty', () => {
    expect(readCompaction({ itemId: 'cmp_1', encryptedContent: '' })).toEqual({
      itemId: 'cmp_1',
      encryptedContent: '',
    });
    expect(readCompaction({ itemId: '', encryptedContent: 'e' })).toBeUndefined();
    expect(readCompaction({ itemId: 'cmp_1' })).toBeUndefined();
    expect(readCompaction('cmp_1')).toBeUndefined();
    expect(readCompaction(null)).toBeUndefined();
  });

  it('finds compactions on reasoning parts only', () => {
    const compaction = { itemId: 'cmp_1', encryptedContent: 'e' };
    expect(compactionOf({ type: 'reasoning', providerOptions: { codex: { compaction } } })).toEqual(
      compaction,
    );
    expect(
      compactionOf({ type: 'text', providerOptions: { codex: { compaction } } }),
    ).toBeUndefined();
    expect(
      compactionOf({ type: 'reasoning', providerOptions: { openai: { compaction } } }),
    ).toBeUndefined();
    expect(compactionOf({ type: 'reasoning' })).toBeUndefined();
  });
});
