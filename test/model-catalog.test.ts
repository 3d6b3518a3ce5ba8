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
    // every model the backend serves has the same entry in the exported table
    for (const model of catalog) {
      expect(CODEX_MODEL_CAPABILITIES[model.id]).toEqual({
        reasoningEfforts: model.reasoningLevels,
        defaultReasoningEffort: model.defaultReasoningLevel,
        reasoningSummaries: true,
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
