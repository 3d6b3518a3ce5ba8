import { InvalidArgumentError } from '@ai-sdk/provider';
import { describe, expect, it } from 'vitest';
import { buildCodexImageRequest, type CodexImageCallOptions } from './build-codex-image-request';

const base: CodexImageCallOptions = {
  prompt: 'a red fox',
  n: 1,
  size: undefined,
  aspectRatio: undefined,
  seed: undefined,
  providerOptions: {},
};

describe('buildCodexImageRequest', () => {
  // toStrictEqual: the body is what the request shows, with no key that is set to undefined
  it('builds the official client’s generation body', () => {
    expect(buildCodexImageRequest('gpt-image-1.5', base)).toStrictEqual({
      path: 'images/generations',
      body: { prompt: 'a red fox', model: 'gpt-image-1.5' },
      warnings: [],
    });
  });

  it('sends n above 1, size, and the codex provider options', () => {
    const { body } = buildCodexImageRequest('gpt-image-1.5', {
      ...base,
      n: 3,
      size: '1024x1536',
      providerOptions: { codex: { quality: 'low', background: 'opaque', outputFormat: 'webp' } },
    });
    expect(body).toStrictEqual({
      prompt: 'a red fox',
      model: 'gpt-image-1.5',
      n: 3,
      size: '1024x1536',
      quality: 'low',
      background: 'opaque',
      output_format: 'webp',
    });
  });

  it.each([
    ['1:1', '1024x1024'],
    ['3:2', '1536x1024'],
    ['2:3', '1024x1536'],
  ] as const)('maps aspect ratio %s to size %s', (aspectRatio, size) => {
    const { body, warnings } = buildCodexImageRequest('m', { ...base, aspectRatio });
    expect(body.size).toBe(size);
    expect(warnings).toEqual([]);
  });

  it('builds the body without provider options at all', () => {
    expect(
      buildCodexImageRequest('gpt-image-1.5', { ...base, providerOptions: undefined }).body,
    ).toStrictEqual({ prompt: 'a red fox', model: 'gpt-image-1.5' });
  });

  it('warns about an aspect ratio it cannot map, one that size overrides, and seed', () => {
    const [unmapped] = buildCodexImageRequest('m', { ...base, aspectRatio: '16:9' }).warnings;
    expect(unmapped).toMatchObject({ type: 'unsupported-setting', setting: 'aspectRatio' });
    // what the user can pick instead, and what was dropped
    const details = (unmapped as { details: string }).details;
    expect(details).toContain('1:1, 3:2, 2:3');
    expect(details).toContain('1024x1024, 1536x1024, 1024x1536');
    expect(details).toContain('16:9 was ignored');
    const both = buildCodexImageRequest('m', {
      ...base,
      size: '1024x1024',
      aspectRatio: '3:2',
      seed: 7,
    });
    expect(both.body.size).toBe('1024x1024');
    expect(both.warnings.map(w => (w.type === 'unsupported-setting' ? w.setting : w.type))).toEqual(
      ['aspectRatio', 'seed'],
    );
    expect(both.body).not.toHaveProperty('seed');
    expect(both.warnings[0]).toMatchObject({ details: expect.stringMatching(/`size`.*wins/) });
  });

  it('sends input images to images/edits as data URLs, https URLs as they are', () => {
    const { path, body, warnings } = buildCodexImageRequest('gpt-image-1.5', {
      ...base,
      files: [
        { type: 'file', mediaType: 'image/png', data: new Uint8Array([1, 2, 3]) },
        { type: 'file', mediaType: 'image/jpeg', data: 'AAAA' },
        { type: 'url', url: 'https://example.com/cat.png' },
      ],
      mask: { type: 'url', url: 'https://example.com/mask.png' },
    });
    expect(path).toBe('images/edits');
    expect(body.images).toEqual([
      { image_url: 'data:image/png;base64,AQID' },
      { image_url: 'data:image/jpeg;base64,AAAA' },
      { image_url: 'https://example.com/cat.png' },
    ]);
    expect(warnings).toEqual([expect.objectContaining({ type: 'other' })]);
  });

  it.each([undefined, '', '  \n'])('rejects the prompt %j by name', prompt => {
    const error = catchError(() => buildCodexImageRequest('m', { ...base, prompt }));
    expect(error).toBeInstanceOf(InvalidArgumentError);
    expect(error).toMatchObject({ argument: 'prompt' });
    expect((error as Error).message).toMatch(/needs a text prompt/);
  });

  it('rejects invalid provider options by name, each bad field named', () => {
    const error = catchError(() =>
      buildCodexImageRequest('m', {
        ...base,
        providerOptions: { codex: { quality: 'ultra', background: 'pink' } },
      }),
    );
    expect(error).toBeInstanceOf(InvalidArgumentError);
    expect(error).toMatchObject({ argument: 'providerOptions.codex' });
    const message = (error as Error).message;
    expect(message).toMatch(/^Invalid providerOptions\.codex/);
    // one line, and each field stands as a word of its own
    expect(message).not.toContain('\n');
    expect(message.split(/\s+/)).toEqual(expect.arrayContaining(['quality', 'background']));
    expect(() =>
      buildCodexImageRequest('m', { ...base, providerOptions: { codex: { style: 'vivid' } } }),
    ).toThrow(/style/);
  });
});

function catchError(run: () => unknown): unknown {
  try {
    run();
  } catch (error) {
    return error;
  }
  throw new Error('expected an error');
}
