import { InvalidArgumentError } from '@ai-sdk/provider';
import { describe, expect, it } from 'vitest';
import { DEFAULT_RETRY_POLICY, MAX_TIMER_MS, normalizeRetryPolicy } from './retry-policy';

describe('normalizeRetryPolicy', () => {
  it('takes defaults, integers of maxRetries, and 0 as "idle timeout off"', () => {
    expect(normalizeRetryPolicy({})).toEqual(DEFAULT_RETRY_POLICY);
    expect(
      normalizeRetryPolicy({
        maxRetries: 2.7,
        initialRetryDelayMs: 0,
        maxRetryDelayMs: MAX_TIMER_MS,
        streamIdleTimeoutMs: 0,
      }),
    ).toEqual({
      maxRetries: 2,
      initialRetryDelayMs: 0,
      maxRetryDelayMs: MAX_TIMER_MS,
      streamIdleTimeoutMs: undefined,
    });
    expect(normalizeRetryPolicy({ streamIdleTimeoutMs: 1 }).streamIdleTimeoutMs).toBe(1);
  });

  it.each([
    ['maxRetries', -1],
    ['maxRetries', Infinity],
    ['initialRetryDelayMs', MAX_TIMER_MS + 1],
    ['maxRetryDelayMs', NaN],
    ['streamIdleTimeoutMs', '5' as unknown as number],
  ] as const)('rejects %s = %s, naming it', (key, value) => {
    let error: unknown;
    try {
      normalizeRetryPolicy({ [key]: value });
    } catch (e) {
      error = e;
    }
    expect(InvalidArgumentError.isInstance(error)).toBe(true);
    expect((error as InvalidArgumentError).argument).toBe(key);
    expect((error as Error).message).toMatch(new RegExp(`^${key} must be a number from 0 to `));
  });

  it('says the range and the value, and how to turn the idle timeout off', () => {
    expect(() => normalizeRetryPolicy({ maxRetryDelayMs: -1 })).toThrow(
      new InvalidArgumentError({
        argument: 'maxRetryDelayMs',
        message: 'maxRetryDelayMs must be a number from 0 to 2147483647, got -1.',
      }),
    );
    expect(() => normalizeRetryPolicy({ streamIdleTimeoutMs: -1 })).toThrow(
      'streamIdleTimeoutMs must be a number from 0 to 2147483647, got -1. Use 0 to turn it off.',
    );
  });
});
