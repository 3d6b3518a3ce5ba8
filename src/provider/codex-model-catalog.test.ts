import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startCodexEmulator, type CodexEmulator } from '../../test/support/codex-emulator';
import { fetchCodexModels, type CodexModelInfo } from '../account/fetch-codex-models';
import { createCodexModelCatalog } from './codex-model-catalog';

let emu: CodexEmulator;
beforeAll(async () => {
  emu = await startCodexEmulator();
});
afterAll(() => emu.close());

const catalogOf = () =>
  createCodexModelCatalog(abortSignal =>
    fetchCodexModels(
      {
        headers: () => ({}),
        auth: { getCredentials: async () => ({ accessToken: 'at-SECRET-catalog' }) },
        abortSignal,
      },
      emu.baseURL,
      '0.99.0',
    ),
  );

describe('createCodexModelCatalog', () => {
  it('knows models from the built-in table until the catalog is loaded, then from the catalog', async () => {
    const catalog = catalogOf();
    // the emulator's backend says 400 000 tokens; the table, the official client's 272 000
    expect(catalog.knownModel('gpt-5.3-codex')).toMatchObject({
      effortsFrom: 'table',
      contextWindow: 272_000,
    });
    expect(catalog.knownModel('gpt-5.5')?.contextWindow).toBeUndefined();
    await catalog.list();
    expect(catalog.knownModel('gpt-5.3-codex')).toEqual({
      reasoningEfforts: ['low', 'medium', 'high', 'xhigh'],
      effortsFrom: 'catalog',
      defaultReasoningEffort: 'medium',
      contextWindow: 400_000,
    });
    expect(catalog.knownModel('gpt-5.5')?.contextWindow).toBe(400_000);
    // a model the catalog does not list falls back to the table
    expect(catalog.knownModel('gpt-5.1')).toMatchObject({ effortsFrom: 'table' });
    expect(catalog.knownModel('gpt-9')).toBeUndefined();
  });

  it('keeps the last catalog when a refresh fails, and asks again after a failure', async () => {
    const catalog = catalogOf();
    await catalog.list();
    emu.catalog['gpt-5.3-codex']!.context = 1_000_000;
    emu.acceptToken = () => false;
    await expect(catalog.list({ refresh: true })).rejects.toThrow();
    expect(catalog.knownModel('gpt-5.3-codex')?.contextWindow).toBe(400_000);
    emu.acceptToken = () => true;
    await catalog.list();
    expect(catalog.knownModel('gpt-5.3-codex')?.contextWindow).toBe(1_000_000);
  });

  it('serves one request to concurrent callers', async () => {
    const catalog = catalogOf();
    const before = emu.requests.length;
    const [a, b] = await Promise.all([catalog.list(), catalog.list()]);
    expect(a).toBe(b);
    expect(emu.requests.length - before).toBe(1);
  });

  it('the newest refresh wins, even when an older one answers after it', async () => {
    // the order in which two answers arrive is the point here, so the fetches are scripted
    const answers: Array<(models: CodexModelInfo[]) => void> = [];
    const catalog = createCodexModelCatalog(
      () => new Promise<CodexModelInfo[]>(resolve => answers.push(resolve)),
    );
    const entry = (contextWindow: number): CodexModelInfo => ({
      id: 'gpt-5',
      name: 'GPT-5',
      reasoningLevels: ['low'],
      contextWindow,
    });
    const older = catalog.list();
    const newer = catalog.list({ refresh: true });
    answers[1]!([entry(456)]);
    await newer;
    answers[0]!([entry(123)]);
    await older;
    expect(catalog.knownModel('gpt-5')?.contextWindow).toBe(456);
  });

  it('a failed older request does not drop a newer one that is still pending', async () => {
    const answers: Array<{ resolve: (m: CodexModelInfo[]) => void; reject: (e: Error) => void }> =
      [];
    let fetches = 0;
    const catalog = createCodexModelCatalog(() => {
      fetches++;
      return new Promise<CodexModelInfo[]>((resolve, reject) => answers.push({ resolve, reject }));
    });
    const older = catalog.list();
    const newer = catalog.list({ refresh: true });
    answers[0]!.reject(new Error('older failed'));
    await expect(older).rejects.toThrow('older failed');
    // the next caller shares the newer request instead of starting a third
    expect(catalog.list()).toBe(newer);
    expect(fetches).toBe(2);
    answers[1]!.resolve([]);
    await newer;
  });
});
