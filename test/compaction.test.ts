import { APICallError, InvalidArgumentError } from '@ai-sdk/provider';
import * as ai5 from 'ai';
import { generateText, stepCountIs, streamText, tool, type ModelMessage } from 'ai';
import { describe, expect, it } from 'vitest';
import { z } from 'zod/v4';
import * as ai6 from 'ai-v6';
import * as ai7 from 'ai-v7';
import { createCodex, type CodexProviderSettings } from '../src';
import { createCodex as createCodexV3 } from '../src/v3';
import { createCodex as createCodexV4 } from '../src/v4';
import { estimateInputTokens, type RecordedRequest } from './support/codex-emulator';
import { decodeCompaction } from './support/codex-emulator-compaction';
import { responseEvents } from './support/codex-events';
import { cityTool } from './support/city-tool';
import { useCodexEmulator } from './support/use-codex-emulator';

// Automatic compaction against the emulator, over HTTP and WebSocket: the compaction request
// (the call's input and the trigger), the call sent on the compacted input, the compaction
// part the result starts with and the app's history carries, the window id, the errors.

const emu = useCodexEmulator();

const provider = (settings: CodexProviderSettings = {}) =>
  createCodex({ baseURL: emu.baseURL, auth: { accessToken: 'at-SECRET-compaction' }, ...settings });

const responses = () => emu.requests.filter(r => r.path.endsWith('/responses'));
/** A request's full input (a WebSocket frame's increment resolved). */
const inputOf = (r: RecordedRequest): any[] => (r.resolvedBody ?? r.body).input;
const kinds = (r: RecordedRequest) =>
  inputOf(r).map(i => (i.type === 'message' ? `${i.role}` : i.type));
const isCompactionRequest = (r: RecordedRequest) =>
  inputOf(r).at(-1)?.type === 'compaction_trigger';
const bodyOf = (r: RecordedRequest) => r.resolvedBody ?? r.body;
const windowId = (r: RecordedRequest) => bodyOf(r).client_metadata['x-codex-window-id'];
const user = (text: string): ModelMessage => ({ role: 'user', content: text });
const compactionOf = (part: { type: string; providerMetadata?: any }) =>
  part.type === 'reasoning' ? part.providerMetadata?.codex?.compaction : undefined;

