import * as ai5 from 'ai';
import * as ai6 from 'ai-v6';
import * as ai7 from 'ai-v7';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { z } from 'zod/v4';
import { createCodex, type CodexProviderSettings } from '../src';
import { createCodex as createCodexV3 } from '../src/v3';
import { createCodex as createCodexV4 } from '../src/v4';
import { postResponses } from './support/codex-emulator';
import { SAMPLE_PATCH, SAMPLE_SOURCES } from './support/codex-emulator-tools';
import { useCodexEmulator } from './support/use-codex-emulator';

// codex.tools through AI SDK 5, 6 and 7 against the emulator: web search, a freeform tool,
// apply_patch and local shell, each in a tool loop whose next turn the emulator checks
// the way the backend does (no item ids, every call answered by its own output type).

const emu = useCodexEmulator();
const settings = () => ({ baseURL: emu.baseURL, auth: { accessToken: 'at-SECRET-tools' } });

beforeAll(() => {
  (globalThis as { AI_SDK_LOG_WARNINGS?: unknown }).AI_SDK_LOG_WARNINGS = false;
});
afterAll(() => {
  delete (globalThis as { AI_SDK_LOG_WARNINGS?: unknown }).AI_SDK_LOG_WARNINGS;
});

// The three SDKs differ only in generics here; one loose typing drives the shared cases.
// (The fully typed calls are in 'typed tool sets' below.)
type Sdk = {
  generateText: (options: any) => Promise<any>;
  streamText: (options: any) => any;
  stepCountIs: (n: number) => unknown;
};
type Provider = {
  (id: string): unknown;
  tools: ReturnType<typeof createCodexV4>['tools'];
};

const inputOf = (request: { body: any }) => request.body.input as Array<Record<string, any>>;
const types = (request: { body: any }) => inputOf(request).map(i => i.type);
/** The call id the emulator gave the turn's one call (a fresh one per call, as the backend's). */
const callId = (request: { body: any }) => {
  const id = inputOf(request)[2]!.call_id as string;
  expect(id).toMatch(/^call_[A-Za-z0-9]{24}$/);
  return id;
};

