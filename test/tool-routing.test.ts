import * as ai5 from 'ai';
import * as ai7 from 'ai-v7';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { z } from 'zod/v4';
import { createCodex } from '../src';
import { createCodex as createCodexV4 } from '../src/v4';
import { responseEvents, type OutputSpec } from './support/codex-events';
import { useCodexEmulator } from './support/use-codex-emulator';

// A tool call goes only to a declared tool of its own kind: a `function_call` to a function
// tool, a `custom_tool_call` to a custom tool, a `local_shell_call` to the local shell tool.
// Anything else is skipped with an error part that names the tool (doStream; doGenerate
// throws it), and no tool's `execute` runs. A name the request does not know at all still
// reaches the AI SDK, which reports it as a missing tool (and can repair it), as with
// `@ai-sdk/openai`.

const emu = useCodexEmulator();
const settings = () => ({
  baseURL: emu.baseURL,
  auth: { accessToken: 'at-SECRET-routing' },
  maxRetries: 0,
});

beforeAll(() => {
  (globalThis as { AI_SDK_LOG_WARNINGS?: unknown }).AI_SDK_LOG_WARNINGS = false;
});
afterAll(() => {
  delete (globalThis as { AI_SDK_LOG_WARNINGS?: unknown }).AI_SDK_LOG_WARNINGS;
});

/** The next response holds these items (after a line of text). */
function answerWith(...items: OutputSpec[]) {
  emu.inject = () => ({
    kind: 'sse',
    events: responseEvents({ output: [{ type: 'message', text: 'Working on it.' }, ...items] }),
  });
}

const shellCall: OutputSpec = {
  type: 'local_shell_call',
  callId: 'call_shell',
  action: { type: 'exec', command: ['rm', '-rf', '/'] },
};
const functionCall = (name: string, args = '{"query":"DROP TABLE users"}'): OutputSpec => ({
  type: 'function_call',
  name,
  arguments: args,
  callId: `call_${name}`,
});

/** Every `execute` of the request records its tool's key here. */
let ran: string[] = [];

function tools(codex: ReturnType<typeof createCodex>) {
  const record = (name: string) => async () => {
    ran.push(name);
    return 'ran';
  };
  return {
    getWeather: ai5.tool({
      inputSchema: z.object({ city: z.string() }),
      execute: record('getWeather'),
    }),
    run_sql: codex.tools.custom({
      description: 'One read-only SQL query',
      format: { type: 'grammar', syntax: 'lark', definition: 'start: "SELECT 1"' },
      execute: record('run_sql'),
    }),
    patch: codex.tools.applyPatch({ execute: record('patch') }),
    shell: codex.tools.localShell({ execute: async () => (ran.push('shell'), { output: '' }) }),
  };
}

/** What `streamText` shows for the scripted answer: errors, tool calls, finish, and the text. */
async function streamed(toolSet: Record<string, unknown>) {
  const codex = createCodex(settings());
  const result = ai5.streamText({
    model: codex('gpt-5.3-codex'),
    prompt: 'go',
    tools: toolSet as never,
    onError: () => {}, // read from the stream below
  });
  const errors: string[] = [];
  const calls: string[] = [];
  const toolErrors: string[] = [];
  let text = '';
  let finishReason: string | undefined;
  for await (const part of result.fullStream) {
    if (part.type === 'error') {
      errors.push((part.error as Error).message.replace(/ \[request id: req_emulator\]$/, ''));
    }
    if (part.type === 'tool-call') calls.push(part.toolName);
    if (part.type === 'tool-error') toolErrors.push(`${part.toolName}: ${String(part.error)}`);
    if (part.type === 'text-delta') text += part.text;
    if (part.type === 'finish-step') finishReason = part.finishReason;
  }
  return { errors, calls, toolErrors, text, finishReason };
}

