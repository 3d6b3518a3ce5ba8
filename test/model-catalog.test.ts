import { generateText } from 'ai';
import { describe, expect, it } from 'vitest';
import { CODEX_MODEL_CAPABILITIES, createCodex } from '../src';
import { useCodexEmulator } from './support/use-codex-emulator';

const emu = useCodexEmulator();

const provider = () =>
  createCodex({
    baseURL: emu.baseURL,
    auth: { accessToken: 'at-SECRET-models', accountId: 'acct' },
  });

describe('listModels', () => {
  it('returns typed catalog entries and caches them per provider', async () => {
    const codex = provider();
    const models = await codex.listModels();
    expect(models.find(m => m.id === 'gpt-5.1-codex-mini')).toEqual({
      id: 'gpt-5.1-codex-mini',
      name: 'GPT-5.1 Codex mini',
      reasoningLevels: ['medium', 'high'],
      defaultReasoningLevel: 'medium',
      contextWindow: 400_000,
    });
    await codex.listModels();
    expect(emu.requests).toHaveLength(1);
    const request = emu.requests[0]!;
    expect(request.method).toBe('GET');
    expect(request.path).toBe('/backend-api/codex/models');
    expect(request.headers).toMatchObject({
      authorization: 'Bearer at-SECRET-models',
      'chatgpt-account-id': 'acct',
      accept: 'application/json',
    });
    expect(request.headers['content-type']).toBeUndefined();
    await codex.listModels({ refresh: true });
    expect(emu.requests).toHaveLength(2);
  });

  it('does not cache a failure', async () => {
    const codex = provider();
    emu.acceptToken = () => false;
    await expect(codex.listModels()).rejects.toThrow();
    emu.acceptToken = () => true;
    expect((await codex.listModels()).length).toBeGreaterThan(5);
  });
});

describe('reasoning effort clamping', () => {
  it('sends the nearest supported effort with a warning instead of earning a 400', async () => {
    const result = await generateText({
      model: provider()('gpt-5.1-codex-mini'),
      prompt: 'Hi',
      providerOptions: { codex: { reasoningEffort: 'low' } },
    });
    expect(emu.requests[0]!.body.reasoning.effort).toBe('medium');
    expect(result.warnings).toEqual([
      {
        type: 'other',
        message: expect.stringMatching(
          /gpt-5\.1-codex-mini does not support reasoningEffort 'low'.*'medium' was sent/,
        ),
      },
    ]);
  });

  it('sends only efforts the backend catalog lists, for every model and every level asked', async () => {
    const codex = provider();
    const efforts = ['none', 'minimal', 'low', 'medium', 'high', 'xhigh'] as const;
    const catalog = await codex.listModels();
    // every model the backend serves has the same efforts in the exported table
    for (const model of catalog) {
      expect(CODEX_MODEL_CAPABILITIES[model.id]).toMatchObject({
        reasoningEfforts: model.reasoningLevels,
        defaultReasoningEffort: model.defaultReasoningLevel,
      });
    }
    for (const model of catalog) {
      for (const effort of efforts) {
        emu.requests.length = 0;
        // the emulator refuses an unsupported effort with a 400, which would throw here
        const result = await generateText({
          model: codex(model.id),
          prompt: 'Hi',
          providerOptions: { codex: { reasoningEffort: effort } },
        });
        const sent = emu.requests[0]!.body.reasoning.effort;
        expect(model.reasoningLevels).toContain(sent);
        if (model.reasoningLevels.includes(effort)) {
          expect(sent).toBe(effort);
          expect(result.warnings).toEqual([]);
        } else {
          expect(result.warnings).toEqual([
            { type: 'other', message: expect.stringContaining(`'${sent}' was sent instead`) },
          ]);
        }
      }
    }
  });
});

describe('reasoning efforts follow the catalog once it is loaded', () => {
  const effortOf = async (codex: ReturnType<typeof provider>, model: string, effort: string) => {
    const before = emu.requests.length;
    const result = await generateText({
      model: codex(model),
      prompt: 'Hi',
      providerOptions: { codex: { reasoningEffort: effort } },
    });
    const requests = emu.requests.slice(before);
    // a call never asks for the catalog itself
    expect(requests.map(r => r.path)).toEqual(['/backend-api/codex/responses']);
    return { sent: requests[0]!.body.reasoning.effort, warnings: result.warnings };
  };

  it('an effort newer than the built-in table is sent as it is, and clamped only until the catalog says otherwise', async () => {
    // the backend has moved on: gpt-5 takes xhigh, gpt-5.5 a new effort
    emu.catalog['gpt-5']!.levels.push('xhigh');
    emu.catalog['gpt-5.5']!.levels.push('max');
    const codex = provider();

    // the table knows neither: xhigh is clamped (a warning points at listModels), max goes as it is
    const clamped = await effortOf(codex, 'gpt-5', 'xhigh');
    expect(clamped.sent).toBe('high');
    expect(clamped.warnings).toEqual([
      { type: 'other', message: expect.stringContaining('`listModels()` loads the live catalog') },
    ]);
    expect(await effortOf(codex, 'gpt-5.5', 'max')).toEqual({ sent: 'max', warnings: [] });

    await codex.listModels();
    expect(await effortOf(codex, 'gpt-5', 'xhigh')).toEqual({ sent: 'xhigh', warnings: [] });
    expect(await effortOf(codex, 'gpt-5.5', 'max')).toEqual({ sent: 'max', warnings: [] });
  });

  it('the catalog narrows what the table allows: the nearest listed effort, before the backend would refuse it', async () => {
    emu.catalog['gpt-5.3-codex']!.levels = ['low', 'medium'];
    const codex = provider();
    await codex.listModels();
    const { sent, warnings } = await effortOf(codex, 'gpt-5.3-codex', 'xhigh');
    expect(sent).toBe('medium');
    expect(warnings).toEqual([
      {
        type: 'other',
        message:
          "gpt-5.3-codex does not support reasoningEffort 'xhigh' (the model catalog lists low, medium); 'medium' was sent instead.",
      },
    ]);
  });

  it('each provider has its own catalog', async () => {
    emu.catalog['gpt-5']!.levels.push('xhigh');
    await provider().listModels();
    expect((await effortOf(provider(), 'gpt-5', 'xhigh')).sent).toBe('high');
  });
});
