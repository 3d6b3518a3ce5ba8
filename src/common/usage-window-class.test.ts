import { describe, expect, it } from 'vitest';
import { classifyUsageWindow, classifyUsageWindows } from './usage-window-class';

describe('classifyUsageWindow', () => {
  it('up to a day is the short window, longer the weekly one', () => {
    expect(classifyUsageWindow(1)).toBe('short');
    expect(classifyUsageWindow(300)).toBe('short');
    expect(classifyUsageWindow(24 * 60)).toBe('short');
    expect(classifyUsageWindow(24 * 60 + 1)).toBe('weekly');
    expect(classifyUsageWindow(10_080)).toBe('weekly');
  });

  it('a window without a usable length has no class', () => {
    for (const minutes of [undefined, 0, -5, Number.NaN, Number.POSITIVE_INFINITY]) {
      expect(classifyUsageWindow(minutes)).toBeUndefined();
    }
  });
});

describe('classifyUsageWindows', () => {
  it('the first window of a class wins; missing and unclassifiable windows are skipped', () => {
    const a = { windowMinutes: 300, id: 'a' };
    const b = { windowMinutes: 60, id: 'b' };
    const c = { windowMinutes: 10_080, id: 'c' };
    expect(classifyUsageWindows([undefined, { windowMinutes: 0 }, a, b, c])).toStrictEqual({
      short: a,
      weekly: c,
    });
    expect(
      classifyUsageWindows<{ windowMinutes?: number; id: string }>([{ id: 'no length' }]),
    ).toStrictEqual({});
  });
});
