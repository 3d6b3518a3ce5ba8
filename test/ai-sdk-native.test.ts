import * as ai6 from 'ai-v6';
import * as ai7 from 'ai-v7';
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { z } from 'zod/v4';
import { createCodex as createCodexV3 } from '../src/v3';
import { createCodex as createCodexV4 } from '../src/v4';
import { startCodexEmulator, type CodexEmulator } from './support/codex-emulator';

// AI SDK 6 with `/v3` and AI SDK 7 with `/v4`: native models, no compatibility mode.

let emu: CodexEmulator;
const sdkWarnings: Array<{ type: string; feature?: string }> = [];
const processWarnings: string[] = [];
const onProcessWarning = (w: Error) => processWarnings.push(w.message);

beforeAll(async () => {
  emu = await startCodexEmulator();
  process.on('warning', onProcessWarning);
});
afterAll(async () => {
  process.off('warning', onProcessWarning);
  await emu.close();
});
beforeEach(() => {
  emu.requests.length = 0;
  sdkWarnings.length = 0;
  (globalThis as { AI_SDK_LOG_WARNINGS?: unknown }).AI_SDK_LOG_WARNINGS = (o: {
    warnings: typeof sdkWarnings;
  }) => sdkWarnings.push(...o.warnings);
});
afterEach(() => {
  delete (globalThis as { AI_SDK_LOG_WARNINGS?: unknown }).AI_SDK_LOG_WARNINGS;
  expect(sdkWarnings.filter(w => w.type === 'compatibility')).toEqual([]);
  expect(processWarnings.filter(m => /compatibility mode/.test(m))).toEqual([]);
});

const settings = () => ({ baseURL: emu.baseURL, auth: { accessToken: 'at-SECRET-native' } });

const expectedUsage = (r: { usage: unknown }) =>
  expect(r.usage).toMatchObject({
    outputTokens: 42,
    inputTokenDetails: { cacheReadTokens: 0, noCacheTokens: expect.any(Number) },
    outputTokenDetails: { reasoningTokens: 12, textTokens: 30 },
  });

// The two SDKs' call signatures differ only in generics; one typing serves both tables.
type Sdk = typeof ai7;
type AnyProvider = () => ((id: string) => ai7.LanguageModel & { specificationVersion: string }) & {
  specificationVersion: string;
};

describe.each([
  [
    'ai@6 + /v3',
    ai6 as unknown as Sdk,
    (() => createCodexV3(settings())) as unknown as AnyProvider,
    'v3',
  ],
  ['ai@7 + /v4', ai7, (() => createCodexV4(settings())) as unknown as AnyProvider, 'v4'],
] as const)('%s', (_, sdk, provider, version) => {
  it('exposes a native model', () => {
    const model = provider()('gpt-5.3-codex');
    expect(model.specificationVersion).toBe(version);
    expect(provider().specificationVersion).toBe(version);
  });

  it('generateText: text, usage details and the raw finish reason', async () => {
    const result = await sdk.generateText({ model: provider()('gpt-5.3-codex'), prompt: 'Hi' });
    expect(result.text).toBe('Hello from the Codex emulator! You said: "Hi"');
    expect(result.finishReason).toBe('stop');
    expect(result.rawFinishReason).toBe('completed');
    expectedUsage(result);
    expect(result.reasoningText).toContain('Planning the answer');
  });

  it('streamText streams text and reasoning', async () => {
    const result = sdk.streamText({ model: provider()('gpt-5.3-codex'), prompt: 'Stream' });
    let text = '';
    let reasoning = '';
    for await (const part of result.fullStream) {
      if (part.type === 'text-delta') text += part.text;
      if (part.type === 'reasoning-delta') reasoning += part.text;
      if (part.type === 'error') throw part.error;
    }
    expect(text).toBe('Hello from the Codex emulator! You said: "Stream"');
    expect(reasoning).toContain('Planning the answer');
    expect(await result.finishReason).toBe('stop');
    expect(await result.rawFinishReason).toBe('completed');
  });

  it('runs a multi-step tool loop', async () => {
    const result = await sdk.generateText({
      model: provider()('gpt-5.3-codex'),
      prompt: 'Weather and time in Paris?',
      tools: {
        getWeather: sdk.tool({
          inputSchema: z.object({ city: z.string() }),
          execute: async ({ city }) => `sunny in ${city}`,
        }),
        getTime: sdk.tool({
          inputSchema: z.object({ city: z.string() }),
          execute: async () => '14:05',
        }),
      },
      stopWhen: sdk.stepCountIs(5),
    });
    expect(result.steps.map(s => s.finishReason)).toEqual(['tool-calls', 'tool-calls', 'stop']);
    expect(result.text).toBe(
      'The getWeather tool returned sunny in Paris. The getTime tool returned 14:05.',
    );
    const last = emu.requests.at(-1)!.body.input;
    expect(last.map((i: { type: string }) => i.type)).toEqual([
      'message',
      'reasoning',
      'function_call',
      'function_call_output',
      'reasoning',
      'function_call',
      'function_call_output',
    ]);
    expect(JSON.stringify(last)).not.toMatch(/"id":/);
  });

  it('reports unsupported settings as unsupported warnings', async () => {
    const result = await sdk.generateText({
      model: provider()('gpt-5.3-codex'),
      prompt: 'Hi',
      temperature: 0.3,
    });
    expect(result.warnings).toEqual([
      expect.objectContaining({ type: 'unsupported', feature: 'temperature' }),
    ]);
    expect(emu.requests[0]!.body).not.toHaveProperty('temperature');
  });
});