describe.each([
  [
    'ai@5',
    ai5 as unknown as Sdk,
    (extra: CodexProviderSettings = {}) =>
      createCodex({ ...settings(), ...extra }) as unknown as Provider,
  ],
  [
    'ai@6 + /v3',
    ai6 as unknown as Sdk,
    (extra: CodexProviderSettings = {}) =>
      createCodexV3({ ...settings(), ...extra }) as unknown as Provider,
  ],
  [
    'ai@7 + /v4',
    ai7 as unknown as Sdk,
    (extra: CodexProviderSettings = {}) =>
      createCodexV4({ ...settings(), ...extra }) as unknown as Provider,
  ],
] as const)('%s', (_, sdk, provider) => {
  it('web search: tool call, result and sources; the next turn replays it', async () => {
    const codex = provider();
    const tools = {
      web_search: codex.tools.webSearch({
        allowedDomains: ['ai-sdk.dev'],
        searchContextSize: 'low',
        userLocation: { country: 'DE' },
      }),
    };
    const first = await sdk.generateText({
      model: codex('gpt-5.3-codex'),
      prompt: 'AI SDK news',
      tools,
    });
    expect(emu.requests[0]!.body.tools).toEqual([
      {
        type: 'web_search',
        filters: { allowed_domains: ['ai-sdk.dev'] },
        user_location: { type: 'approximate', country: 'DE' },
        search_context_size: 'low',
      },
    ]);
    const content = first.steps[0].content;
    expect(content.filter((p: any) => p.type === 'tool-call')).toEqual([
      expect.objectContaining({
        toolName: 'web_search',
        providerExecuted: true,
        input: {},
      }),
    ]);
    expect(content.filter((p: any) => p.type === 'tool-result')).toEqual([
      expect.objectContaining({
        toolName: 'web_search',
        providerExecuted: true,
        output: { action: { type: 'search', query: 'AI SDK news' } },
      }),
    ]);
    expect(first.sources.map((s: any) => [s.url, s.title])).toEqual(
      SAMPLE_SOURCES.map(s => [s.url, s.title]),
    );
    expect(first.text).toContain('Here is what I found');
    expect(first.finishReason).toBe('stop');

    const second = await sdk.generateText({
      model: codex('gpt-5.3-codex'),
      messages: [
        { role: 'user', content: 'AI SDK news' },
        ...first.response.messages,
        { role: 'user', content: 'Thanks' },
      ],
      tools,
    });
    expect(second.text).toContain('Here is what I found about "Thanks"');
    const replay = inputOf(emu.requests[1]!);
    expect(replay.find(i => i.type === 'web_search_call')).toEqual({
      type: 'web_search_call',
      status: 'completed',
      action: { type: 'search', query: 'AI SDK news' },
    });
    expect(types(emu.requests[1]!)).toEqual([
      'message',
      'reasoning',
      'web_search_call',
      'message',
      'message',
    ]);
  });

  it('web search: streams the call, result and sources; links only in the text become sources', async () => {
    const codex = provider();
    const result = sdk.streamText({
      model: codex('gpt-5.3-codex'),
      prompt: 'answer with inline links',
      tools: { search: codex.tools.webSearch() },
    });
    const parts: any[] = [];
    for await (const part of result.fullStream) parts.push(part);
    expect(parts.filter(p => p.type === 'error')).toEqual([]);
    const kinds = parts.map(p => p.type);
    expect(kinds.indexOf('tool-call')).toBeLessThan(kinds.indexOf('tool-result'));
    expect(parts.find(p => p.type === 'tool-call')).toMatchObject({
      toolName: 'search',
      providerExecuted: true,
    });
    expect(parts.filter(p => p.type === 'source').map(p => p.url)).toEqual(
      SAMPLE_SOURCES.map(s => s.url),
    );
    // (the emulator answers "inline links" prompts without url_citation annotations)
    expect(emu.requests).toHaveLength(1);
  });

  it('freeform tool: a two-step loop with the raw text in and custom_tool_call_output back', async () => {
    const codex = provider();
    const seen: unknown[] = [];
    const result = await sdk.generateText({
      model: codex('gpt-5.3-codex'),
      prompt: 'Count the users',
      tools: {
        write_sql: codex.tools.custom({
          description: 'A SQL query that answers the question',
          format: { type: 'grammar', syntax: 'regex', definition: '[\\s\\S]+' },
          execute: async (input: string) => {
            seen.push(input);
            return `42 rows for "${input}"`;
          },
        }),
      },
      stopWhen: sdk.stepCountIs(3),
    });
    expect(seen).toEqual(['sample input for write_sql']);
    expect(result.steps.map((s: any) => s.finishReason)).toEqual(['tool-calls', 'stop']);
    expect(result.steps[0].toolCalls[0]).toMatchObject({
      toolName: 'write_sql',
      input: 'sample input for write_sql',
    });
    expect(result.text).toBe(
      'The write_sql tool returned 42 rows for "sample input for write_sql".',
    );
    expect(emu.requests[0]!.body.tools).toEqual([
      {
        type: 'custom',
        name: 'write_sql',
        description: 'A SQL query that answers the question',
        format: { type: 'grammar', syntax: 'regex', definition: '[\\s\\S]+' },
      },
    ]);
    expect(inputOf(emu.requests[1]!).slice(2)).toEqual([
      {
        type: 'custom_tool_call',
        call_id: callId(emu.requests[1]!),
        name: 'write_sql',
        input: 'sample input for write_sql',
      },
      {
        type: 'custom_tool_call_output',
        call_id: callId(emu.requests[1]!),
        output: '42 rows for "sample input for write_sql"',
      },
    ]);
  });

  it('apply_patch: streams the patch as tool input and round-trips under any key', async () => {
    // one part per backend event, so that every delta of the patch is visible
    const codex = provider({ coalesceDeltas: false });
    const result = sdk.streamText({
      model: codex('gpt-5.3-codex'),
      prompt: 'Create hello.txt',
      tools: { patch: codex.tools.applyPatch({ execute: async () => 'Done!' }) },
      stopWhen: sdk.stepCountIs(3),
    });
    const deltas: string[] = [];
    let call: any;
    for await (const part of result.fullStream) {
      if (part.type === 'tool-input-delta') deltas.push(part.delta);
      if (part.type === 'tool-call') call = part;
      if (part.type === 'error') throw part.error;
    }
    expect(call).toMatchObject({ toolName: 'patch', input: SAMPLE_PATCH });
    expect(JSON.parse(deltas.join(''))).toBe(SAMPLE_PATCH);
    expect(deltas.length).toBeGreaterThan(1);
    expect(await result.text).toBe('The apply_patch tool returned Done!.');
    expect(emu.requests[0]!.body.tools[0]).toMatchObject({ type: 'custom', name: 'apply_patch' });
    expect(inputOf(emu.requests[1]!).slice(2)).toEqual([
      {
        type: 'custom_tool_call',
        call_id: callId(emu.requests[1]!),
        name: 'apply_patch',
        input: SAMPLE_PATCH,
      },
      { type: 'custom_tool_call_output', call_id: callId(emu.requests[1]!), output: 'Done!' },
    ]);
  });

  it('local shell: the action reaches execute and the output goes back by call_id', async () => {
    const codex = provider();
    const actions: unknown[] = [];
    const result = await sdk.generateText({
      model: codex('gpt-5.3-codex'),
      prompt: 'List the files',
      tools: {
        shell: codex.tools.localShell({
          execute: async ({ action }: { action: { command: string[] } }) => {
            actions.push(action);
            return { output: `ran ${action.command.join(' ')}` };
          },
        }),
      },
      stopWhen: sdk.stepCountIs(3),
    });
    expect(actions).toEqual([
      {
        type: 'exec',
        command: ['ls', '-a'],
        workingDirectory: '/tmp',
        timeoutMs: 10_000,
        env: { LC_ALL: 'C' },
      },
    ]);
    expect(result.text).toBe('The local_shell tool returned ran ls -a.');
    expect(emu.requests[0]!.body.tools).toEqual([{ type: 'local_shell' }]);
    expect(inputOf(emu.requests[1]!).slice(2)).toEqual([
      {
        type: 'local_shell_call',
        call_id: callId(emu.requests[1]!),
        status: 'completed',
        action: {
          type: 'exec',
          command: ['ls', '-a'],
          timeout_ms: 10_000,
          working_directory: '/tmp',
          env: { LC_ALL: 'C' },
        },
      },
      { type: 'local_shell_call_output', call_id: callId(emu.requests[1]!), output: 'ran ls -a' },
    ]);
  });

  it('custom({ name }) as @ai-sdk/openai 3.x writes it: taken when it equals the key, else refused', async () => {
    const codex = provider();
    const result = await sdk.generateText({
      model: codex('gpt-5.3-codex'),
      prompt: 'Count the users',
      tools: { run_sql: codex.tools.custom({ name: 'run_sql', execute: async () => '42' }) },
      stopWhen: sdk.stepCountIs(2),
    });
    expect(result.text).toBe('The run_sql tool returned 42.');
    expect(emu.requests[0]!.body.tools).toEqual([
      { type: 'custom', name: 'run_sql', format: { type: 'text' } },
    ]);
    const before = emu.requests.length;
    await expect(
      sdk.generateText({
        model: codex('gpt-5.3-codex'),
        prompt: 'Count the users',
        tools: { sql: codex.tools.custom({ name: 'run_sql' }) },
      }),
    ).rejects.toThrow(/`tools.sql` has `name: 'run_sql'`.*rename the key to 'run_sql'/);
    expect(emu.requests).toHaveLength(before);
  });

  it('still warns about provider tools it does not know, and sends the rest', async () => {
    const codex = provider();
    const foreign =
      _ === 'ai@5'
        ? {
            type: 'provider-defined',
            id: 'openai.web_search',
            name: 'web',
            args: {},
            inputSchema: z.object({}),
          }
        : {
            type: 'provider',
            id: 'openai.web_search',
            args: {},
            inputSchema: z.object({}),
            isProviderExecuted: true,
          };
    const result = await sdk.generateText({
      model: codex('gpt-5.3-codex'),
      prompt: 'Hi',
      tools: { web: foreign },
    });
    expect(result.text).toBe('Hello from the Codex emulator! You said: "Hi"');
    expect(emu.requests[0]!.body.tools).toBeUndefined();
    expect(JSON.stringify(result.warnings)).toContain('openai.web_search');
  });
});

