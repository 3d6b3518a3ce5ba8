import { describe, expect, it } from 'vitest';
import { toCodexUsage } from './parse-codex-usage';

const NOW = Date.UTC(2025, 0, 1);
const usage = (payload: unknown) => toCodexUsage(payload, NOW);
const window = (usedPercent: number, seconds: number, resetAfter = 60) => ({
  used_percent: usedPercent,
  limit_window_seconds: seconds,
  reset_after_seconds: resetAfter,
});

describe('toCodexUsage', () => {
  it('an empty payload gives no optional keys at all', () => {
    expect(usage({})).toStrictEqual({ windows: {}, limitReached: false });
  });

  it('credits: flags are true only when the backend says true; a balance that is no number is left out', () => {
    expect(usage({ credits: { balance: 'lots' } }).credits).toStrictEqual({
      hasCredits: false,
      unlimited: false,
    });
    expect(
      usage({ credits: { has_credits: true, unlimited: true, balance: 0 } }).credits,
    ).toStrictEqual({
      hasCredits: true,
      unlimited: true,
      balance: 0,
    });
    expect(
      usage({ credits: { has_credits: 'yes', unlimited: 1, balance: '12.5' } }).credits,
    ).toStrictEqual({
      hasCredits: false,
      unlimited: false,
      balance: 12.5,
    });
  });

  it('a limit is reached when the backend says limit_reached, or not allowed, or names a reason', () => {
    expect(usage({ rate_limit: { limit_reached: true } }).limitReached).toBe(true);
    expect(usage({ rate_limit: { allowed: false } }).limitReached).toBe(true);
    expect(usage({ rate_limit: { allowed: true, limit_reached: false } }).limitReached).toBe(false);
    expect(
      usage({ rate_limit_reached_type: { type: 'workspace_member_credits_depleted' } }),
    ).toStrictEqual({
      windows: {},
      limitReached: true,
      limitReachedType: 'workspace_member_credits_depleted',
    });
    // as older payloads spelled it
    expect(usage({ rate_limit_reached_type: { kind: 'rate_limit_reached' } })).toStrictEqual({
      windows: {},
      limitReached: true,
      limitReachedType: 'rate_limit_reached',
    });
    // a reason object without a kind names nothing
    expect(usage({ rate_limit_reached_type: {} })).toStrictEqual({
      windows: {},
      limitReached: false,
    });
  });

  it('a window takes its absolute reset over the relative one, and rounds its length up to minutes', () => {
    const reset = NOW / 1000 + 3600;
    const { windows } = usage({
      rate_limit: {
        primary_window: {
          used_percent: 7,
          limit_window_seconds: 18_001,
          reset_at: reset,
          reset_after_seconds: 5,
        },
        secondary_window: {
          used_percent: 0,
          limit_window_seconds: 604_800,
          reset_after_seconds: 90,
        },
      },
    });
    expect(windows).toStrictEqual({
      short: { usedPercent: 7, windowMinutes: 301, resetsAt: new Date(reset * 1000) },
      weekly: { usedPercent: 0, windowMinutes: 10_080, resetsAt: new Date(NOW + 90_000) },
    });
  });

  it('leaves out a window without usage, a length of zero or less, or any reset time', () => {
    expect(
      usage({
        rate_limit: {
          primary_window: { limit_window_seconds: 18_000, reset_after_seconds: 60 },
          secondary_window: { used_percent: 1, limit_window_seconds: 0, reset_after_seconds: 60 },
        },
      }).windows,
    ).toStrictEqual({});
    expect(
      usage({
        rate_limit: {
          primary_window: { used_percent: 1, limit_window_seconds: -60, reset_after_seconds: 60 },
          secondary_window: { used_percent: 1, limit_window_seconds: 604_800 },
        },
      }).windows,
    ).toStrictEqual({});
    // null is "no reset time", not "resets now"
    expect(
      usage({
        rate_limit: {
          primary_window: {
            used_percent: 1,
            limit_window_seconds: 18_000,
            reset_at: null,
            reset_after_seconds: null,
          },
        },
      }).windows,
    ).toStrictEqual({});
  });

  it('names an additional limit by its feature or its name, whichever exists, else "unknown"', () => {
    const { additionalLimits } = usage({
      additional_rate_limits: [
        { metered_feature: 'feature_a', rate_limit: { allowed: false } },
        { limit_name: 'Name B', rate_limit: { primary_window: window(20, 900) } },
        { metered_feature: 'feature_c', limit_name: 'Name C' },
        {},
      ],
    });
    expect(additionalLimits).toStrictEqual([
      { id: 'feature_a', name: 'feature_a', windows: {}, limitReached: true },
      {
        id: 'Name B',
        name: 'Name B',
        windows: {
          short: { usedPercent: 20, windowMinutes: 15, resetsAt: new Date(NOW + 60_000) },
        },
        limitReached: false,
      },
      { id: 'feature_c', name: 'Name C', windows: {}, limitReached: false },
      { id: 'unknown', name: 'unknown', windows: {}, limitReached: false },
    ]);
  });

  it('an empty list of additional limits adds no key', () => {
    expect(usage({ additional_rate_limits: [] })).toStrictEqual({
      windows: {},
      limitReached: false,
    });
  });

  it('reads a field of another type as absent, and skips list entries that are no objects', () => {
    expect(
      usage({
        plan_type: ['plus'],
        credits: ['has_credits'],
        rate_limit: { limit_reached: 'true', allowed: 0, primary_window: [window(1, 900)] },
        rate_limit_reached_type: { type: 5 },
        additional_rate_limits: [7, 'x', null, { metered_feature: 'f', limit_name: 3 }],
      }),
    ).toStrictEqual({
      windows: {},
      limitReached: false,
      additionalLimits: [{ id: 'f', name: 'f', windows: {}, limitReached: false }],
    });
    expect(usage({ credits: { balance: true } }).credits).toStrictEqual({
      hasCredits: false,
      unlimited: false,
    });
  });

  it.each([null, 'usage', 42, ['a']])('throws on a body that is no object (%j)', payload => {
    expect(() => usage(payload)).toThrow(new TypeError('The usage payload is not a JSON object.'));
  });
});
