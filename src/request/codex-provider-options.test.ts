import { InvalidArgumentError } from '@ai-sdk/provider';
import type { CodexWarning } from '../common/codex-warning';
import { describe, expect, it } from 'vitest';
import { parseCodexOptions, unknownOptionMessage } from './codex-provider-options';

describe('parseCodexOptions', () => {
  it('returns nothing for no options', () => {
    const warnings: CodexWarning[] = [];
    expect(parseCodexOptions(undefined, 'x', warnings)).toBeUndefined();
    expect(parseCodexOptions(null, 'x', warnings)).toBeUndefined();
    expect(warnings).toEqual([]);
  });

  it('keeps known keys and warns of unknown ones', () => {
    const warnings: CodexWarning[] = [];
    expect(
      parseCodexOptions({ reasoningEffort: 'low', reasoningEfort: 'high' }, 'x', warnings),
    ).toEqual({ reasoningEffort: 'low' });
    expect(warnings).toEqual([
      { type: 'other', message: unknownOptionMessage('reasoningEfort', 'x') },
    ]);
    expect(warnings[0]).toMatchObject({ message: expect.stringContaining('"reasoningEfort"') });
  });

  it('throws an InvalidArgumentError naming where and which field', () => {
    let error: unknown;
    try {
      parseCodexOptions({ include: 'x' }, 'model settings');
    } catch (e) {
      error = e;
    }
    expect(InvalidArgumentError.isInstance(error)).toBe(true);
    expect((error as InvalidArgumentError).argument).toBe('model settings');
    expect((error as Error).message).toMatch(/^Invalid model settings: .*→ at include$/);
    expect((error as Error).message).not.toContain('\n');
  });
});

describe('unknownOptionMessage', () => {
  it('suggests the closest known key when it is close', () => {
    expect(unknownOptionMessage('ReasoningEffort', 'o')).toBe(
      'Unknown o key "ReasoningEffort" was ignored; did you mean "reasoningEffort"?',
    );
    expect(unknownOptionMessage('strict', 'o')).toMatch(/Known keys: reasoningEffort, /);
    expect(unknownOptionMessage('includes', 'o')).toMatch(/did you mean "include"\?$/);
    expect(unknownOptionMessage('summary', 'o')).toMatch(/Known keys/);
    // two edits always count as close, even for a short key
    expect(unknownOptionMessage('inclu', 'o')).toMatch(/did you mean "include"\?$/);
    expect(unknownOptionMessage('incl', 'o')).toMatch(/Known keys/);
  });

  it('on a tie, suggests the key listed first, so the message is the same on every run', () => {
    // three edits from both reasoningEffort and reasoningSummary
    expect(unknownOptionMessage('reasoningEffmary', 'o')).toMatch(
      /did you mean "reasoningEffort"\?$/,
    );
  });
});