describe('the emulator rejects replays the backend would reject', () => {
  const post = (input: unknown[], tools?: unknown[]) => postResponses(emu, { input, tools });
  const user = { type: 'message', role: 'user', content: [{ type: 'input_text', text: 'x' }] };

  it.each([
    [
      'a custom call answered with function_call_output',
      [
        user,
        { type: 'custom_tool_call', call_id: 'c', name: 'n', input: 'i' },
        { type: 'function_call_output', call_id: 'c', output: 'o' },
      ],
    ],
    [
      'a custom output without its call',
      [user, { type: 'custom_tool_call_output', call_id: 'c', output: 'o' }],
    ],
    [
      'an unanswered local shell call before the next user turn',
      [
        user,
        {
          type: 'local_shell_call',
          call_id: 'c',
          status: 'completed',
          action: { type: 'exec', command: ['ls'] },
        },
        user,
      ],
    ],
    [
      'a web search with an unknown action',
      [user, { type: 'web_search_call', status: 'completed', action: { type: 'openPage' } }],
    ],
  ])('%s', async (_, input) => {
    const response = await post(input);
    expect(response.status).toBeGreaterThanOrEqual(400);
    await response.text();
  });

  it('a custom tool with a bad grammar and two tools of one name', async () => {
    for (const tools of [
      [{ type: 'custom', name: 'x', format: { type: 'grammar', syntax: 'ebnf', definition: 'a' } }],
      [{ type: 'web_search' }, { type: 'web_search' }],
    ]) {
      const response = await post([user], tools);
      expect(response.status).toBe(400);
      await response.text();
    }
  });
});