describe('ai@7 specifics', () => {
  it('maps the reasoning call option to reasoning.effort; providerOptions.codex wins', async () => {
    const model = createCodexV4(settings())('gpt-5.3-codex');
    await ai7.generateText({ model, prompt: 'Hi', reasoning: 'low' });
    await ai7.generateText({ model, prompt: 'Hi', reasoning: 'max' });
    await ai7.generateText({
      model,
      prompt: 'Hi',
      reasoning: 'low',
      providerOptions: { codex: { reasoningEffort: 'high' } },
    });
    expect(emu.requests.map(r => r.body.reasoning.effort)).toEqual(['low', 'xhigh', 'high']);
  });

  it('a denied tool approval produces a valid next request', async () => {
    const model = createCodexV4(settings())('gpt-5.3-codex');
    let executed = false;
    const tools = {
      deleteFile: ai7.tool({
        description: 'Deletes a file',
        inputSchema: z.object({ path: z.string() }),
        needsApproval: true,
        execute: async () => {
          executed = true;
          return 'deleted';
        },
      }),
    };
    const messages: ai7.ModelMessage[] = [{ role: 'user', content: 'Delete the temp file' }];
    const first = await ai7.generateText({ model, messages, tools });
    const request = first.content.find(p => p.type === 'tool-approval-request');
    expect(request).toBeDefined();
    messages.push(...first.response.messages, {
      role: 'tool',
      content: [
        {
          type: 'tool-approval-response',
          approvalId: request!.approvalId,
          approved: false,
          reason: 'Not on Fridays',
        },
      ],
    });

    const second = await ai7.generateText({ model, messages, tools });
    expect(executed).toBe(false);
    const input = emu.requests.at(-1)!.body.input;
    const call = input.find((i: { type: string }) => i.type === 'function_call');
    const output = input.find((i: { type: string }) => i.type === 'function_call_output');
    expect(call).toMatchObject({ name: 'deleteFile', arguments: '{"path":"sample path"}' });
    expect(output).toEqual({
      type: 'function_call_output',
      call_id: call.call_id,
      output: expect.stringContaining('denied'),
    });
    expect(output.output).toContain('Not on Fridays');
    expect(second.text).toContain('The deleteFile tool returned Tool execution was denied');
  });
});

describe('one failure, one finish in every spec version', () => {
  // Each failure ends through the same path, so V3 and V4 report the same raw reason.
  const cases = [
    ['a truncated stream', { kind: 'sse', fixture: 'no-terminal' }, 'stream_truncated'],
    ['response.failed', { kind: 'sse', fixture: 'failed' }, 'context_length_exceeded'],
  ] as const;

  it.each(cases)('%s', async (_, script, raw) => {
    for (const create of [createCodexV3, createCodexV4]) {
      emu.enqueue(script);
      const model = create({ ...settings(), maxRetries: 0 })('gpt-5.3-codex');
      const { stream } = await model.doStream({
        prompt: [{ role: 'user', content: [{ type: 'text', text: 'Hi' }] }],
      });
      const parts: Array<{ type: string; finishReason?: unknown }> = [];
      for await (const part of stream as unknown as AsyncIterable<(typeof parts)[number]>)
        parts.push(part);
      expect(parts.at(-2)?.type).toBe('error');
      expect(parts.at(-1)).toMatchObject({
        type: 'finish',
        finishReason: { unified: 'error', raw },
      });
    }
  });
});