describe.each(['sse', 'websocket'] as const)('over %s', transport => {
  const codex = (settings: CodexProviderSettings = {}) => provider({ transport, ...settings });

  it('compacts before the call that crosses the threshold, then sends the call on the compacted input', async () => {
    const model = codex({ sessionId: 'conv-c', compaction: { atInputTokens: 600 } })(
      'gpt-5.3-codex',
    );
    const tools = {
      weather: cityTool('Weather of a city', city => `sunny in ${city} `.repeat(60)),
    };
    const messages: ModelMessage[] = [user('Weather in Paris?')];
    const call = (stop = 3) =>
      generateText({ model, system: 'Be brief.', messages, tools, stopWhen: stepCountIs(stop) });

    // a tool turn that stays under the threshold: no compaction
    const first = await call();
    const firstTokens = first.steps.map(s => s.usage.inputTokens! + s.usage.outputTokens!);
    expect(firstTokens).toHaveLength(2);
    expect(firstTokens[1]).toBeGreaterThan(400);
    expect(firstTokens[1]).toBeLessThan(600);
    expect(responses().map(isCompactionRequest)).toEqual([false, false]);

    // the next turn's input is over it: compaction first
    messages.push(...first.response.messages, user('Thanks. And tomorrow?'));
    const second = await call();
    const [, , compaction, compacted, followUp] = responses();
    expect(responses().map(isCompactionRequest)).toEqual([false, false, true, false, false]);

    // the compaction request: this call's full input, then the trigger, announced as v2
    expect(kinds(compaction!)).toEqual([
      'user',
      'reasoning',
      'function_call',
      'function_call_output',
      'reasoning',
      'assistant',
      'user',
      'compaction_trigger',
    ]);
    expect(compaction!.headers['x-codex-beta-features']).toBe('remote_compaction_v2');
    expect(windowId(compaction!)).toBe('conv-c:0');
    expect(bodyOf(compaction!).instructions).toBe('Be brief.');

    // the call: the user messages, the compaction item with its id, nothing older
    const item = inputOf(compacted!).at(-1);
    expect(kinds(compacted!)).toEqual(['user', 'user', 'compaction']);
    expect(inputOf(compacted!).slice(0, 2)).toEqual(
      inputOf(compaction!).filter(i => i.role === 'user'),
    );
    expect(item).toEqual({
      type: 'compaction',
      id: expect.stringMatching(/^cmp_[0-9a-f]{50}$/),
      encrypted_content: expect.any(String),
    });
    expect(decodeCompaction(item.encrypted_content)).toEqual({
      items: 7,
      userTexts: ['Weather in Paris?', 'Thanks. And tomorrow?'],
      turnCalls: {},
    });
    expect(windowId(compacted!)).toBe('conv-c:1');
    if (transport === 'sse') expect(compacted!.headers['x-codex-window-id']).toBe('conv-c:1');
    expect(bodyOf(compacted!).instructions).toBe('Be brief.');

    // the step starts with the compaction, as reasoning with no text
    const [step1, step2] = second.steps;
    expect(step1!.content[0]).toEqual({
      type: 'reasoning',
      text: '',
      providerMetadata: {
        codex: { compaction: { itemId: item.id, encryptedContent: item.encrypted_content } },
      },
    });
    // the compaction request's usage is reported apart from the call's
    expect(step1!.providerMetadata?.codex?.compactionUsage).toEqual({
      inputTokens: estimateInputTokens(bodyOf(compaction!)),
      cachedInputTokens: 0,
      outputTokens: Math.ceil(item.encrypted_content.length / 4),
      reasoningTokens: 0,
      totalTokens: expect.any(Number),
    });
    expect(step1!.usage.inputTokens).toBe(estimateInputTokens(bodyOf(compacted!)));
    expect(step1!.usage.inputTokens).toBeLessThan(estimateInputTokens(bodyOf(compaction!)) / 2);

    // the next step replays from the compaction: user messages before it, the item, the rest
    expect(kinds(followUp!)).toEqual([
      'user',
      'user',
      'compaction',
      'reasoning',
      'function_call',
      'function_call_output',
    ]);
    expect(inputOf(followUp!)[2]).toEqual(item);
    expect(windowId(followUp!)).toBe('conv-c:1');
    expect(step2!.providerMetadata?.codex?.compactionUsage).toBeUndefined();
    expect(second.text).toMatch(/^The weather tool returned sunny in Paris/);

    if (transport === 'websocket') {
      // the compaction request goes on with the socket's conversation; the call after it
      // starts over in full, and the turn chains again from there
      expect(responses().map(r => r.body.previous_response_id != null)).toEqual([
        false,
        true,
        true,
        false,
        true,
      ]);
      expect(compaction!.body.input.map((i: { type: string }) => i.type)).toEqual([
        'message',
        'compaction_trigger',
      ]);
      expect(new Set(responses().map(r => r.socket))).toEqual(new Set([1]));
    }
  });

  it('streams the compaction part first, before the call’s own parts', async () => {
    const result = streamText({
      model: codex()('gpt-5.3-codex'),
      prompt: 'Hi',
      providerOptions: { codex: { compact: true } },
    });
    const parts: Array<{ type: string; providerMetadata?: any }> = [];
    for await (const part of result.fullStream) parts.push(part);
    const content = parts.filter(
      p => !['start', 'start-step', 'finish-step', 'finish'].includes(p.type),
    );
    expect(
      content.slice(0, 2).map(p => [p.type, p.providerMetadata?.codex?.compaction != null]),
    ).toEqual([
      ['reasoning-start', true],
      ['reasoning-end', true],
    ]);
    expect(content.slice(2).some(p => p.type === 'text-delta')).toBe(true);
    const { providerMetadata } = parts.find(p => p.type === 'finish-step') as any;
    expect(providerMetadata.codex.compactionUsage.inputTokens).toBeGreaterThan(0);
    expect(responses().map(isCompactionRequest)).toEqual([true, false]);
    expect((await result.response).messages[0]!.content).toEqual([
      expect.objectContaining({
        type: 'reasoning',
        text: '',
        providerOptions: {
          codex: { compaction: expect.objectContaining({ itemId: expect.any(String) }) },
        },
      }),
      expect.objectContaining({ type: 'reasoning' }),
      expect.objectContaining({ type: 'text' }),
    ]);
  });

  it('compaction: false sends the whole history and reports context_length_exceeded, naming the setting', async () => {
    emu.catalog['gpt-5.3-codex']!.context = 3_000;
    const run = (settings: CodexProviderSettings) => chat(codex(settings), 30);
    const off = await run({ compaction: false });
    expect(off.error).toBeInstanceOf(APICallError);
    expect(off.error!.message).toMatch(
      /^context_length_exceeded: Your input exceeds the context window of this model\. Please adjust your input and try again\. Automatic compaction is off \(`compaction: false`\)/,
    );
    expect(off.error!.isRetryable).toBe(false);
    expect(responses().some(isCompactionRequest)).toBe(false);

    // on by default: the catalog's window of 3 000 tokens puts the threshold at 2 700
    emu.requests.length = 0;
    const on = await run({});
    expect(on.error).toBeUndefined();
    expect(on.turns).toBe(30);
    const compactions = responses().filter(isCompactionRequest);
    expect(compactions.length).toBeGreaterThan(0);
    for (const request of responses()) {
      expect(estimateInputTokens(request.resolvedBody ?? request.body)).toBeLessThanOrEqual(3_000);
    }
    // judged from the last response's input and output (42 tokens) and the growth since
    for (const request of compactions) {
      expect(estimateInputTokens(bodyOf(request))).toBeGreaterThanOrEqual(2_700 - 42);
    }
  });

  it('compact: true compacts before the call whatever its size, even with compaction off', async () => {
    const result = await generateText({
      model: codex({ compaction: false })('gpt-5.3-codex'),
      prompt: 'Hi',
      temperature: 0.5,
      providerOptions: { codex: { compact: true } },
    });
    // what both requests of the call were told, once
    expect(result.warnings).toEqual([
      expect.objectContaining({ type: 'unsupported-setting', setting: 'temperature' }),
    ]);
    expect(responses().map(isCompactionRequest)).toEqual([true, false]);
    expect(kinds(responses()[0]!)).toEqual(['user', 'compaction_trigger']);
    expect(kinds(responses()[1]!)).toEqual(['user', 'compaction']);
    expect(compactionOf(result.content[0]!)).toEqual({
      itemId: inputOf(responses()[1]!)[1].id,
      encryptedContent: inputOf(responses()[1]!)[1].encrypted_content,
    });
  });

  it.each([0, 2])(
    'fails without sending the call when the compaction answer holds %i compaction items',
    async count => {
      emu.compactionItems = count;
      const error = await generateText({
        model: codex()('gpt-5.3-codex'),
        prompt: 'Hi',
        providerOptions: { codex: { compact: true } },
        maxRetries: 2,
      }).then(
        () => undefined,
        e => e,
      );
      expect(APICallError.isInstance(error)).toBe(true);
      expect(error.message).toMatch(
        new RegExp(
          `^The Codex backend answered the compaction request with ${count} compaction items instead of one, so the call was not sent\\. .*\`compaction: false\``,
        ),
      );
      expect(error.isRetryable).toBe(false);
      // the compaction request only: no retry, no call on a guess
      expect(responses()).toHaveLength(1);
      expect(isCompactionRequest(responses()[0]!)).toBe(true);
      // the error names that request and its answer
      expect(error.url).toBe(`${emu.baseURL}/responses`);
      expect(error.requestBodyValues.input.at(-1)).toEqual({ type: 'compaction_trigger' });
      // (the backend's answer to it: over a socket, the upgrade's)
      expect(error.responseHeaders['x-codex-turn-state']).toMatch(/^ts_emu_\d+$/);
    },
  );

  it('sends the call’s own headers with its compaction request', async () => {
    await generateText({
      model: codex()('gpt-5.3-codex'),
      prompt: 'Hi',
      headers: { 'x-app-trace': 'trace-1' },
      providerOptions: { codex: { compact: true } },
    });
    const [compaction, call] = responses();
    expect(isCompactionRequest(compaction!)).toBe(true);
    if (transport === 'sse') {
      expect(compaction!.headers['x-app-trace']).toBe('trace-1');
      expect(call!.headers['x-app-trace']).toBe('trace-1');
    } else {
      // a socket carries the headers of the request that opened it: the compaction request
      expect(emu.websocket.handshakes[0]!.headers['x-app-trace']).toBe('trace-1');
    }
  });

  it('retries a failed compaction request as any other, then sends the call once', async () => {
    emu.inject = (_, body) =>
      body?.input?.at(-1)?.type === 'compaction_trigger' &&
      responses().filter(isCompactionRequest).length === 1
        ? { kind: 'http', status: 503, body: { detail: 'Service Unavailable' } }
        : undefined;
    const result = await generateText({
      model: codex({ initialRetryDelayMs: 1 })('gpt-5.3-codex'),
      prompt: 'Hi',
      providerOptions: { codex: { compact: true } },
    });
    expect(responses().map(isCompactionRequest)).toEqual([true, true, false]);
    expect(compactionOf(result.content[0]!)).toBeDefined();
  });

  it('a 30-step tool loop through a small window ends without error, its input bounded', async () => {
    const loop = (settings: CodexProviderSettings) =>
      streamText({
        model: codex({ compaction: { atInputTokens: 2_000 }, ...settings })('gpt-5.3-codex'),
        system: 'You are an agent. Call the step tool until the task is done.',
        prompt: 'Run the task.',
        tools: {
          step: tool({
            description: 'Runs one step of the task',
            inputSchema: z.object({ n: z.number() }),
            execute: async ({ n }) => `step ${n} done: ${'ok '.repeat(60)}`,
          }),
        },
        stopWhen: stepCountIs(40),
        // the errors are read from the stream
        onError: () => {},
      });
    emu.catalog['gpt-5.3-codex']!.context = 2_500;
    emu.callsPerTool = 32;

    const errors: unknown[] = [];
    const result = loop({});
    for await (const part of result.fullStream) if (part.type === 'error') errors.push(part.error);
    expect(errors).toEqual([]);
    const steps = await result.steps;
    expect(steps).toHaveLength(33);
    expect(await result.text).toMatch(/^(The step tool returned|Done: step ran 32 time)/);
    const inputs = steps.map(s => s.usage.inputTokens!);
    expect(Math.max(...inputs)).toBeLessThan(2_500);

    // each compaction came first in the step that paid for it, and covered its tool results
    const compacted = steps.flatMap((s, i) => (compactionOf(s.content[0]!) != null ? [i] : []));
    expect(compacted.length).toBeGreaterThanOrEqual(2);
    for (const i of compacted) {
      expect(inputs[i]).toBeLessThan(inputs[i - 1]!);
      expect(steps[i]!.providerMetadata?.codex?.compactionUsage).toBeDefined();
    }
    const compactions = responses().filter(isCompactionRequest);
    expect(compactions).toHaveLength(compacted.length);
    for (const request of compactions) {
      expect(kinds(request).slice(-2)).toEqual(['function_call_output', 'compaction_trigger']);
    }
    expect(responses().map(windowId).at(-1)).toBe(
      `${responses()[0]!.body.prompt_cache_key}:${compacted.length}`,
    );

    // without compaction the same loop outgrows the window
    emu.requests.length = 0;
    const off = loop({ compaction: false });
    const offErrors: APICallError[] = [];
    for await (const part of off.fullStream)
      if (part.type === 'error') offErrors.push(part.error as APICallError);
    expect(offErrors.map(e => e.message)).toEqual([
      expect.stringMatching(/^context_length_exceeded/),
    ]);
  });
});

