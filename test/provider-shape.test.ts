import { NoSuchModelError } from '@ai-sdk/provider';
import { describe, expect, it } from 'vitest';
import { codex, createCodex } from '../src';
import { createCodex as createCodexV4 } from '../src/v4';

describe('createCodex', () => {
  it('returns a callable provider with languageModel', () => {
    const provider = createCodex({ auth: { accessToken: 't' } });
    const model = provider('gpt-5.3-codex');
    expect(model).toMatchObject({
      specificationVersion: 'v2',
      provider: 'codex.responses',
      modelId: 'gpt-5.3-codex',
    });
    expect(provider.languageModel('gpt-5')).toMatchObject({ modelId: 'gpt-5' });
    expect(model.supportedUrls).toEqual({ 'image/*': [expect.any(RegExp)] });
  });

  it('leaves https images for the backend to fetch, and every other URL for the AI SDK', async () => {
    const [https] = (await createCodex()('gpt-5').supportedUrls)['image/*']!;
    expect(https!.test('https://example.com/cat.png')).toBe(true);
    expect(https!.test('HTTPS://EXAMPLE.COM/CAT.PNG')).toBe(true);
    for (const url of [
      'http://example.com/cat.png',
      'http://proxy.example/?u=https://x.dev/a.png',
    ]) {
      expect(https!.test(url)).toBe(false);
    }
  });

  it('uses the name setting in the provider id', () => {
    expect(createCodex({ name: 'my-codex' })('gpt-5').provider).toBe('my-codex.responses');
  });

  it('has image models and tools but no embedding models', () => {
    const provider = createCodex({ name: 'my-codex' });
    expect(() => provider.textEmbeddingModel('x')).toThrow(NoSuchModelError);
    expect(provider.imageModel('gpt-image-1.5')).toMatchObject({
      specificationVersion: 'v2',
      provider: 'my-codex.image',
      modelId: 'gpt-image-1.5',
      maxImagesPerCall: 10,
    });
    expect(provider.image('gpt-image-1', { maxImagesPerCall: 1 }).maxImagesPerCall).toBe(1);
    expect(Object.keys(provider.tools).sort()).toEqual([
      'applyPatch',
      'custom',
      'customTool',
      'localShell',
      'webSearch',
    ]);
  });

  it('tells AI SDK 7 callers that image models edit input images but take no mask', () => {
    expect(createCodexV4().image('gpt-image-1.5')).toMatchObject({
      specificationVersion: 'v4',
      maxImagesPerCall: 10,
      supportsFileInputs: true,
      supportsMaskInputs: false,
    });
  });

  it('refuses the new keyword', () => {
    const provider = createCodex() as unknown as new (id: string) => unknown;
    expect(() => new provider('gpt-5')).toThrow(/new keyword/);
  });

  it('exports a default instance with its own session id', () => {
    expect(codex('gpt-5').provider).toBe('codex.responses');
    expect(codex.sessionId).toMatch(/^[0-9a-f-]{36}$/);
  });
});
