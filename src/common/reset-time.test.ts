import { describe, expect, it } from 'vitest';
import { resetTime } from './reset-time';

describe('resetTime', () => {
  const now = 1_900_000_000_000;

  it('is the absolute time when the backend gives one, whatever the relative one says', () => {
    expect(resetTime(1_900_000_600, 30, now)).toEqual(new Date(1_900_000_600_000));
  });

  it('else counts the relative time from now', () => {
    expect(resetTime(undefined, 30, now)).toEqual(new Date(now + 30_000));
    expect(resetTime(null, 0, now)).toEqual(new Date(now));
  });

  it('is none when the backend says neither, or a time no Date can hold', () => {
    expect(resetTime(undefined, undefined, now)).toBeUndefined();
    expect(resetTime(null, null, now)).toBeUndefined();
    expect(resetTime(1e300, 30, now)).toBeUndefined();
    expect(resetTime(undefined, -1e300, now)).toBeUndefined();
  });
});