/** `turns` user turns of one conversation, each with its answer, until one fails. */
async function chat(codex: ReturnType<typeof createCodex>, turns: number) {
  const messages: ModelMessage[] = [];
  await codex.listModels();
  for (let turn = 1; turn <= turns; turn++) {
    messages.push(user(`Turn ${turn}: ${'note '.repeat(20)}`));
    try {
      const result = await generateText({ model: codex('gpt-5.3-codex'), messages, maxRetries: 0 });
      messages.push(...result.response.messages);
    } catch (error) {
      return { turns: turn - 1, error: error as APICallError };
    }
  }
  return { turns, error: undefined };
}

it('tells the call what the compaction request’s transport had to say: a refused WebSocket', async () => {
  emu.websocket.rejectHandshake = () => ({ status: 426, body: { detail: 'Use HTTP' } });
  const result = await generateText({
    model: provider({ transport: 'websocket' })('gpt-5.3-codex'),
    prompt: 'Hi',
    providerOptions: { codex: { compact: true } },
  });
  expect(responses().map(r => [r.method, isCompactionRequest(r)])).toEqual([
    ['POST', true],
    ['POST', false],
  ]);
  expect(result.warnings).toEqual([
    { type: 'other', message: expect.stringMatching(/refused the WebSocket upgrade \(HTTP 426\)/) },
  ]);
});

