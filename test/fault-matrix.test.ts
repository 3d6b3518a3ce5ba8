import {
  APICallError,
  type LanguageModelV2CallOptions,
  type LanguageModelV2StreamPart,
} from '@ai-sdk/provider';
import { convertReadableStreamToArray } from '@ai-sdk/provider-utils/test';
import { generateText } from 'ai';
import { describe, expect, it } from 'vitest';
import { createCodex, type CodexProviderSettings } from '../src';
import { loadFixture } from './support/codex-events';
import type { EmulatorScript } from './support/codex-emulator';
import { responseEvents, toSSE } from './support/codex-events';
import { useCodexEmulator } from './support/use-codex-emulator';

// Every fault the backend or the network can produce, with the outcome and the exact
// number of requests the emulator saw.

const emu = useCodexEmulator();

const TEXT = 'Hello, world! Ünïcödé 👋 done.'; // the text fixture's answer
const hi: LanguageModelV2CallOptions = {
  prompt: [{ role: 'user', content: [{ type: 'text', text: 'Hi' }] }],
};

const model = (settings: CodexProviderSettings = {}) =>
  createCodex({
    baseURL: emu.baseURL,
    auth: { accessToken: 'at-SECRET-faults' },
    initialRetryDelayMs: 20,
    ...settings,
  })('gpt-5.3-codex');

async function streamParts(
  settings?: CodexProviderSettings,
  options: LanguageModelV2CallOptions = hi,
) {
  const { stream } = await model(settings).doStream(options);
  return convertReadableStreamToArray(stream);
}

const textOf = (parts: LanguageModelV2StreamPart[]) =>
  parts.map(p => (p.type === 'text-delta' ? p.delta : '')).join('');
const errorOf = (parts: LanguageModelV2StreamPart[]) =>
  (parts.find(p => p.type === 'error') as { error: APICallError } | undefined)?.error;
const finishOf = (parts: LanguageModelV2StreamPart[]) =>
  parts.find(p => p.type === 'finish') as { finishReason: string };
const gap = (i: number) => emu.requests[i]!.at - emu.requests[i - 1]!.at;

const http = (status: number, body: unknown, headers?: Record<string, string>): EmulatorScript => ({
  kind: 'http',
  status,
  body,
  headers,
});
const overloaded = http(503, {
  error: { message: 'The server is overloaded', type: 'server_error' },
});
const fixture = loadFixture('text');
const offsetOf = (marker: string) => Buffer.byteLength(fixture.slice(0, fixture.indexOf(marker)));

