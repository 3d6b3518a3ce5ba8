import { describe, expect, it } from 'vitest';
import { summaryTexts } from '../../test/support/codex-events';
import { outputItemsAsInput } from './output-items-as-input';

describe('outputItemsAsInput', () => {
  it('gives output items the shape the next prompt replays them in', () => {
    expect(
      outputItemsAsInput([
        {
          id: 'rs_1',
          type: 'reasoning',
          summary: summaryTexts('One', 'Two'),
          encrypted_content: 'enc:1',
        },
        {
          id: 'msg_1',
          type: 'message',
          role: 'assistant',
          status: 'completed',
          phase: 'commentary',
          content: [{ type: 'output_text', text: 'Checking.', annotations: [] }],
        },
        {
          id: 'fc_1',
          type: 'function_call',
          status: 'completed',
          call_id: 'call_1',
          name: 'weather',
          arguments: '{ "city": "Paris" }',
        },
      ]),
    ).toEqual([
      {
        type: 'reasoning',
        summary: summaryTexts('One', 'Two'),
        encrypted_content: 'enc:1',
      },
      {
        type: 'message',
        role: 'assistant',
        content: [{ type: 'output_text', text: 'Checking.' }],
        phase: 'commentary',
      },
      { type: 'function_call', call_id: 'call_1', name: 'weather', arguments: '{"city":"Paris"}' },
    ]);
  });

  it('follows the replay rules: no reasoning without encrypted content, none at the end', () => {
    expect(
      outputItemsAsInput([
        { id: 'rs_1', type: 'reasoning', summary: [] },
        {
          id: 'msg_1',
          type: 'message',
          content: [{ type: 'output_text', text: 'Hi' }],
        },
        { id: 'rs_2', type: 'reasoning', summary: [], encrypted_content: 'enc:2' },
      ]),
    ).toEqual([
      { type: 'message', role: 'assistant', content: [{ type: 'output_text', text: 'Hi' }] },
    ]);
  });

  it('gives up on items it cannot predict', () => {
    expect(outputItemsAsInput([{ type: 'image_generation_call', id: 'ig_1' }])).toBeUndefined();
    expect(
      outputItemsAsInput([{ type: 'function_call', call_id: 'c', name: 'n', arguments: '{' }]),
    ).toBeUndefined();
  });
});

describe('outputItemsAsInput for the backend’s own tools', () => {
  it('replays web search, custom and local shell items as the next prompt does', () => {
    expect(
      outputItemsAsInput([
        {
          id: 'ws_1',
          type: 'web_search_call',
          status: 'completed',
          action: { type: 'search', query: 'q', sources: [{ type: 'url', url: 'https://a.b' }] },
        },
        { id: 'ctc_1', type: 'custom_tool_call', call_id: 'c1', name: 'apply_patch', input: 'P' },
        {
          id: 'lsh_1',
          type: 'local_shell_call',
          call_id: 'c2',
          status: 'completed',
          action: { type: 'exec', command: ['ls'], working_directory: '/tmp', env: {} },
        },
      ]),
    ).toEqual([
      { type: 'web_search_call', status: 'completed', action: { type: 'search', query: 'q' } },
      { type: 'custom_tool_call', call_id: 'c1', name: 'apply_patch', input: 'P' },
      {
        type: 'local_shell_call',
        call_id: 'c2',
        status: 'completed',
        action: { type: 'exec', command: ['ls'], working_directory: '/tmp', env: {} },
      },
    ]);
  });
});