describe('when to compact', () => {
  it('judges a conversation it has seen nothing of by its size: a fresh process compacts a long history first', async () => {
    const history: ModelMessage[] = [];
    for (let turn = 1; turn <= 8; turn++) {
      history.push(user(`Turn ${turn}: ${'note '.repeat(40)}`), {
        role: 'assistant',
        content: `Noted ${'ok '.repeat(40)}`,
      });
    }
    history.push(user('What did I say?'));
    await generateText({
      model: provider({ compaction: { atInputTokens: 600 } })('gpt-5.3-codex'),
      messages: history,
    });
    expect(responses().map(isCompactionRequest)).toEqual([true, false]);
    expect(estimateInputTokens(responses()[0]!.body)).toBeGreaterThanOrEqual(600);
  });

  it('judges a conversation it has seen by its last response: input and output tokens, plus what the input grew by', async () => {
    const run = async (compaction: CodexProviderSettings['compaction']) => {
      emu.requests.length = 0;
      // the first answer says what the backend counted, whatever the input's size
      let answers = 0;
      emu.inject = (_, body) =>
        answers++ === 0 && !isCompactionRequest({ body } as RecordedRequest)
          ? {
              kind: 'sse',
              events: responseEvents({
                output: [{ type: 'message', text: 'Hello.' }],
                usage: { input_tokens: 1_000, output_tokens: 200 },
              }),
            }
          : undefined;
      const model = provider({ sessionId: 'conv-u', compaction })('gpt-5.3-codex');
      const first = await generateText({ model, messages: [user('Hi')] });
      await generateText({
        model,
        messages: [user('Hi'), ...first.response.messages, user('Again.')],
      });
      return responses();
    };
    const [one, two] = await run(false);
    const grown = estimateInputTokens(bodyOf(two!)) - estimateInputTokens(bodyOf(one!));
    expect(grown).toBeGreaterThan(0);
    const tokens = 1_000 + 200 + grown;
    expect((await run({ atInputTokens: tokens + 1 })).map(isCompactionRequest)).toEqual([
      false,
      false,
    ]);
    expect((await run({ atInputTokens: tokens })).map(isCompactionRequest)).toEqual([
      false,
      true,
      false,
    ]);
  });

  it('judges the call after a compaction by the compacted call’s usage', async () => {
    const answers = [
      { input_tokens: 100, output_tokens: 10 },
      // the compacted call
      { input_tokens: 9_000, output_tokens: 10 },
    ];
    emu.inject = (_, body) => {
      if (isCompactionRequest({ body } as RecordedRequest)) return undefined;
      const usage = answers.shift();
      return usage == null
        ? undefined
        : {
            kind: 'sse',
            events: responseEvents({ output: [{ type: 'message', text: 'Noted.' }], usage }),
          };
    };
    const model = provider({ sessionId: 'conv-v', compaction: { atInputTokens: 5_000 } })(
      'gpt-5.3-codex',
    );
    const messages: ModelMessage[] = [user('One.')];
    const first = await generateText({ model, messages });
    messages.push(...first.response.messages, user('Two.'));
    const second = await generateText({
      model,
      messages,
      providerOptions: { codex: { compact: true } },
    });
    messages.push(...second.response.messages, user('Three.'));
    await generateText({ model, messages });
    // the third call's input is small, but the compacted call before it counted 9 010 tokens
    expect(responses().map(isCompactionRequest)).toEqual([false, true, false, true, false]);
  });

  it('never compacts by itself for a model whose window it does not know, unless told from when', async () => {
    emu.catalog['gpt-emu-small'] = { name: 'Small', levels: ['low'], context: 100 };
    const long = `${'word '.repeat(200)}`;
    const unknown = await generateText({
      model: provider()('gpt-emu-small'),
      prompt: long,
    }).then(
      () => undefined,
      e => e,
    );
    expect(unknown?.message).toMatch(/^context_length_exceeded/);
    expect(responses().some(isCompactionRequest)).toBe(false);

    emu.requests.length = 0;
    emu.catalog['gpt-emu-small']!.context = 1_000;
    await generateText({
      model: provider({ compaction: { atInputTokens: 100 } })('gpt-emu-small'),
      prompt: long,
    });
    expect(responses().map(isCompactionRequest)).toEqual([true, false]);
  });

  it('goes by the input’s size after a call of a model whose window it does not know', async () => {
    emu.catalog['gpt-emu-wide'] = { name: 'Wide', levels: ['low'], context: 2_000_000 };
    const codex = provider({ sessionId: 'conv-m' });
    const first = await generateText({ model: codex('gpt-emu-wide'), prompt: 'Hi' });
    // the same conversation on a model with a known window (272 000: threshold 244 800)
    await generateText({
      model: codex('gpt-5.3-codex'),
      // the long text before a short last message, which the emulator echoes
      messages: [
        user('Hi'),
        ...first.response.messages,
        user(`Long: ${'word '.repeat(200_000)}`),
        user('Go on.'),
      ],
    });
    expect(responses().map(isCompactionRequest)).toEqual([false, true, false]);
  });

  it('keeps the usage of each conversation apart', async () => {
    const codex = provider({ compaction: { atInputTokens: 300 } });
    const big = await generateText({
      model: codex('gpt-5.3-codex'),
      prompt: `Long: ${'alpha '.repeat(180)}`,
      providerOptions: { codex: { promptCacheKey: 'conv-big' } },
    });
    expect(big.usage.inputTokens).toBeGreaterThan(300);
    emu.requests.length = 0;
    // another conversation of a few tokens: the big one's usage says nothing of it
    await generateText({
      model: codex('gpt-5.3-codex'),
      prompt: 'Short.',
      providerOptions: { codex: { promptCacheKey: 'conv-small' } },
    });
    expect(responses().map(isCompactionRequest)).toEqual([false]);
  });
});

