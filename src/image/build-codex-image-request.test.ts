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
  it('builds the official client’s generation body', () => {
    expect(buildCodexImageRequest('gpt-image-1.5', base)).toEqual({
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
    expect(body).toEqual({
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

  it('warns about an aspect ratio it cannot map, one that size overrides, and seed', () => {
    expect(buildCodexImageRequest('m', { ...base, aspectRatio: '16:9' }).warnings).toEqual([
      expect.objectContaining({ type: 'unsupported-setting', setting: 'aspectRatio' }),
    ]);
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

  it('rejects a missing prompt and invalid provider options by name', () => {
    expect(() => buildCodexImageRequest('m', { ...base, prompt: undefined })).toThrow(
      InvalidArgumentError,
    );
    expect(() =>
      buildCodexImageRequest('m', { ...base, providerOptions: { codex: { quality: 'ultra' } } }),
    ).toThrow(/providerOptions\.codex.*quality/);
    expect(() =>
      buildCodexImageRequest('m', { ...base, providerOptions: { codex: { style: 'vivid' } } }),
    ).toThrow(/style/);
  });
});
