import { gzipSync } from 'node:zlib';
import { generateText } from 'ai';
import { describe, expect, it } from 'vitest';
import { createCodex, type CodexProviderSettings } from '../src';
import { createRequestCompression } from '../src/transport/request-compression';
import { sseTransport } from '../src/transport/sse-transport';
import { useCodexEmulator } from './support/use-codex-emulator';
import { zstdRawFrame } from './support/zstd-raw-frame';

// Request bodies over HTTP as the official client sends them (`Content-Encoding: zstd`), and
// the emulator undoing them as the backend does.

const emu = useCodexEmulator();

const settings = (extra: CodexProviderSettings = {}): CodexProviderSettings => ({
  baseURL: emu.baseURL,
  auth: { accessToken: 'at-SECRET-compression' },
  ...extra,
});

/** A history worth compressing. */
const LONG_PROMPT = Array.from({ length: 200 }, (_, i) => `Line ${i}: the same words again.`).join(
  '\n',
);

const posts = () => emu.requests.filter(r => r.method === 'POST');

/** Whether this runtime compresses with zstd by itself (Node.js ≥ 22.15, Bun). */
function runtimeHasZstd(): boolean {
  const zlib = (
    globalThis as { process?: { getBuiltinModule?: (id: string) => { zstdCompress?: unknown } } }
  ).process?.getBuiltinModule?.('zlib');
  const bun = (globalThis as { Bun?: { zstdCompress?: unknown } }).Bun;
  return typeof zlib?.zstdCompress === 'function' || typeof bun?.zstdCompress === 'function';
}

describe('requestCompression', () => {
  it('by default sends zstd where the runtime has it and plain JSON where not, without a warning', async () => {
    const { warnings } = await generateText({
      model: createCodex(settings())('gpt-5.3-codex'),
      prompt: LONG_PROMPT,
    });
    const [post] = posts();
    expect(post!.headers['content-encoding']).toBe(runtimeHasZstd() ? 'zstd' : undefined);
    expect(post!.body.input[0].content[0].text).toBe(LONG_PROMPT);
    expect(warnings).toEqual([]);
  });

  it("'gzip' sends a gzip body the backend decodes, a fraction of the JSON's size", async () => {
    const { text } = await generateText({
      model: createCodex(settings({ requestCompression: 'gzip' }))('gpt-5.3-codex'),
      prompt: LONG_PROMPT,
    });
    expect(text).toContain('Hello from the Codex emulator');
    const [post] = posts();
    expect(post!.headers['content-encoding']).toBe('gzip');
    expect(post!.body.input[0].content[0].text).toBe(LONG_PROMPT);
    expect(post!.bytes).toBeLessThan(JSON.stringify(post!.body).length / 5);
  });

  it("'none' sends plain JSON", async () => {
    await generateText({
      model: createCodex(settings({ requestCompression: 'none' }))('gpt-5.3-codex'),
      prompt: LONG_PROMPT,
    });
    const [post] = posts();
    expect(post!.headers['content-encoding']).toBeUndefined();
    expect(post!.bytes).toBe(Buffer.byteLength(JSON.stringify(post!.body)));
  });

  it("'zstd' sends zstd where the runtime has it, and plain JSON with a warning where not", async () => {
    const { warnings } = await generateText({
      model: createCodex(settings({ requestCompression: 'zstd' }))('gpt-5.3-codex'),
      prompt: 'Hi',
    });
    const [post] = posts();
    if (runtimeHasZstd()) {
      expect(post!.headers['content-encoding']).toBe('zstd');
      expect(warnings).toEqual([]);
    } else {
      expect(post!.headers['content-encoding']).toBeUndefined();
      expect(warnings).toEqual([
        {
          type: 'other',
          message: expect.stringContaining(
            "requestCompression 'zstd' needs Node.js 22.15 or later",
          ),
        },
      ]);
    }
  });

  it('a zstd body reaches the backend as zstd (a stored frame standing in for the runtime)', async () => {
    const compression = createRequestCompression('zstd', {
      zstd: () => async json => zstdRawFrame(new TextEncoder().encode(json)),
      gzip: () => undefined,
    });
    const body = {
      model: 'gpt-5.3-codex',
      instructions: 'Be brief.',
      input: [{ type: 'message' as const, role: 'user' as const, content: [] }],
      parallel_tool_calls: true,
      store: false as const,
      stream: true as const,
      include: [],
      prompt_cache_key: 'conv',
    };
    const response = await sseTransport.send({
      url: `${emu.baseURL}/responses`,
      headers: {
        authorization: 'Bearer at-SECRET-compression',
        'content-type': 'application/json',
      },
      body,
      signal: new AbortController().signal,
      compression,
    });
    expect(response.responseHeaders['x-request-id']).toBe('req_emulator');
    const [post] = posts();
    expect(post!.headers['content-encoding']).toBe('zstd');
    expect(post!.body).toEqual(body);
  });

  it('leaves WebSocket frames alone', async () => {
    await generateText({
      model: createCodex(settings({ transport: 'websocket', requestCompression: 'gzip' }))(
        'gpt-5.3-codex',
      ),
      prompt: LONG_PROMPT,
    });
    const [frame] = emu.requests;
    expect(frame!.transport).toBe('websocket');
    expect(frame!.body.input[0].content[0].text).toBe(LONG_PROMPT);
    expect(emu.websocket.handshakes[0]!.headers['content-encoding']).toBeUndefined();
  });

  it('refuses a setting it does not know, naming it', () => {
    expect(() =>
      createCodex(settings({ requestCompression: 'brotli' as never })),
    ).toThrowErrorMatchingInlineSnapshot(
      `[AI_InvalidArgumentError: The Codex \`requestCompression\` setting must be "zstd" or "gzip" or "none", got "brotli".]`,
    );
  });
});

describe('the emulator reads Content-Encoding as the backend does', () => {
  const json = JSON.stringify({
    model: 'gpt-5.3-codex',
    input: [{ type: 'message', role: 'user', content: [{ type: 'input_text', text: 'Hi' }] }],
    store: false,
    stream: true,
  });
  const post = (body: Uint8Array<ArrayBuffer> | string, encoding?: string) =>
    fetch(`${emu.baseURL}/responses`, {
      method: 'POST',
      headers: {
        authorization: 'Bearer t',
        'content-type': 'application/json',
        ...(encoding != null && { 'content-encoding': encoding }),
      },
      body,
    });

  it.each([
    ['zstd', () => zstdRawFrame(new TextEncoder().encode(json))],
    ['gzip', () => new Uint8Array(gzipSync(json))],
  ])('takes a %s body', async (encoding, encode) => {
    const response = await post(encode(), encoding);
    expect(response.status).toBe(200);
    await response.text();
  });

  it.each([
    ['a gzip body said to be zstd', () => new Uint8Array(gzipSync(json)), 'zstd', /not valid zstd/],
    ['plain JSON said to be gzip', () => json, 'gzip', /not valid gzip/],
    ['an encoding it does not take', () => json, 'br', /Unsupported Content-Encoding: br/],
    [
      'a compressed body said to be nothing',
      () => new Uint8Array(gzipSync(json)),
      undefined,
      /Invalid JSON body/,
    ],
  ])('refuses %s with a 400', async (_, encode, encoding, message) => {
    const response = await post(encode(), encoding);
    expect(response.status).toBe(400);
    expect((await response.json()).detail).toMatch(message);
  });
});
