import type { LanguageModelV2Prompt } from '@ai-sdk/provider';
import { describe, expect, it } from 'vitest';
import { convertToCodexInput } from './convert-to-codex-input';
import type { CodexToolNames } from './codex-tool-names';

const names: CodexToolNames = {
  kinds: { search: 'web_search', shell: 'local_shell', patch: 'custom', write_sql: 'custom' },
  webSearch: 'search',
  localShell: 'shell',
  customByWireName: { apply_patch: 'patch', write_sql: 'write_sql' },
  customBySdkName: { patch: 'apply_patch', write_sql: 'write_sql' },
};
const user = (text: string) => ({
  role: 'user' as const,
  content: [{ type: 'text' as const, text }],
});

describe('replay of the backend’s own tool items', () => {
  it('replays a web search with the action from its result, without ids', () => {
    const prompt: LanguageModelV2Prompt = [
      user('news?'),
      {
        role: 'assistant',
        content: [
          {
            type: 'tool-call',
            toolCallId: 'ws_1',
            toolName: 'search',
            input: {},
            providerExecuted: true,
            providerOptions: { codex: { itemId: 'ws_1', itemType: 'web_search_call' } },
          },
          {
            type: 'tool-result',
            toolCallId: 'ws_1',
            toolName: 'search',
            output: {
              type: 'json',
              value: { action: { type: 'search', query: 'news', queries: ['news'] } },
            },
          },
          {
            type: 'tool-call',
            toolCallId: 'ws_2',
            toolName: 'search',
            input: {},
            providerExecuted: true,
          },
          {
            type: 'tool-result',
            toolCallId: 'ws_2',
            toolName: 'search',
            output: {
              type: 'json',
              value: { action: { type: 'findInPage', url: 'https://a.b', pattern: 'x' } },
            },
          },
          { type: 'text', text: 'Here is the news.' },
        ],
      },
      user('more'),
    ];
    const { input, warnings } = convertToCodexInput(prompt, names);
    expect(input.slice(1, 3)).toEqual([
      {
        type: 'web_search_call',
        status: 'completed',
        action: { type: 'search', query: 'news', queries: ['news'] },
      },
      {
        type: 'web_search_call',
        status: 'completed',
        action: { type: 'find_in_page', url: 'https://a.b', pattern: 'x' },
      },
    ]);
    expect(warnings).toEqual([]);
  });

  it('recognises a web search by its metadata when the tool is gone from the request', () => {
    const { input } = convertToCodexInput(
      [
        user('q'),
        {
          role: 'assistant',
          content: [
            {
              type: 'tool-call',
              toolCallId: 'ws_1',
              toolName: 'web',
              input: {},
              providerExecuted: true,
              providerOptions: { codex: { itemType: 'web_search_call' } },
            },
          ],
        },
      ],
      undefined,
    );
    expect(input[1]).toEqual({ type: 'web_search_call', status: 'completed' });
  });

  it('replays custom calls with their raw input and answers them with custom_tool_call_output', () => {
    const { input } = convertToCodexInput(
      [
        user('edit'),
        {
          role: 'assistant',
          content: [
            {
              type: 'tool-call',
              toolCallId: 'c1',
              toolName: 'patch',
              input: '*** Begin Patch\n*** End Patch\n',
            },
            { type: 'tool-call', toolCallId: 'c2', toolName: 'write_sql', input: 'SELECT 1' },
          ],
        },
        {
          role: 'tool',
          content: [
            {
              type: 'tool-result',
              toolCallId: 'c1',
              toolName: 'patch',
              output: { type: 'text', value: 'Done!' },
            },
            {
              type: 'tool-result',
              toolCallId: 'c2',
              toolName: 'write_sql',
              output: { type: 'json', value: [{ a: 1 }] },
            },
          ],
        },
      ],
      names,
    );
    expect(input.slice(1)).toEqual([
      {
        type: 'custom_tool_call',
        call_id: 'c1',
        name: 'apply_patch',
        input: '*** Begin Patch\n*** End Patch\n',
      },
      { type: 'custom_tool_call', call_id: 'c2', name: 'write_sql', input: 'SELECT 1' },
      { type: 'custom_tool_call_output', call_id: 'c1', output: 'Done!' },
      { type: 'custom_tool_call_output', call_id: 'c2', output: '[{"a":1}]' },
    ]);
  });

  it('replays local shell calls with their action; the output goes back by call_id', () => {
    const { input } = convertToCodexInput(
      [
        user('ls'),
        {
          role: 'assistant',
          content: [
            {
              type: 'tool-call',
              toolCallId: 'call_1',
              toolName: 'shell',
              input: {
                action: {
                  type: 'exec',
                  command: ['ls', '-a'],
                  workingDirectory: '/tmp',
                  timeoutMs: 1000,
                  env: { A: 'b' },
                },
              },
            },
          ],
        },
        {
          role: 'tool',
          content: [
            {
              type: 'tool-result',
              toolCallId: 'call_1',
              toolName: 'shell',
              output: { type: 'json', value: { output: '.\n..\n' } },
            },
          ],
        },
      ],
      names,
    );
    expect(input.slice(1)).toEqual([
      {
        type: 'local_shell_call',
        call_id: 'call_1',
        status: 'completed',
        action: {
          type: 'exec',
          command: ['ls', '-a'],
          timeout_ms: 1000,
          working_directory: '/tmp',
          env: { A: 'b' },
        },
      },
      { type: 'local_shell_call_output', call_id: 'call_1', output: '.\n..\n' },
    ]);
  });

  it('answers unanswered custom and shell calls as aborted before the next user turn', () => {
    const { input } = convertToCodexInput(
      [
        user('go'),
        {
          role: 'assistant',
          content: [
            { type: 'tool-call', toolCallId: 'c1', toolName: 'patch', input: 'x' },
            {
              type: 'tool-call',
              toolCallId: 'c2',
              toolName: 'shell',
              input: { action: { type: 'exec', command: ['true'] } },
            },
          ],
        },
        user('never mind'),
      ],
      names,
    );
    expect(input.slice(3, 5)).toEqual([
      { type: 'custom_tool_call_output', call_id: 'c1', output: 'aborted' },
      { type: 'local_shell_call_output', call_id: 'c2', output: 'aborted' },
    ]);
  });

  it('leaves out a local shell call without a valid action, with its result', () => {
    const { input, warnings } = convertToCodexInput(
      [
        user('ls'),
        {
          role: 'assistant',
          content: [
            { type: 'tool-call', toolCallId: 'c1', toolName: 'shell', input: { cmd: 'ls' } },
          ],
        },
        {
          role: 'tool',
          content: [
            {
              type: 'tool-result',
              toolCallId: 'c1',
              toolName: 'shell',
              output: { type: 'text', value: 'x' },
            },
          ],
        },
      ],
      names,
    );
    expect(input).toHaveLength(1);
    expect(warnings).toEqual([
      {
        type: 'other',
        message: 'Local shell call c1 (shell) has no valid action in its input; it was not sent.',
      },
      {
        type: 'other',
        message: expect.stringMatching(/^Tool result c1 \(shell\) was dropped: /),
      },
    ]);
  });

  const step = (call: Record<string, unknown>, output: unknown): LanguageModelV2Prompt => [
    user('go'),
    {
      role: 'assistant',
      content: [{ type: 'tool-call', toolCallId: 'c1', input: {}, ...call } as never],
    },
    {
      role: 'tool',
      content: [
        {
          type: 'tool-result',
          toolCallId: 'c1',
          toolName: String(call.toolName),
          output: output as never,
        },
      ],
    },
  ];

  it('sends every field of a local shell action under the wire’s name, and none it lacks', () => {
    const shellOut = { type: 'json', value: { output: 'ok' } };
    const action = (input: Record<string, unknown>) =>
      convertToCodexInput(step({ toolName: 'shell', input: { action: input } }, shellOut), names)
        .input[1];
    expect(action({ type: 'exec', command: ['id'], user: 'root' })).toStrictEqual({
      type: 'local_shell_call',
      call_id: 'c1',
      status: 'completed',
      action: { type: 'exec', command: ['id'], user: 'root' },
    });
    expect(action({ type: 'exec', command: ['true'] })).toStrictEqual({
      type: 'local_shell_call',
      call_id: 'c1',
      status: 'completed',
      action: { type: 'exec', command: ['true'] },
    });
  });

  it('sends a shell result that is not `{ output }`, and a function result that is, as JSON', () => {
    const outputOf = (toolName: string, value: unknown) =>
      convertToCodexInput(
        step(
          { toolName, input: { action: { type: 'exec', command: ['ls'] } } },
          { type: 'json', value },
        ),
        names,
      ).input[2];
    expect(outputOf('shell', { exitCode: 1 })).toEqual({
      type: 'local_shell_call_output',
      call_id: 'c1',
      output: '{"exitCode":1}',
    });
    expect(outputOf('weather', { output: 'sunny' })).toEqual({
      type: 'function_call_output',
      call_id: 'c1',
      output: '{"output":"sunny"}',
    });
  });

  it('replays a custom call known only by its metadata under the backend name it carries', () => {
    const call = (input: unknown) =>
      convertToCodexInput(
        step(
          {
            toolName: 'old_patch',
            input,
            providerOptions: { codex: { itemType: 'custom_tool_call', name: 'apply_patch' } },
          },
          { type: 'text', value: 'ok' },
        ),
        names,
      ).input[1];
    expect(call('*** Begin Patch')).toEqual({
      type: 'custom_tool_call',
      call_id: 'c1',
      name: 'apply_patch',
      input: '*** Begin Patch',
    });
    // input that is not text goes as its JSON
    expect(call({ a: 1 })).toMatchObject({ input: '{"a":1}' });
    expect(call(undefined)).toMatchObject({ input: '""' });
  });

  it('replays a custom call whose metadata name is not text under its tool name', () => {
    const item = convertToCodexInput(
      step(
        {
          toolName: 'old_patch',
          input: 'x',
          providerOptions: { codex: { itemType: 'custom_tool_call', name: 42 } },
        },
        { type: 'text', value: 'ok' },
      ),
      names,
    ).input[1];
    expect(item).toEqual({
      type: 'custom_tool_call',
      call_id: 'c1',
      name: 'old_patch',
      input: 'x',
    });
  });

  it('replays each web search action in the wire’s spelling, and none from a result it cannot read', () => {
    const search = (value: unknown) =>
      convertToCodexInput(
        [
          user('news?'),
          {
            role: 'assistant',
            content: [
              {
                type: 'tool-call',
                toolCallId: 'ws_1',
                toolName: 'search',
                input: {},
                providerExecuted: true,
              },
              {
                type: 'tool-result',
                toolCallId: 'ws_1',
                toolName: 'search',
                output: { type: 'json', value: value as never },
              },
              { type: 'text', text: 'Done.' },
            ],
          },
        ],
        names,
      ).input[1];
    expect(search({ action: { type: 'openPage', url: 'https://a.example' } })).toStrictEqual({
      type: 'web_search_call',
      status: 'completed',
      action: { type: 'open_page', url: 'https://a.example' },
    });
    expect(
      search({ action: { type: 'findInPage', url: 'https://a.example', pattern: 'x' } }),
    ).toStrictEqual({
      type: 'web_search_call',
      status: 'completed',
      action: { type: 'find_in_page', url: 'https://a.example', pattern: 'x' },
    });
    for (const unreadable of [{ sources: [] }, { action: { type: 'teleport' } }, 'text']) {
      expect(search(unreadable)).toStrictEqual({ type: 'web_search_call', status: 'completed' });
    }
  });
});
