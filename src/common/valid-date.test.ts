import { describe, expect, it } from 'vitest';
import { validDate } from './valid-date';

describe('validDate', () => {
  it('is the Date of a time a Date can hold, none otherwise', () => {
    expect(validDate(0)).toEqual(new Date(0));
    expect(validDate(8.64e15)).toEqual(new Date(8.64e15));
    expect(validDate(8.64e15 + 1)).toBeUndefined();
    expect(validDate(NaN)).toBeUndefined();
    expect(validDate(undefined)).toBeUndefined();
  });
});
