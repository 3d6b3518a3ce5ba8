import { describe, expect, it } from 'vitest';
import { mergeHeaders } from './codex-headers';

describe('mergeHeaders', () => {
  it('lets a later header replace an earlier one of any case, and undefined remove it', () => {
    const merged = mergeHeaders({ Accept: 'a', 'X-A': '1' }, { accept: 'b', 'x-a': undefined });
    expect(merged).toStrictEqual({ accept: 'b' });
    // what fetch sends: no `x-a: undefined`
    expect([...new Headers(merged)]).toEqual([['accept', 'b']]);
  });

  it('skips a source that is undefined (no headers setting)', () => {
    expect(mergeHeaders({ accept: 'a' }, undefined, { 'x-b': '1' })).toStrictEqual({
      accept: 'a',
      'x-b': '1',
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
