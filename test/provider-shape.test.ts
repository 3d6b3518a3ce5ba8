import { NoSuchModelError } from '@ai-sdk/provider';
import { describe, expect, it } from 'vitest';
import { codex, createCodex } from '../src';

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

  it('uses the name setting in the provider id', () => {
    expect(createCodex({ name: 'my-codex' })('gpt-5').provider).toBe('my-codex.responses');
  });

  it('has no embedding or image models', () => {
    const provider = createCodex();
    expect(() => provider.textEmbeddingModel('x')).toThrow(NoSuchModelError);
    expect(() => provider.imageModel('x')).toThrow(NoSuchModelError);
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
