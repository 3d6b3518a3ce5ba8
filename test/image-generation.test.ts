import { APICallError } from '@ai-sdk/provider';
import { experimental_generateImage as generateImage5 } from 'ai';
import * as ai6 from 'ai-v6';
import * as ai7 from 'ai-v7';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createCodex, type CodexProviderSettings } from '../src';
import { createCodex as createCodexV3 } from '../src/v3';
import { createCodex as createCodexV4 } from '../src/v4';
import { secretLeaks } from './support/secret-leaks';
import { useCodexEmulator } from './support/use-codex-emulator';

// generateImage through AI SDK 5, 6 and 7 against the emulator's image endpoints.

const emu = useCodexEmulator();
const auth = { accessToken: 'at-SECRET-images', accountId: 'acct-images' };

const PNG_1x1 =
  'iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mNk+M9QDwADhgGAWjR9awAAAABJRU5ErkJggg==';

type AnyGenerate = (options: any) => Promise<any>;
type Settings = CodexProviderSettings;
const settings = (extra?: Settings): Settings => ({ baseURL: emu.baseURL, auth, ...extra });

beforeAll(() => {
  (globalThis as { AI_SDK_LOG_WARNINGS?: unknown }).AI_SDK_LOG_WARNINGS = false;
});
afterAll(() => {
  delete (globalThis as { AI_SDK_LOG_WARNINGS?: unknown }).AI_SDK_LOG_WARNINGS;
});

describe.each([
  ['ai@5', generateImage5 as AnyGenerate, (s?: Settings) => createCodex(settings(s))],
  ['ai@6 + /v3', ai6.generateImage as AnyGenerate, (s?: Settings) => createCodexV3(settings(s))],
  ['ai@7 + /v4', ai7.generateImage as AnyGenerate, (s?: Settings) => createCodexV4(settings(s))],
] as const)('%s', (sdk, generateImage, provider) => {
  it('returns the images and sends the documented body to images/generations', async () => {
    const result = await generateImage({
      model: provider().image('gpt-image-1.5'),
      prompt: 'A lighthouse at dawn',
      n: 2,
      size: '1536x1024',
      providerOptions: { codex: { quality: 'high', background: 'transparent' } },
    });
    expect(result.images).toHaveLength(2);
    expect(result.images[0].base64).toBe(PNG_1x1);
    expect(result.images[0].mediaType).toBe('image/png');
    expect(result.warnings).toEqual([]);

    expect(emu.requests).toHaveLength(1);
    const request = emu.requests[0]!;
    expect(request.path).toBe('/backend-api/codex/images/generations');
    expect(request.body).toEqual({
      prompt: 'A lighthouse at dawn',
      model: 'gpt-image-1.5',
      n: 2,
      size: '1536x1024',
      quality: 'high',
      background: 'transparent',
    });
    expect(request.headers).toMatchObject({
      authorization: 'Bearer at-SECRET-images',
      'chatgpt-account-id': 'acct-images',
      originator: 'ai-sdk-provider-codex',
      accept: 'application/json',
      'content-type': 'application/json',
    });
    expect(request.headers['session-id']).toMatch(/^[0-9a-f-]{36}$/);
    expect(result.providerMetadata.codex.images[0]).toMatchObject({
      revisedPrompt: 'A lighthouse at dawn (revised)',
      size: '1536x1024',
      quality: 'high',
      background: 'transparent',
      outputFormat: 'png',
    });
  });

  it('reports the response metadata and names the image model after the provider', async () => {
    const model = provider({ name: 'studio.responses-eu' }).image('gpt-image-1.5');
    expect(model.provider).toBe('studio.responses-eu.image');
    const result = await generateImage({ model, prompt: 'A red kite' });
    expect(result.responses).toEqual([
      {
        timestamp: expect.any(Date),
        modelId: 'gpt-image-1.5',
        headers: expect.objectContaining({ 'x-request-id': 'req_emulator' }),
      },
    ]);
  });

  it('maps an aspect ratio to a size and warns about the seed', async () => {
    const result = await generateImage({
      model: provider().imageModel('gpt-image-1.5'),
      prompt: 'A tall tower',
      aspectRatio: '2:3',
      seed: 42,
    });
    expect(emu.requests[0]!.body).toEqual({
      prompt: 'A tall tower',
      model: 'gpt-image-1.5',
      size: '1024x1536',
    });
    expect(result.warnings).toEqual([
      {
        // AI SDK 5's own spelling, `unsupported` from 6 on
        ...(sdk === 'ai@5'
          ? { type: 'unsupported-setting', setting: 'seed' }
          : { type: 'unsupported', feature: 'seed' }),
        details: expect.stringContaining('no seed'),
      },
    ]);
  });

  it('splits n over requests by maxImagesPerCall', async () => {
    const result = await generateImage({
      model: provider().image('gpt-image-1.5', { maxImagesPerCall: 1 }),
      prompt: 'Three cats',
      n: 3,
    });
    expect(result.images).toHaveLength(3);
    expect(emu.requests.map(r => r.body.n)).toEqual([undefined, undefined, undefined]);
  });

  it('gives the same friendly usage-limit error as chat', async () => {
    emu.inject = () => ({
      kind: 'http',
      status: 429,
      body: {
        error: {
          type: 'usage_limit_reached',
          message: 'The usage limit has been reached',
          plan_type: 'plus',
          resets_in_seconds: 600,
        },
      },
    });
    const error = await generateImage({
      model: provider().image('gpt-image-1.5'),
      prompt: 'x',
    }).catch((e: unknown) => e);
    expect(String((error as Error).message)).toMatch(
      /You have hit your ChatGPT usage limit \(plus plan\)\. Try again in ~10 min/,
    );
    expect(emu.requests).toHaveLength(1);
  });

  it('renews the token after a 401 and retries a 503, like model calls', async () => {
    const tokens = ['at-SECRET-old', 'at-SECRET-new'];
    emu.acceptToken = t => t === 'at-SECRET-new';
    let valid = 0;
    emu.inject = () =>
      ++valid === 1 ? { kind: 'http', status: 503, body: { detail: 'busy' } } : undefined;
    const model = provider({
      auth: () => ({ accessToken: tokens.length > 1 ? tokens.shift()! : tokens[0]! }),
      initialRetryDelayMs: 1,
    }).image('gpt-image-1.5');
    const result = await generateImage({ model, prompt: 'x' });
    expect(result.images).toHaveLength(1);
    expect(emu.requests.map(r => r.headers.authorization)).toEqual([
      'Bearer at-SECRET-old',
      'Bearer at-SECRET-new',
      'Bearer at-SECRET-new',
    ]);
  });
});

