import { describe, expect, it } from 'vitest';
import { headerValueProblem, isValidHeaderName, mergeHeaders } from './codex-headers';

describe('mergeHeaders', () => {
  it('lets a later header replace an earlier one of any case, and undefined remove it', () => {
    expect(mergeHeaders({ Accept: 'a', 'X-A': '1' }, { accept: 'b', 'x-a': undefined })).toEqual({
      accept: 'b',
    });
  });

  it('appends a later user-agent to ours instead of replacing it', () => {
    expect(mergeHeaders({ 'user-agent': 'ours/1' }, { 'User-Agent': 'ai/5.0.1' })).toEqual({
      'user-agent': 'ours/1 ai/5.0.1',
    });
    expect(
      mergeHeaders({ 'user-agent': 'ours/1' }, { 'user-agent': 'app/2' }, { 'user-agent': 'ai/5' }),
    ).toEqual({ 'user-agent': 'ours/1 app/2 ai/5' });
  });

  it('keeps ours once when a caller hands it back, whole or with a suffix', () => {
    const ours = { 'user-agent': 'ours/1 (Linux; x64)' };
    expect(mergeHeaders(ours, { 'user-agent': 'ours/1 (Linux; x64)' })['user-agent']).toBe(
      'ours/1 (Linux; x64)',
    );
    expect(mergeHeaders(ours, { 'user-agent': 'ours/1 (Linux; x64) ai/5' })['user-agent']).toBe(
      'ours/1 (Linux; x64) ai/5',
    );
    expect(mergeHeaders({ 'user-agent': 'a/1 ai/5' }, { 'user-agent': 'ai/5' })['user-agent']).toBe(
      'a/1 ai/5',
    );
  });

  it('ignores an empty or undefined user-agent, and takes one when we had none', () => {
    const ours = { 'user-agent': 'ours/1' };
    expect(mergeHeaders(ours, { 'user-agent': undefined })['user-agent']).toBe('ours/1');
    expect(mergeHeaders(ours, { 'user-agent': '  ' })['user-agent']).toBe('ours/1');
    expect(mergeHeaders({}, { 'user-agent': ' app/2 ' })['user-agent']).toBe('app/2');
  });
});

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
    expect(isValidHeaderName('a b')).toBe(false);
    expect(isValidHeaderName('a:b')).toBe(false);
    expect(isValidHeaderName('')).toBe(false);
  });
});