describe('the compaction setting', () => {
  it.each([
    [
      { atInputTokens: -1 },
      'compaction.atInputTokens',
      'must be a whole number of tokens above 0, got -1',
    ],
    [
      { atInputTokens: 1.5 },
      'compaction.atInputTokens',
      'must be a whole number of tokens above 0, got 1.5',
    ],
    [
      { atInputTokens: '9000' },
      'compaction.atInputTokens',
      'must be a whole number of tokens above 0, got "9000"',
    ],
    [
      { atTokens: 9000, at: 1 },
      'compaction',
      'must be `false` or `{ atInputTokens?: number }`, got {"atTokens":9000,"at":1}',
    ],
    [true, 'compaction', 'must be `false` or `{ atInputTokens?: number }`, got true'],
    [null, 'compaction', 'must be `false` or `{ atInputTokens?: number }`, got null'],
  ])('refuses %j, naming %s', (compaction, argument, message) => {
    let error: unknown;
    try {
      provider({ compaction: compaction as never });
    } catch (e) {
      error = e;
    }
    expect(InvalidArgumentError.isInstance(error)).toBe(true);
    expect(error).toMatchObject({
      argument,
      message: `The Codex \`${argument}\` setting ${message}.`,
    });
  });

  it('takes false, an empty object and a threshold', () => {
    for (const compaction of [false, {}, { atInputTokens: 1 }, undefined] as const) {
      expect(() => provider({ compaction })).not.toThrow();
    }
  });
});

