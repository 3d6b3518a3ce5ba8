import { describe, expect, it } from 'vitest';
import { headerValueProblem, isValidHeaderName } from './header-checks';

describe('header checks', () => {
  it('names what makes a value unsendable', () => {
    expect(headerValueProblem('Bearer abc.def-ghi_~+/=')).toBeUndefined();
    expect(headerValueProblem('tab\tand latin-1 é')).toBeUndefined();
    expect(headerValueProblem('a\rb')).toBe('a line break (CR or LF)');
    expect(headerValueProblem('a\nb')).toBe('a line break (CR or LF)');
    expect(headerValueProblem('a\0b')).toBe('a control character');
    expect(headerValueProblem('a\x1fb')).toBe('a control character');
    expect(headerValueProblem('a\x7fb')).toBe('a control character');
    expect(headerValueProblem('curly ’ quote')).toBe('a character outside Latin-1');
  });

  it('accepts token header names only', () => {
    expect(isValidHeaderName("x-app_1.!#$%&'*+^`|~")).toBe(true);
    expect(isValidHeaderName('X-Trace-ID-09')).toBe(true);
    for (const name of ['é', 'a"b', 'a(b)', 'a/b', 'a,b', 'a;b', 'a=b', 'a@b', 'a[b]', 'a{b}']) {
      expect(isValidHeaderName(name)).toBe(false);
    }
    expect(isValidHeaderName('a b')).toBe(false);
    expect(isValidHeaderName('a:b')).toBe(false);
    expect(isValidHeaderName('')).toBe(false);
  });
});