describe('outputItemsAsInput for odd but valid items', () => {
  const answer = {
    type: 'message',
    role: 'assistant',
    content: [{ type: 'output_text', text: 'Done.' }],
  };

  it('keeps reasoning that came with encrypted content but no summary', () => {
    expect(
      outputItemsAsInput([
        { id: 'rs_1', type: 'reasoning', summary: [], encrypted_content: 'enc:1' },
        answer,
        { id: 'rs_2', type: 'reasoning', encrypted_content: 'enc:2' },
        answer,
      ]),
    ).toEqual([
      { type: 'reasoning', summary: [], encrypted_content: 'enc:1' },
      { type: 'message', role: 'assistant', content: [{ type: 'output_text', text: 'Done.' }] },
      { type: 'reasoning', summary: [], encrypted_content: 'enc:2' },
      { type: 'message', role: 'assistant', content: [{ type: 'output_text', text: 'Done.' }] },
    ]);
  });

  it('keeps reasoning items without ids apart, and each one’s summaries together', () => {
    expect(
      outputItemsAsInput([
        { type: 'reasoning', summary: summaryTexts('One', 'Two'), encrypted_content: 'enc:1' },
        { type: 'reasoning', summary: summaryTexts('Three'), encrypted_content: 'enc:2' },
        answer,
      ]),
    ).toEqual([
      { type: 'reasoning', summary: summaryTexts('One', 'Two'), encrypted_content: 'enc:1' },
      { type: 'reasoning', summary: summaryTexts('Three'), encrypted_content: 'enc:2' },
      { type: 'message', role: 'assistant', content: [{ type: 'output_text', text: 'Done.' }] },
    ]);
  });

  it('joins a message’s output text and leaves out parts the stream does not show as text', () => {
    expect(
      outputItemsAsInput([
        {
          type: 'message',
          content: [
            { type: 'output_text', text: 'It is ' },
            { type: 'refusal', refusal: 'No.' },
            { type: 'output_text' },
            { type: 'future_part', text: 'not text' },
            { type: 'output_text', text: 'sunny.' },
          ],
        },
      ]),
    ).toEqual([
      {
        type: 'message',
        role: 'assistant',
        content: [{ type: 'output_text', text: 'It is sunny.' }],
      },
    ]);
  });

  it('replays calls without arguments with an empty object, as the next prompt has them', () => {
    expect(
      outputItemsAsInput([
        { type: 'function_call', call_id: 'c1', name: 'now', arguments: '' },
        { type: 'function_call', call_id: 'c2', name: 'now' },
      ]),
    ).toEqual([
      { type: 'function_call', call_id: 'c1', name: 'now', arguments: '{}' },
      { type: 'function_call', call_id: 'c2', name: 'now', arguments: '{}' },
    ]);
  });

  it('replays a custom tool call without input with an empty input', () => {
    expect(
      outputItemsAsInput([{ type: 'custom_tool_call', call_id: 'c1', name: 'apply_patch' }]),
    ).toEqual([{ type: 'custom_tool_call', call_id: 'c1', name: 'apply_patch', input: '' }]);
  });

  it('uses a local shell call’s item id when it has no call id', () => {
    expect(
      outputItemsAsInput([
        { id: 'lsh_1', type: 'local_shell_call', action: { type: 'exec', command: ['pwd'] } },
      ]),
    ).toEqual([
      {
        type: 'local_shell_call',
        call_id: 'lsh_1',
        status: 'completed',
        action: { type: 'exec', command: ['pwd'] },
      },
    ]);
  });
});

describe('outputItemsAsInput for items it cannot read', () => {
  it.each<[string, unknown]>([
    ['a null item', null],
    ['reasoning with a malformed summary', { type: 'reasoning', summary: 'Thinking' }],
    ['a message with malformed content', { type: 'message', content: 'Hi' }],
    ['a function call without call id', { type: 'function_call', name: 'weather' }],
    ['a custom tool call without call id', { type: 'custom_tool_call', name: 'apply_patch' }],
    [
      // the stream makes up an id for such a call, which no replay can predict
      'a local shell call without any id',
      { type: 'local_shell_call', action: { type: 'exec', command: ['ls'] } },
    ],
    ['a web search with a malformed action', { type: 'web_search_call', action: 'search' }],
  ])('gives up on %s instead of failing', (_, item) => {
    expect(outputItemsAsInput([item])).toBeUndefined();
  });
});
