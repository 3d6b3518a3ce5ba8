import { generateText } from 'ai';
import { describe, expect, it } from 'vitest';
import { createCodex } from '../src';
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

  it('the backend (emulator) would have refused the unclamped effort', async () => {
    const response = await fetch(`${emu.baseURL}/responses`, {
      method: 'POST',
      headers: { authorization: 'Bearer x', 'content-type': 'application/json' },
      body: JSON.stringify({
        model: 'gpt-5.1-codex-mini',
        instructions: 'x',
        input: [],
        store: false,
        stream: true,
        reasoning: { effort: 'low' },
      }),
    });
    expect(response.status).toBe(400);
    expect(await response.text()).toContain(
      "'low' is not supported with the 'gpt-5.1-codex-mini' model",
    );
  });
});
