import { describe, expect, it } from 'vitest';
import {
  CODEX_MODEL_CAPABILITIES,
  clampReasoningEffort,
  type CodexReasoningEffort,
} from './codex-model-capabilities';

const ALL_EFFORTS: CodexReasoningEffort[] = ['none', 'minimal', 'low', 'medium', 'high', 'xhigh'];

describe('clampReasoningEffort', () => {
  it('keeps every effort a known model supports, with no warning', () => {
    for (const [model, { reasoningEfforts }] of Object.entries(CODEX_MODEL_CAPABILITIES)) {
      for (const effort of reasoningEfforts) {
        expect(clampReasoningEffort(model, effort)).toEqual({ effort });
      }
    }
  });

  it.each([
    ['gpt-5.1-codex-mini', 'low', 'medium'],
    ['gpt-5.1-codex-mini', 'minimal', 'medium'],
    ['gpt-5', 'xhigh', 'high'],
    ['gpt-5', 'none', 'minimal'],
    ['codex-mini-latest', 'minimal', 'low'],
    ['codex-mini-latest', 'none', 'low'],
    ['gpt-5.1', 'xhigh', 'high'],
    ['gpt-5.1', 'minimal', 'low'],
    ['gpt-5.2', 'minimal', 'low'],
  ] as const)('%s: %s → %s with a warning', (model, asked, sent) => {
    const { effort, warning } = clampReasoningEffort(model, asked);
    expect(effort).toBe(sent);
    expect(warning).toEqual({ type: 'other', message: expect.stringContaining(`'${asked}'`) });
  });

  it('says what was asked, what the model supports and what was sent', () => {
    expect(clampReasoningEffort('gpt-5.1-codex', 'xhigh').warning).toEqual({
      type: 'other',
      message:
        "gpt-5.1-codex does not support reasoningEffort 'xhigh' (supported: low, medium, high); 'high' was sent instead.",
    });
  });

  it('passes unknown models through', () => {
    expect(clampReasoningEffort('gpt-9-experimental', 'minimal')).toEqual({ effort: 'minimal' });
  });
});

describe('CODEX_MODEL_CAPABILITIES', () => {
  it('lists each model’s efforts from low to high, which the tie-break relies on', () => {
    for (const { reasoningEfforts } of Object.values(CODEX_MODEL_CAPABILITIES)) {
      const ranks = reasoningEfforts.map(e => ALL_EFFORTS.indexOf(e));
      expect(ranks.every(r => r >= 0)).toBe(true);
      expect(ranks).toEqual([...ranks].sort((a, b) => a - b));
    }
  });

  it('has gpt-5.1 (not in the catalog test) reason from none to high, none by default', () => {
    expect(CODEX_MODEL_CAPABILITIES['gpt-5.1']).toEqual({
      reasoningEfforts: ['none', 'low', 'medium', 'high'],
      defaultReasoningEffort: 'none',
      reasoningSummaries: true,
    });
  });
});
