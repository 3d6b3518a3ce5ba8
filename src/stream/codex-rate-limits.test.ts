import { describe, expect, it } from 'vitest';
import { parseCodexRateLimits } from './codex-rate-limits';

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
  });
});
