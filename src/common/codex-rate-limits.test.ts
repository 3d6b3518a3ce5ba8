import { describe, expect, it } from 'vitest';
import { parseCodexRateLimits, reachedRateLimit } from './codex-rate-limits';

describe('parseCodexRateLimits', () => {
  it('parses both windows and credits', () => {
    expect(
      parseCodexRateLimits({
        'x-codex-primary-used-percent': '42.5',
        'x-codex-primary-window-minutes': '300',
        'x-codex-primary-reset-at': '1900000000',
        'x-codex-secondary-used-percent': '7',
        'x-codex-secondary-window-minutes': '10080',
        'x-codex-credits-has-credits': 'False',
        'x-codex-credits-balance': '0',
      }),
    ).toEqual({
      primary: { usedPercent: 42.5, windowMinutes: 300, resetsAt: 1_900_000_000 },
      secondary: { usedPercent: 7, windowMinutes: 10080 },
      short: { usedPercent: 42.5, windowMinutes: 300, resetsAt: 1_900_000_000 },
      weekly: { usedPercent: 7, windowMinutes: 10080 },
      credits: { hasCredits: false, balance: 0 },
    });
  });

  it('tells the short and the weekly window apart by length, not by slot', () => {
    const limits = parseCodexRateLimits({
      'x-codex-primary-used-percent': '80',
      'x-codex-primary-window-minutes': '10080',
      'x-codex-secondary-used-percent': '5',
      'x-codex-secondary-window-minutes': '300',
    });
    expect(limits?.weekly).toEqual({ usedPercent: 80, windowMinutes: 10080 });
    expect(limits?.short).toEqual({ usedPercent: 5, windowMinutes: 300 });
    // a window that does not say its length is not classified
    const unsized = parseCodexRateLimits({ 'x-codex-primary-used-percent': '3' });
    expect(unsized).toEqual({ primary: { usedPercent: 3 } });
  });

  it('is undefined without rate-limit headers and skips junk values', () => {
    expect(parseCodexRateLimits({ 'content-type': 'text/event-stream' })).toBeUndefined();
    expect(parseCodexRateLimits({ 'x-codex-primary-used-percent': 'n/a' })).toBeUndefined();
    // an empty or blank header is no 0
    expect(parseCodexRateLimits({ 'x-codex-primary-used-percent': ' ' })).toBeUndefined();
    expect(parseCodexRateLimits({ 'x-codex-credits-balance': '' })).toBeUndefined();
  });

  it('reads every other limit’s header family, with its name, id and windows', () => {
    expect(
      parseCodexRateLimits({
        'x-codex-primary-used-percent': '10',
        'x-codex-primary-window-minutes': '300',
        'x-codex-bengalfox-primary-used-percent': '80',
        'x-codex-bengalfox-primary-window-minutes': '300',
        'x-codex-bengalfox-primary-reset-at': '1900000000',
        'x-codex-bengalfox-secondary-used-percent': '20',
        'x-codex-bengalfox-secondary-window-minutes': '10080',
        'x-codex-bengalfox-limit-name': ' gpt-5.2-codex-sonic ',
        'x-other-feature-primary-used-percent': '5',
        'x-codex-credits-unlimited': '1',
      }),
    ).toEqual({
      primary: { usedPercent: 10, windowMinutes: 300 },
      short: { usedPercent: 10, windowMinutes: 300 },
      additionalLimits: [
        {
          id: 'codex_bengalfox',
          name: 'gpt-5.2-codex-sonic',
          primary: { usedPercent: 80, windowMinutes: 300, resetsAt: 1_900_000_000 },
          secondary: { usedPercent: 20, windowMinutes: 10080 },
          short: { usedPercent: 80, windowMinutes: 300, resetsAt: 1_900_000_000 },
          weekly: { usedPercent: 20, windowMinutes: 10080 },
        },
        // no name header, no window length: only what was sent
        { id: 'other_feature', primary: { usedPercent: 5 } },
      ],
      credits: { unlimited: true },
    });
  });

  it('skips a family whose values are junk, and headers that only look like one', () => {
    expect(
      parseCodexRateLimits({
        'x-codex-bengalfox-primary-used-percent': 'n/a',
        'y-codex-primary-used-percent': '5',
        // no x- family, though a missing family would read as `undefined`
        'undefined-primary-used-percent': '5',
        'x-codex-bengalfox-limit-name': 'gpt-5.2-codex-sonic',
      }),
    ).toBeUndefined();
    // a blank name is no name
    expect(
      parseCodexRateLimits({
        'x-a-primary-used-percent': '1',
        'x-a-limit-name': '  ',
      })?.additionalLimits,
    ).toEqual([{ id: 'a', primary: { usedPercent: 1 } }]);
  });

  it('reads credit flags as true/1 and false/0, and nothing else', () => {
    expect(
      parseCodexRateLimits({
        'x-codex-credits-has-credits': ' TRUE ',
        'x-codex-credits-unlimited': '0',
      })?.credits,
    ).toEqual({ hasCredits: true, unlimited: false });
    expect(parseCodexRateLimits({ 'x-codex-credits-has-credits': 'yes' })).toBeUndefined();
  });
});

describe('reachedRateLimit', () => {
  const full = (prefix: string, minutes: number, name?: string) => ({
    [`${prefix}-primary-used-percent`]: '100',
    [`${prefix}-primary-window-minutes`]: String(minutes),
    ...(name != null && { [`${prefix}-limit-name`]: name }),
  });
  const reached = (headers: Record<string, string>, model?: string) =>
    reachedRateLimit(headers, { model });

  it('names the used-up limit of the requested model first', () => {
    const headers = {
      ...full('x-codex', 10080),
      ...full('x-codex-bengalfox', 300, 'GPT-5.2-Codex-Sonic'),
    };
    expect(reached(headers, 'gpt-5.2-codex-sonic')).toEqual({
      id: 'codex_bengalfox',
      name: 'GPT-5.2-Codex-Sonic',
      window: 'short',
    });
    // another model: the main limit is the one
    expect(reached(headers, 'gpt-5.3-codex')).toEqual({ id: 'codex', window: 'weekly' });
  });

  it('falls back to any used-up limit, and to none', () => {
    expect(
      reached({ 'x-codex-primary-used-percent': '99', ...full('x-codex-other', 10080) }),
    ).toEqual({ id: 'codex_other', window: 'weekly' });
    expect(reached({ 'x-codex-primary-used-percent': '99.9' })).toBeUndefined();
    expect(reachedRateLimit(undefined, { model: 'gpt-5' })).toBeUndefined();
    // a used-up window that does not say its length names no window
    expect(reached({ 'x-codex-secondary-used-percent': '100' })).toEqual({ id: 'codex' });
  });
});