describe('tool calls go only to a declared tool of their own kind', () => {
  beforeAll(() => {
    ran = [];
  });

  it('a function tool named local_shell does not capture a shell call', async () => {
    ran = [];
    answerWith(shellCall);
    const codex = createCodex(settings());
    const localShellFunction = ai5.tool({
      inputSchema: z.object({ action: z.unknown() }),
      execute: async () => void ran.push('local_shell'),
    });
    const seen = await streamed({
      local_shell: localShellFunction,
      getWeather: tools(codex).getWeather,
    });
    expect(seen).toEqual({
      errors: [
        'invalid_tool_call: The Codex backend sent a local_shell_call, but this request declares no local shell tool (codex.tools.localShell()); it was skipped and no tool was run.',
      ],
      calls: [],
      toolErrors: [],
      text: 'Working on it.',
      finishReason: 'error',
    });
    expect(ran).toEqual([]);
  });

  it('a shell call when no tool at all was declared', async () => {
    ran = [];
    answerWith(shellCall);
    const seen = await streamed({});
    expect(seen.errors).toEqual([expect.stringContaining('declares no local shell tool')]);
    expect(seen.calls).toEqual([]);
    expect(seen.finishReason).toBe('error');
  });

  it('a function_call named after a grammar-constrained custom tool, apply_patch, the shell or web search', async () => {
    const codex = createCodex(settings());
    for (const [name, kind] of [
      ['run_sql', 'a custom tool'],
      ['patch', 'a custom tool'],
      ['apply_patch', 'a custom tool'],
      ['shell', 'the local shell tool'],
      ['search', 'the web search tool'],
    ] as const) {
      ran = [];
      answerWith(functionCall(name));
      const seen = await streamed({ ...tools(codex), search: codex.tools.webSearch() });
      expect(seen.errors).toEqual([
        `invalid_tool_call: The Codex backend sent a function_call for '${name}', which is ${kind} of this request, not a function tool; it was skipped and no tool was run.`,
      ]);
      expect(seen.calls).toEqual([]);
      expect(seen.finishReason).toBe('error');
      expect(ran).toEqual([]);
    }
  });

  it('a custom_tool_call named after a function tool, or after no custom tool', async () => {
    const codex = createCodex(settings());
    for (const name of ['getWeather', 'shell', 'patch', 'unknown_tool']) {
      ran = [];
      answerWith({ type: 'custom_tool_call', name, callId: `call_${name}`, input: 'SELECT 1' });
      const seen = await streamed(tools(codex));
      expect(seen.errors).toEqual([
        `invalid_tool_call: The Codex backend sent a custom_tool_call for '${name}', which is no custom tool of this request; it was skipped and no tool was run.`,
      ]);
      expect(seen.calls).toEqual([]);
      expect(ran).toEqual([]);
    }
  });

  it('each call still reaches its own tool', async () => {
    const codex = createCodex(settings());
    for (const [item, name] of [
      [functionCall('getWeather', '{"city":"Paris"}'), 'getWeather'],
      [{ type: 'custom_tool_call', name: 'run_sql', callId: 'c1', input: 'SELECT 1' }, 'run_sql'],
      [
        {
          type: 'custom_tool_call',
          name: 'apply_patch',
          callId: 'c2',
          input: '*** Begin Patch\n*** End Patch',
        },
        'patch',
      ],
      [shellCall, 'shell'],
    ] as const) {
      ran = [];
      answerWith(item);
      const seen = await streamed(tools(codex));
      expect(seen).toMatchObject({ errors: [], calls: [name], finishReason: 'tool-calls' });
      expect(ran).toEqual([name]);
    }
  });

  it('a function_call the request does not know reaches the AI SDK as a missing tool', async () => {
    ran = [];
    answerWith(functionCall('deleteEverything'));
    const seen = await streamed(tools(createCodex(settings())));
    expect(seen.errors).toEqual([]);
    // the AI SDK's own answer to a tool it does not have: an invalid call and a tool error
    expect(seen.calls).toEqual(['deleteEverything']);
    expect(seen.toolErrors).toEqual([
      "deleteEverything: Model tried to call unavailable tool 'deleteEverything'. Available tools: getWeather, run_sql, patch, shell.",
    ]);
    expect(ran).toEqual([]);
  });

  it('generateText (doGenerate) throws the same error and runs nothing', async () => {
    for (const item of [shellCall, functionCall('run_sql')]) {
      ran = [];
      answerWith(item);
      const codex = createCodexV4(settings());
      const error = await ai7
        .generateText({
          model: codex('gpt-5.3-codex'),
          prompt: 'go',
          tools: {
            getWeather: ai7.tool({
              inputSchema: z.object({ city: z.string() }),
              execute: async () => void ran.push('getWeather'),
            }),
            run_sql: codex.tools.custom({ execute: async () => void ran.push('run_sql') }),
          },
          maxRetries: 0,
        })
        .catch((e: unknown) => e as Error);
      expect(error).toBeInstanceOf(Error);
      expect((error as Error).message).toMatch(/^invalid_tool_call: The Codex backend sent a /);
      expect(ran).toEqual([]);
    }
  });
});