describe('fault matrix', () => {
  it('503 ×2 then OK: 3 requests, text once', async () => {
    emu.enqueue(overloaded, overloaded, { kind: 'sse', fixture: 'text' });
    const parts = await streamParts();
    expect(emu.requests).toHaveLength(3);
    expect(textOf(parts)).toBe(TEXT);
    expect(finishOf(parts).finishReason).toBe('stop');
    expect(parts.filter(p => p.type === 'stream-start')).toHaveLength(1);
  });

  it('429 with Retry-After: 1 waits at least 1 s and at most the cap', async () => {
    emu.enqueue(
      http(
        429,
        { error: { type: 'rate_limit_exceeded', message: 'Slow down' } },
        { 'retry-after': '1' },
      ),
      { kind: 'sse', fixture: 'text' },
    );
    const parts = await streamParts({ maxRetryDelayMs: 3000 });
    expect(emu.requests).toHaveLength(2);
    expect(gap(1)).toBeGreaterThanOrEqual(1000);
    expect(gap(1)).toBeLessThan(3000);
    expect(textOf(parts)).toBe(TEXT);
  });

  it('a Retry-After beyond the cap waits the cap', async () => {
    emu.enqueue(http(503, { detail: 'busy' }, { 'retry-after': '60' }), {
      kind: 'sse',
      fixture: 'text',
    });
    await streamParts({ maxRetryDelayMs: 300 });
    expect(gap(1)).toBeGreaterThanOrEqual(300);
    expect(gap(1)).toBeLessThan(2000);
  });

  it('429 usage_limit_reached: 1 request, plan and reset time, not retryable', async () => {
    const resetsAt = Math.floor(Date.now() / 1000) + 1800;
    emu.enqueue(
      http(429, {
        error: {
          type: 'usage_limit_reached',
          message: 'The usage limit has been reached',
          plan_type: 'plus',
          resets_at: resetsAt,
          resets_in_seconds: 1800,
        },
      }),
    );
    const error = (await Promise.resolve(model().doStream(hi)).catch(e => e)) as APICallError;
    expect(emu.requests).toHaveLength(1);
    expect(APICallError.isInstance(error)).toBe(true);
    expect(error.isRetryable).toBe(false);
    expect(error.message).toMatch(/usage limit \(plus plan\)\. Try again in ~30 min \(resets at /);
    expect(error.data).toMatchObject({ plan: 'plus', resetsAt: new Date(resetsAt * 1000) });
  });

  it('429 usage_limit_reached with a reset time no Date can hold: the same error, no time', async () => {
    emu.enqueue(
      http(429, { error: { type: 'usage_limit_reached', plan_type: 'plus', resets_at: 1e300 } }),
    );
    const error = (await Promise.resolve(model().doStream(hi)).catch(e => e)) as APICallError;
    expect(APICallError.isInstance(error)).toBe(true);
    expect(error.isRetryable).toBe(false);
    expect(error.message).toMatch(/^You have hit your ChatGPT usage limit \(plus plan\)\.( \[|$)/);
    expect((error.data as { resetsAt?: unknown }).resetsAt).toBeUndefined();
  });

  it('connection reset before headers is retried', async () => {
    emu.enqueue({ kind: 'reset' }, { kind: 'sse', fixture: 'text' });
    const parts = await streamParts();
    expect(emu.requests).toHaveLength(2);
    expect(textOf(parts)).toBe(TEXT);
  });

  it('socket destroyed mid-stream before any output is retried, the text comes once', async () => {
    emu.enqueue(
      {
        kind: 'sse',
        fixture: 'text',
        destroyAfterBytes: offsetOf('event: response.output_item.added'),
      },
      { kind: 'sse', fixture: 'text' },
    );
    const parts = await streamParts();
    expect(emu.requests).toHaveLength(2);
    expect(textOf(parts)).toBe(TEXT);
    expect(errorOf(parts)).toBeUndefined();
    expect(parts.filter(p => p.type === 'response-metadata')).toHaveLength(1);
  });

  it('socket destroyed after output is not retried: error part, text not duplicated', async () => {
    emu.enqueue({
      kind: 'sse',
      fixture: 'text',
      destroyAfterBytes: offsetOf('event: response.output_text.done'),
    });
    const parts = await streamParts();
    expect(emu.requests).toHaveLength(1);
    expect(textOf(parts)).toBe(TEXT);
    expect(errorOf(parts)?.message).toMatch(/broke mid-stream/);
    expect(finishOf(parts).finishReason).toBe('error');
  });

  it('doGenerate retries a drop after output, since the caller has seen nothing yet', async () => {
    emu.enqueue(
      {
        kind: 'sse',
        fixture: 'text',
        destroyAfterBytes: offsetOf('event: response.output_text.done'),
      },
      { kind: 'sse', fixture: 'text' },
    );
    const result = await model().doGenerate(hi);
    expect(emu.requests).toHaveLength(2);
    expect(result.content).toMatchObject([{ type: 'text', text: TEXT }]);
  });

  it('a stream that ends without a terminal event before output is retried', async () => {
    const head = toSSE(responseEvents({ output: [], terminal: 'none' }));
    emu.enqueue({ kind: 'sse', raw: head }, { kind: 'sse', fixture: 'text' });
    const parts = await streamParts();
    expect(emu.requests).toHaveLength(2);
    expect(textOf(parts)).toBe(TEXT);
  });

  it('a stream that ends without a terminal event after output is an error', async () => {
    emu.enqueue({ kind: 'sse', fixture: 'no-terminal' });
    const parts = await streamParts();
    expect(emu.requests).toHaveLength(1);
    expect(textOf(parts)).toBe('Partial answer');
    expect(errorOf(parts)?.message).toMatch(/ended before the response was complete/);
  });

  it('a malformed JSON event is skipped', async () => {
    emu.enqueue({ kind: 'sse', fixture: 'quirks' });
    const parts = await streamParts();
    expect(emu.requests).toHaveLength(1);
    expect(textOf(parts)).toBe('Quirky but fine');
    expect(errorOf(parts)).toBeUndefined();
  });

  describe('a malformed output item fails the call the same way in both modes', () => {
    const events = () => [
      ...responseEvents({ output: [{ type: 'message', text: 'still here' }] }).slice(0, -1),
      {
        type: 'response.output_item.done',
        output_index: 1,
        item: { type: 'function_call', name: 'lookup' },
      },
      ...responseEvents({ output: [] }).slice(-1),
    ];
    const malformed =
      /^invalid_event: The Codex backend sent a malformed function_call item \(invalid call_id\); it was skipped\./;

    it('doStream: an error part, the rest of the response, finish reason error; not retried', async () => {
      emu.enqueue({ kind: 'sse', events: events() });
      const parts = await streamParts();
      expect(emu.requests).toHaveLength(1);
      expect(textOf(parts)).toBe('still here');
      expect(errorOf(parts)?.message).toMatch(malformed);
      expect(finishOf(parts).finishReason).toBe('error');
    });

    it('doGenerate: throws that error; not retried', async () => {
      emu.enqueue({ kind: 'sse', events: events() });
      const error = await model()
        .doGenerate(hi)
        .then(
          () => undefined,
          (e: unknown) => e,
        );
      expect(emu.requests).toHaveLength(1);
      expect(APICallError.isInstance(error) && error.message).toMatch(malformed);
      expect(APICallError.isInstance(error) && error.isRetryable).toBe(false);
    });
  });

  it('a stalled server times out; before output it is retried', async () => {
    const head = toSSE(responseEvents({ output: [], terminal: 'none' }));
    emu.enqueue({ kind: 'sse', raw: head, keepOpen: true }, { kind: 'sse', fixture: 'text' });
    const parts = await streamParts({ streamIdleTimeoutMs: 200 });
    expect(emu.requests).toHaveLength(2);
    expect(textOf(parts)).toBe(TEXT);
  });

  it('a stalled server times out with an error once retries are spent', async () => {
    const head = toSSE(responseEvents({ output: [], terminal: 'none' }));
    emu.enqueue(
      { kind: 'sse', raw: head, keepOpen: true },
      { kind: 'sse', raw: head, keepOpen: true },
    );
    const started = Date.now();
    const parts = await streamParts({ streamIdleTimeoutMs: 200, maxRetries: 1 });
    expect(emu.requests).toHaveLength(2);
    const error = errorOf(parts)!;
    expect(error.message).toMatch(/timed out: no data for 0.2 s .*\(gave up after 2 attempts\)/);
    expect(error.isRetryable).toBe(false);
    expect(finishOf(parts).finishReason).toBe('error');
    expect(Date.now() - started).toBeLessThan(5000);
  });

  it('a stall after output ends the stream with a timeout error, not a retry', async () => {
    const cut = offsetOf('event: response.output_text.done');
    emu.enqueue({ kind: 'sse', raw: Buffer.from(fixture).subarray(0, cut), keepOpen: true });
    const parts = await streamParts({ streamIdleTimeoutMs: 200 });
    expect(emu.requests).toHaveLength(1);
    expect(textOf(parts)).toBe(TEXT);
    expect(errorOf(parts)?.message).toMatch(/timed out/);
  });

  it('caller abort during backoff wins at once, with no further request', async () => {
    emu.enqueue(http(503, { detail: 'busy' }, { 'retry-after': '5' }));
    const controller = new AbortController();
    setTimeout(() => controller.abort(), 150);
    const started = Date.now();
    const error = await Promise.resolve(
      model({ maxRetryDelayMs: 10_000 }).doStream({ ...hi, abortSignal: controller.signal }),
    ).catch(e => e);
    expect(error).toMatchObject({ name: 'AbortError' });
    expect(Date.now() - started).toBeLessThan(1500);
    expect(emu.requests).toHaveLength(1);
  });

  it('caller abort mid-stream errors the stream and is not retried', async () => {
    emu.enqueue({ kind: 'sse', fixture: 'reasoning-text', chunkSize: 40, delayMs: 20 });
    const controller = new AbortController();
    const { stream } = await model().doStream({ ...hi, abortSignal: controller.signal });
    const reader = stream.getReader();
    await reader.read();
    await reader.read();
    controller.abort();
    let error: unknown;
    try {
      while (!(await reader.read()).done);
    } catch (e) {
      error = e;
    }
    expect(error).toMatchObject({ name: 'AbortError' });
    await new Promise(r => setTimeout(r, 100));
    expect(emu.requests).toHaveLength(1);
  });

  it('response.failed rate_limit_exceeded honours "try again in"', async () => {
    const failed = toSSE([
      ...responseEvents({ output: [], terminal: 'none' }),
      {
        type: 'response.failed',
        response: {
          status: 'failed',
          error: {
            code: 'rate_limit_exceeded',
            message: 'Rate limit reached. Please try again in 1.2s.',
          },
        },
      },
    ]);
    emu.enqueue({ kind: 'sse', raw: failed }, { kind: 'sse', fixture: 'text' });
    const parts = await streamParts({ maxRetryDelayMs: 3000 });
    expect(emu.requests).toHaveLength(2);
    expect(gap(1)).toBeGreaterThanOrEqual(1200);
    expect(textOf(parts)).toBe(TEXT);
  });

  it('response.failed context_length_exceeded is not retried', async () => {
    emu.enqueue({ kind: 'sse', fixture: 'failed' });
    const parts = await streamParts();
    expect(emu.requests).toHaveLength(1);
    expect(errorOf(parts)?.message).toMatch(/^context_length_exceeded/);
  });

  it('400 unknown model: 1 request, the backend sentence', async () => {
    const error = (await Promise.resolve(
      createCodex({ baseURL: emu.baseURL, auth: { accessToken: 'x' } })('gpt-4o').doStream(hi),
    ).catch(e => e)) as APICallError;
    expect(emu.requests).toHaveLength(1);
    expect(error.message).toMatch(
      /^The 'gpt-4o' model is not supported when using Codex with a ChatGPT account\./,
    );
  });

  it('after the provider gives up, the AI SDK does not retry again', async () => {
    emu.inject = () => overloaded;
    const error = await generateText({ model: model({ maxRetries: 2 }), prompt: 'Hi' }).catch(
      e => e,
    );
    expect(emu.requests).toHaveLength(3);
    expect(APICallError.isInstance(error)).toBe(true);
    expect(error.isRetryable).toBe(false);
    expect(error.message).toMatch(/gave up after 3 attempts/);
  });

  it('100 concurrent streams with 10 % injected 503s all complete with their full text', async () => {
    emu.inject = n => (n % 10 === 0 ? overloaded : undefined);
    const m = model();
    const results = await Promise.all(
      Array.from({ length: 100 }, async (_, i) => {
        const { stream } = await m.doStream({
          prompt: [{ role: 'user', content: [{ type: 'text', text: `stream ${i}` }] }],
        });
        return textOf(await convertReadableStreamToArray(stream));
      }),
    );
    results.forEach((text, i) =>
      expect(text).toBe(`Hello from the Codex emulator! You said: "stream ${i}"`),
    );
    const injected = Math.floor(emu.requests.length / 10);
    expect(emu.requests.length).toBe(100 + injected);
    expect(injected).toBeGreaterThanOrEqual(10);
  });
});