describe.each([
  [
    'ai@6 + /v3',
    ai6.generateImage as AnyGenerate,
    () => createCodexV3({ baseURL: emu.baseURL, auth }),
  ],
  [
    'ai@7 + /v4',
    ai7.generateImage as AnyGenerate,
    () => createCodexV4({ baseURL: emu.baseURL, auth }),
  ],
] as const)('%s edits', (_, generateImage, provider) => {
  it('sends input images to images/edits as data URLs and warns about a mask', async () => {
    const image = Buffer.from(PNG_1x1, 'base64');
    const result = await generateImage({
      model: provider().image('gpt-image-1.5'),
      prompt: { text: 'Add a red hat', images: [image], mask: image },
    });
    expect(result.images).toHaveLength(1);
    const request = emu.requests[0]!;
    expect(request.path).toBe('/backend-api/codex/images/edits');
    expect(request.body).toEqual({
      prompt: 'Add a red hat',
      model: 'gpt-image-1.5',
      images: [{ image_url: `data:image/png;base64,${PNG_1x1}` }],
    });
    expect(result.warnings).toEqual([
      expect.objectContaining({ type: 'other', message: expect.stringContaining('no mask') }),
    ]);
  });
});

// Odd answers from the image endpoints: the shared core handles them, so one SDK suffices.
describe('image response faults (ai@7 + /v4)', () => {
  const model = (extra?: Settings) =>
    createCodexV4(settings({ initialRetryDelayMs: 1, ...extra })).image('gpt-image-1.5');
  const generate = (options: Record<string, unknown>) =>
    ai7.generateImage({ prompt: 'A red kite', ...options } as any);
  const failure = (options: Record<string, unknown>) =>
    generate(options).then(
      () => expect.unreachable('the call should fail'),
      (error: unknown) => error as APICallError,
    );
  // 200 OK, then the connection dies inside the JSON body
  const brokenBody = {
    kind: 'sse',
    raw: JSON.stringify({ data: [{ b64_json: PNG_1x1 }] }),
    destroyAfterBytes: 20,
    headers: { 'content-type': 'application/json' },
  } as const;

  it('retries a body that breaks off while it is read, then returns the images', async () => {
    let requests = 0;
    emu.inject = () => (++requests === 1 ? brokenBody : undefined);
    const result = await generate({ model: model() });
    expect(result.images.map(image => image.base64)).toEqual([PNG_1x1]);
    expect(emu.requests).toHaveLength(2);
  });

  it('reports a body that keeps breaking off as a retryable read failure', async () => {
    emu.inject = () => brokenBody;
    const error = await failure({ model: model({ maxRetries: 0 }), maxRetries: 0 });
    expect(APICallError.isInstance(error)).toBe(true);
    expect(error.message).toMatch(/^The Codex image response broke off while it was being read: /);
    expect(error).toMatchObject({
      statusCode: 200,
      isRetryable: true,
      url: `${emu.baseURL}/images/generations`,
    });
    expect(error.responseHeaders).toMatchObject({ 'x-request-id': 'req_emulator' });
    expect(error.cause).toBeInstanceOf(Error);
  });

  it('ends with the abort, not a read failure, when the caller aborts while the body is read', async () => {
    emu.inject = () => ({
      kind: 'sse',
      raw: '{"data":[',
      keepOpen: true,
      headers: { 'content-type': 'application/json' },
    });
    const controller = new AbortController();
    // maxRetries 0: the AI SDK's own retry wait would turn any retryable error into an abort
    const pending = failure({ model: model(), abortSignal: controller.signal, maxRetries: 0 });
    await expect.poll(() => emu.requests.length).toBe(1);
    await new Promise(resolve => setTimeout(resolve, 50));
    controller.abort();
    const error = await pending;
    expect(APICallError.isInstance(error)).toBe(false);
    expect((error as Error).name).toBe('AbortError');
    expect(emu.requests).toHaveLength(1);
  });

  it.each([
    ['was not JSON', '<html>502 Bad Gateway</html>'],
    ['had no images (`data[].b64_json`)', JSON.stringify({ data: [] })],
    ['had no images (`data[].b64_json`)', JSON.stringify({ error: null, images: ['x'] })],
  ])('a 200 answer that %s fails at once, with the body', async (what, body) => {
    emu.inject = () => ({ kind: 'http', status: 200, body });
    // the AI SDK's own retries stay on: a retryable error would show as more requests
    const error = await failure({ model: model() });
    expect(APICallError.isInstance(error)).toBe(true);
    expect(error.message).toBe(`The Codex image response ${what}.`);
    expect(error).toMatchObject({ statusCode: 200, isRetryable: false, responseBody: body });
    expect(emu.requests).toHaveLength(1);
  });

  it('keeps no token from a proxy that echoes the Authorization header into an unusable answer', async () => {
    const echo = `Bearer ${auth.accessToken}`;
    const answers: Array<[string, Record<string, string>]> = [
      [`<html><pre>authorization: ${echo}</pre></html>`, {}],
      [JSON.stringify({ data: [], seen: { authorization: echo } }), {}],
      [JSON.stringify({ data: echo }), { 'x-echo-authorization': echo }],
      // the token across the 2000-character cut
      [`${'x'.repeat(1990)}${echo}${'y'.repeat(100)}`, {}],
    ];
    for (const [body, headers] of answers) {
      emu.inject = () => ({ kind: 'http', status: 200, body, headers });
      const error = await failure({ model: model(), maxRetries: 0 });
      expect(APICallError.isInstance(error)).toBe(true);
      expect(error.isRetryable).toBe(false);
      expect(error.responseBody).toContain('[redacted]');
      expect(secretLeaks(error)).toEqual([]);
    }
  });

  it('cuts a long unexpected body to 2000 characters', async () => {
    for (const [length, responseBody] of [
      [1999, 'x'.repeat(1999)],
      [2000, 'x'.repeat(2000)],
      [2001, `${'x'.repeat(2000)}…`],
    ] as const) {
      emu.inject = () => ({ kind: 'http', status: 200, body: 'x'.repeat(length) });
      const error = await failure({ model: model(), maxRetries: 0 });
      expect(error.responseBody).toBe(responseBody);
    }
  });
});
