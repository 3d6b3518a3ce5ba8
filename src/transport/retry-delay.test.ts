import { APICallError } from '@ai-sdk/provider';
import { describe, expect, it } from 'vitest';
import { retryDelay, serverRequestedDelay } from './retry-delay';
import { DEFAULT_RETRY_POLICY, normalizeRetryPolicy } from './retry-policy';

const policy = DEFAULT_RETRY_POLICY;
const err = (headers: Record<string, string> = {}, message = 'x') =>
  new APICallError({ message, url: 'u', requestBodyValues: {}, responseHeaders: headers });

describe('retry delays', () => {
  it('doubles from 200 ms with ±10 % jitter and a cap', () => {
    // an error without a server's ask: backoff
    const backoffDelay = (attempt: number, random: () => number) =>
      retryDelay(err(), attempt, policy, random);
    expect(backoffDelay(1, () => 0.5)).toBe(200);
    expect(backoffDelay(3, () => 0.5)).toBe(800);
    expect(backoffDelay(1, () => 0)).toBe(180);
    expect(backoffDelay(1, () => 1)).toBe(220);
    expect(backoffDelay(20, () => 1)).toBe(10_000);
    expect(retryDelay(new Error('not an API call'), 2, policy, () => 0.5)).toBe(400);
  });

  it('reads retry-after-ms, Retry-After seconds and HTTP dates, and "try again in"', () => {
    expect(serverRequestedDelay(err({ 'retry-after-ms': '1500' }))).toBe(1500);
    // an endless or negative ask is none
    expect(serverRequestedDelay(err({ 'retry-after-ms': 'Infinity' }))).toBeUndefined();
    expect(serverRequestedDelay(err({ 'retry-after-ms': '-5' }))).toBeUndefined();
    expect(serverRequestedDelay(err({ 'retry-after': '2' }))).toBe(2000);
    const now = Date.parse('2026-01-01T00:00:00Z');
    expect(serverRequestedDelay(err({ 'retry-after': 'Thu, 01 Jan 2026 00:00:03 GMT' }), now)).toBe(
      3000,
    );
    expect(serverRequestedDelay(err({}, 'Rate limit reached. Please try again in 11.054s.'))).toBe(
      11054,
    );
    expect(serverRequestedDelay(err({}, 'Please try again in 350ms'))).toBe(350);
    expect(serverRequestedDelay(err({ 'retry-after': 'soon' }))).toBeUndefined();
  });

  it('retries at once when the server asks for no wait, or names a time already past', () => {
    expect(retryDelay(err({ 'retry-after-ms': '0' }), 1, policy, () => 0.5)).toBe(0);
    expect(retryDelay(err({ 'retry-after': '0' }), 1, policy, () => 0.5)).toBe(0);
    const now = Date.parse('2026-01-01T00:00:10Z');
    expect(serverRequestedDelay(err({ 'retry-after': 'Thu, 01 Jan 2026 00:00:03 GMT' }), now)).toBe(
      0,
    );
  });

  it('backs off as usual when Retry-After is empty, negative or not a number', () => {
    for (const value of ['', '  ', '-1', '-0.5', 'Infinity', 'soon']) {
      expect(serverRequestedDelay(err({ 'retry-after': value })), value).toBeUndefined();
      expect(
        retryDelay(err({ 'retry-after': value }), 1, policy, () => 0.5),
        value,
      ).toBe(200);
    }
    expect(serverRequestedDelay(err({ 'retry-after-ms': '-5' }))).toBeUndefined();
  });

  it('falls back from an unusable header to the next source', () => {
    expect(serverRequestedDelay(err({ 'retry-after-ms': '-5', 'retry-after': '2' }))).toBe(2000);
    expect(serverRequestedDelay(err({ 'retry-after-ms': 'soon', 'retry-after': '2' }))).toBe(2000);
    expect(serverRequestedDelay(err({ 'retry-after': '-1' }, 'Please try again in 3s.'))).toBe(
      3000,
    );
  });

  it('reads "try again in" with loose spacing and any case, but no usage-limit sentence', () => {
    expect(serverRequestedDelay(err({}, 'Please TRY AGAIN IN  2 S.'))).toBe(2000);
    expect(serverRequestedDelay(err({}, 'Please try again in\n1.5s'))).toBe(1500);
    expect(
      serverRequestedDelay(err({}, 'You have hit your ChatGPT usage limit. Try again in ~25 min.')),
    ).toBeUndefined();
  });

  it('treats a server ask as a floor, jittered upwards only, and caps it', () => {
    expect(retryDelay(err({ 'retry-after': '1' }), 1, policy, () => 0)).toBe(1000);
    expect(retryDelay(err({ 'retry-after': '1' }), 1, policy, () => 1)).toBe(1100);
    expect(retryDelay(err({ 'retry-after': '60' }), 1, policy, () => 0)).toBe(10_000);
    expect(retryDelay(new Error('x'), 2, policy, () => 0.5)).toBe(400);
  });

  it('validates settings', () => {
    expect(normalizeRetryPolicy({ maxRetries: 0 }).maxRetries).toBe(0);
    expect(() => normalizeRetryPolicy({ maxRetries: -1 })).toThrow(/maxRetries/);
    expect(normalizeRetryPolicy({})).toEqual(DEFAULT_RETRY_POLICY);
  });
});