// The three SDK majors' call signatures differ only in generics; one typing serves all.
type Sdk = typeof ai5;
type AnyCreate = (settings: CodexProviderSettings) => (id: string) => ai5.LanguageModel;

describe.each([
  ['ai@5 + the root entry', ai5, createCodex as AnyCreate],
  ['ai@6 + /v3', ai6 as unknown as Sdk, createCodexV3 as unknown as AnyCreate],
  ['ai@7 + /v4', ai7 as unknown as Sdk, createCodexV4 as unknown as AnyCreate],
] as const)('%s', (_, sdk, create) => {
  it('carries the compaction part through response.messages into the next call', async () => {
    const model = create({ baseURL: emu.baseURL, auth: { accessToken: 'at-SECRET-sdk' } })(
      'gpt-5.3-codex',
    );
    const messages: ModelMessage[] = [user('One')];
    const first = await sdk.generateText({
      model,
      messages,
      providerOptions: { codex: { compact: true } },
    });
    const compaction = compactionOf(first.content[0]!);
    expect(compaction).toEqual({
      itemId: expect.any(String),
      encryptedContent: expect.any(String),
    });

    messages.push(...first.response.messages, user('Two'));
    const second = sdk.streamText({ model, messages });
    expect(await second.text).toBe('Hello from the Codex emulator! You said: "Two"');
    const next = responses().at(-1)!;
    expect(responses()).toHaveLength(3);
    expect(kinds(next)).toEqual(['user', 'compaction', 'reasoning', 'assistant', 'user']);
    expect(inputOf(next)[1]).toEqual({
      type: 'compaction',
      id: compaction.itemId,
      encrypted_content: compaction.encryptedContent,
    });
    expect(next.headers['x-codex-window-id']).toMatch(/:1$/);
  });
});
