import { describe, expect, it } from 'vitest';
import { codexImageResponseSchema, toCodexImageResult } from './parse-codex-image-response';

// providerMetadata must be a JSON value: a key present with `undefined` is not one, and
// users see it through `in`/`Object.keys`. So these compare with toStrictEqual.

const parse = (json: unknown) => toCodexImageResult(codexImageResponseSchema.parse(json));

describe('toCodexImageResult', () => {
  it('carries every field the backend sent into the per-image metadata and the usage', () => {
    expect(
      parse({
        created: 1_760_000_001,
        data: [{ b64_json: 'AAA', revised_prompt: 'a fox, revised' }, { b64_json: 'BBB' }],
        size: '1024x1536',
        quality: 'high',
        background: 'transparent',
        output_format: 'webp',
        usage: { input_tokens: 50, output_tokens: 2000, total_tokens: 2050 },
      }),
    ).toStrictEqual({
      images: ['AAA', 'BBB'],
      providerMetadata: {
        codex: {
          images: [
            {
              revisedPrompt: 'a fox, revised',
              created: 1_760_000_001,
              size: '1024x1536',
              quality: 'high',
              background: 'transparent',
              outputFormat: 'webp',
            },
            {
              created: 1_760_000_001,
              size: '1024x1536',
              quality: 'high',
              background: 'transparent',
              outputFormat: 'webp',
            },
          ],
        },
      },
      usage: { inputTokens: 50, outputTokens: 2000, totalTokens: 2050 },
    });
  });

  it('leaves out what the backend did not send, and reports no usage without one', () => {
    expect(parse({ data: [{ b64_json: 'AAA' }] })).toStrictEqual({
      images: ['AAA'],
      providerMetadata: { codex: { images: [{}] } },
    });
    expect(
      parse({
        created: null,
        data: [{ b64_json: 'AAA', revised_prompt: null }],
        size: null,
        quality: null,
        background: null,
        output_format: null,
        usage: null,
      }),
    ).toStrictEqual({
      images: ['AAA'],
      providerMetadata: { codex: { images: [{}] } },
    });
  });

  it('keeps created 0 and turns null token counts into undefined', () => {
    const result = parse({
      created: 0,
      data: [{ b64_json: 'AAA' }],
      usage: { input_tokens: null, output_tokens: 7, total_tokens: null },
    });
    expect(result.providerMetadata.codex.images).toStrictEqual([{ created: 0 }]);
    expect(result.usage).toStrictEqual({
      inputTokens: undefined,
      outputTokens: 7,
      totalTokens: undefined,
    });
  });
});

describe('codexImageResponseSchema', () => {
  const image = (b64_json: string) =>
    codexImageResponseSchema.safeParse({ data: [{ b64_json }] }).success;

  // what `atob` decodes after the AI SDK maps `-` and `_`: padded, unpadded, URL-safe
  it.each(['', 'QQ', 'QQ==', 'QUI', 'QUI=', 'QUJD', 'QU-_', 'QUJDRA=='])('takes %j', b64 => {
    expect(image(b64)).toBe(true);
  });

  // what `atob` throws on, and blanks (which it skips, but the backend never sends)
  it.each([
    'Q',
    'QQ=',
    'QUI==',
    '=',
    '==',
    '====',
    'QUJD RA==',
    'QUJD!A==',
    'QQ==QQ==',
    'QQ==QUJD',
  ])('refuses %j', b64 => {
    expect(image(b64)).toBe(false);
  });
});
