import { describe, expect, it } from 'vitest';
import { clampReasoningEffort } from './codex-model-capabilities';

describe('clampReasoningEffort', () => {
  it('keeps a supported effort', () => {
    expect(clampReasoningEffort('gpt-5.3-codex', 'xhigh')).toEqual({ effort: 'xhigh' });
  });

  it.each([
    ['gpt-5.1-codex-mini', 'low', 'medium'],
    ['gpt-5.1-codex-mini', 'minimal', 'medium'],
    ['gpt-5', 'xhigh', 'high'],
    ['gpt-5', 'none', 'minimal'],
    ['codex-mini-latest', 'minimal', 'low'],
    ['gpt-5.1', 'xhigh', 'high'],
    ['gpt-5.2', 'minimal', 'low'],
  ] as const)('%s: %s → %s with a warning', (model, asked, sent) => {
    const { effort, warning } = clampReasoningEffort(model, asked);
    expect(effort).toBe(sent);
    expect(warning).toEqual({ type: 'other', message: expect.stringContaining(`'${asked}'`) });
  });

  it('passes unknown models through', () => {
    expect(clampReasoningEffort('gpt-9-experimental', 'minimal')).toEqual({ effort: 'minimal' });
  });
});
