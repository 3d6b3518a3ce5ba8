import { APICallError } from '@ai-sdk/provider';
import { experimental_generateImage as generateImage, generateText } from 'ai';
import { describe, expect, it } from 'vitest';
import { createCodex } from '../src';
import { responseEvents } from './support/codex-events';
import { secretLeaks } from './support/secret-leaks';
import { useCodexEmulator } from './support/use-codex-emulator';

// What a hostile or broken server may answer, through the public API: every failure is
// one of the documented errors, and the odd values that are harmless read as absent.

const emu = useCodexEmulator();

const codex = (transport: 'sse' | 'websocket' = 'sse') =>
  createCodex({
    baseURL: emu.baseURL,
    auth: { accessToken: 'at-SECRET-hostile' },
    initialRetryDelayMs: 1,
    maxRetries: 0,
    transport,
  });

const rejection = (call: Promise<unknown>) =>
  call.then(
    () => expect.fail('the call succeeded'),
    (error: unknown) => error,
  );

/** `[[[…]]]` 100 000 deep: parses, but writing it back overflows the stack. */
const DEEP = '['.repeat(100_000) + ']'.repeat(100_000);

describe('a hostile Codex backend', () => {
  it('a response.created whose created_at no Date can hold: the call still answers', async () => {
    emu.enqueue({
      kind: 'sse',
      events: responseEvents({ output: [{ type: 'message', text: 'Hi' }], createdAt: 1e300 }),
    });
    const result = await generateText({ model: codex()('gpt-5.3-codex'), prompt: 'Hi' });
    expect(result.text).toBe('Hi');
    expect(Number.isNaN(result.response.timestamp.getTime())).toBe(false);
  });

  it.each([
    ['a FastAPI detail', `{"detail":${DEEP}}`, 'Codex request failed'],
    ['a list of details', `{"detail":[${DEEP}]}`, ''],
    ['an error object', `{"error":{"message":"Bad input","extra":${DEEP}}}`, 'Bad input'],
  ])('an HTTP error body nested 100 000 deep (%s) is the APICallError', async (_, body, text) => {
    emu.enqueue({ kind: 'http', status: 400, body });
    const error = await rejection(generateText({ model: codex()('gpt-5.3-codex'), prompt: 'Hi' }));
    expect(APICallError.isInstance(error) && error.statusCode).toBe(400);
    expect((error as APICallError).message).toContain(text);
    expect((error as APICallError).isRetryable).toBe(false);
    // too deep to search for credentials
    expect((error as APICallError).data).toBeUndefined();
  });

  it.each([
    ['sse', 'Bad input'],
    // the frame becomes an HTTP error answer, which cannot be written out: no message
    ['websocket', 'Codex request failed'],
  ] as const)(
    'an error event (a frame over %s) nested 100 000 deep is its APICallError, not retried',
    async (transport, text) => {
      const deepError = `{"type":"error","status":400,"error":{"message":"Bad input","extra":${DEEP}}}`;
      emu.enqueue({ kind: 'sse', raw: `data: ${deepError}\n\n` });
      const error = await rejection(
        generateText({ model: codex(transport)('gpt-5.3-codex'), prompt: 'Hi' }),
      );
      expect(APICallError.isInstance(error)).toBe(true);
      expect((error as APICallError).message).toContain(text);
      expect(
        emu.requests.filter(r => r.path.endsWith('/responses') || r.method === 'WS'),
      ).toHaveLength(1);
    },
  );

  it('an SSE event that never ends fails the call once it passes 32 MiB, naming the limit', async () => {
    // 40 MiB of one line, then the connection stays open: a buffer that grows for ever
    emu.enqueue({ kind: 'sse', raw: `data: "${'x'.repeat(40 * 2 ** 20)}`, keepOpen: true });
    const error = await rejection(
      generateText({
        model: createCodex({
          baseURL: emu.baseURL,
          auth: { accessToken: 'at-SECRET-hostile' },
          maxRetries: 0,
          streamIdleTimeoutMs: 60_000,
        })('gpt-5.3-codex'),
        prompt: 'Hi',
        maxRetries: 0,
      }),
    );
    expect(APICallError.isInstance(error)).toBe(true);
    expect((error as APICallError).message).toMatch(/larger than 32 MiB/);
  });

  it.each(['!!not base64!!', 'a', 'ab=', 'abc=='])(
    'an image answer whose b64_json is no base64 (%s) is the APICallError',
    async b64 => {
      emu.inject = () => ({ kind: 'http', status: 200, body: { data: [{ b64_json: b64 }] } });
      const error = await rejection(
        generateImage({ model: codex().image('gpt-image-1.5'), prompt: 'A cat' }),
      );
      expect(APICallError.isInstance(error)).toBe(true);
      expect((error as APICallError).message).toMatch(/image/i);
    },
  );

  it.each([0, -1])(
    'a catalog whose context_window is %d: calls are not compacted first',
    async contextWindow => {
      // the catalog as a broken backend sends it, the rest as the emulator answers
      const fetch: typeof globalThis.fetch = async (input, init) => {
        const response = await globalThis.fetch(input, init);
        if (!String(input).includes('/models?')) return response;
        const catalog = (await response.json()) as { models: Array<Record<string, unknown>> };
        for (const model of catalog.models) model.context_window = contextWindow;
        return Response.json(catalog);
      };
      const provider = createCodex({
        baseURL: emu.baseURL,
        auth: { accessToken: 'at-SECRET-hostile' },
        fetch,
      });
      const models = await provider.listModels();
      expect(models.map(m => m.contextWindow)).toEqual(models.map(() => undefined));
      emu.requests.length = 0;
      const result = await generateText({ model: provider('gpt-5.3-codex'), prompt: 'Hi' });
      expect(result.text).not.toBe('');
      expect(emu.requests).toHaveLength(1);
    },
  );

  it.each([
    [401, {}],
    [307, { location: 'https://elsewhere.example/at-SECRET-hostile' }],
  ])(
    'a WebSocket upgrade answered %d by a proxy that quotes the token in its headers: the error does not',
    async (status, headers) => {
      emu.websocket.rejectHandshake = () => ({
        status,
        headers: {
          ...headers,
          'x-request-id': 'Bearer at-SECRET-hostile',
          'cf-ray': 'at-SECRET-hostile',
        },
      });
      const error = await rejection(
        generateText({ model: codex('websocket')('gpt-5.3-codex'), prompt: 'Hi' }),
      );
      expect(APICallError.isInstance(error) && error.statusCode).toBe(status);
      expect(secretLeaks(error)).toEqual([]);
    },
  );

  it.each([
    ['status', 1],
    ['id', 42],
    ['incomplete_details', 'max_output_tokens'],
  ])(
    'a response.completed whose %s has an odd type still reports its usage',
    async (field, value) => {
      const events = responseEvents({ output: [{ type: 'message', text: 'Hi' }] });
      const completed = events.at(-1)!;
      completed.response = { ...(completed.response as object), [field]: value };
      emu.enqueue({ kind: 'sse', events });
      const result = await generateText({ model: codex()('gpt-5.3-codex'), prompt: 'Hi' });
      expect(result.usage.inputTokens).toBe(10);
    },
  );
});