describe('typed tool sets', () => {
  const prompt = 'Do everything';
  const check = (result: { steps: unknown[]; text: string; sources: unknown[] }) => {
    expect(result.steps).toHaveLength(4);
    expect(result.sources).toHaveLength(2);
    expect(result.text).toContain('Here is what I found');
  };

  it('ai@5 with the root entry', async () => {
    const codex = createCodex(settings());
    check(
      await ai5.generateText({
        model: codex('gpt-5.3-codex'),
        prompt,
        tools: {
          sql: codex.tools.custom({ execute: async input => input.length }),
          patch: codex.tools.applyPatch({ execute: async patch => `applied ${patch.length}` }),
          shell: codex.tools.localShell({
            execute: async ({ action }) => ({ output: action.command.join(' ') }),
          }),
          web: codex.tools.webSearch({ externalWebAccess: true }),
        },
        stopWhen: ai5.stepCountIs(6),
      }),
    );
  });

  it('ai@6 with /v3', async () => {
    const codex = createCodexV3(settings());
    check(
      await ai6.generateText({
        model: codex('gpt-5.3-codex'),
        prompt,
        tools: {
          sql: codex.tools.custom({ execute: async input => input.length }),
          patch: codex.tools.applyPatch({ execute: async patch => `applied ${patch.length}` }),
          shell: codex.tools.localShell({
            execute: async ({ action }) => ({ output: action.command.join(' ') }),
          }),
          web: codex.tools.webSearch({ externalWebAccess: true }),
        },
        stopWhen: ai6.stepCountIs(6),
      }),
    );
  });

  it('ai@7 with /v4', async () => {
    const codex = createCodexV4(settings());
    check(
      await ai7.generateText({
        model: codex('gpt-5.3-codex'),
        prompt,
        tools: {
          sql: codex.tools.custom({ execute: async input => input.length }),
          patch: codex.tools.applyPatch({ execute: async patch => `applied ${patch.length}` }),
          shell: codex.tools.localShell({
            execute: async ({ action }) => ({ output: action.command.join(' ') }),
          }),
          web: codex.tools.webSearch({ externalWebAccess: true }),
        },
        stopWhen: ai7.stepCountIs(6),
      }),
    );
  });
});

describe("over transport: 'websocket'", () => {
  it('a loop with the backend’s own tools sends only each step’s new items', async () => {
    const codex = createCodex({ ...settings(), transport: 'websocket', sessionId: 'tools-ws' });
    const tools = {
      patch: codex.tools.applyPatch({ execute: async () => 'Done!' }),
      shell: codex.tools.localShell({ execute: async () => ({ output: 'a b' }) }),
      web: codex.tools.webSearch(),
    };
    const first = await ai5.generateText({
      model: codex('gpt-5.3-codex'),
      prompt: 'Patch, list, search',
      tools,
      stopWhen: ai5.stepCountIs(5),
    });
    expect(first.steps).toHaveLength(3);
    await ai5.generateText({
      model: codex('gpt-5.3-codex'),
      messages: [
        { role: 'user', content: 'Patch, list, search' },
        ...first.response.messages,
        { role: 'user', content: 'Thanks' },
      ],
      tools,
    });
    const frames = emu.requests.filter(r => r.transport === 'websocket');
    expect(frames).toHaveLength(4);
    expect(frames.slice(1).map(f => f.body.input.map((i: { type: string }) => i.type))).toEqual([
      ['custom_tool_call_output'],
      ['local_shell_call_output'],
      ['message'],
    ]);
    expect(frames.slice(1).every(f => f.body.previous_response_id != null)).toBe(true);
  });
});
