import { release } from 'node:os';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { VERSION } from '../version';
import {
  getUserAgent,
  headerValueProblem,
  isValidHeaderName,
  mergeHeaders,
  PACKAGE_NAME,
} from './codex-headers';

const OURS = `${PACKAGE_NAME}/${VERSION}`;

/** A runtime's `process` as `getUserAgent` sees it (or none, as on an edge runtime). */
function userAgentOn(proc: object | undefined, originator = PACKAGE_NAME): string {
  vi.stubGlobal('process', proc);
  try {
    return getUserAgent(originator);
  } finally {
    vi.unstubAllGlobals();
  }
}

const osModule = (version: string) => (id: string) =>
  id === 'os' ? { release: () => version } : undefined;

describe('getUserAgent', () => {
  afterEach(() => {
    vi.unstubAllGlobals();
  });

  it('names the package, the OS release and the arch of this Node runtime', () => {
    const escape = (text: string) => text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
    expect(getUserAgent(PACKAGE_NAME)).toMatch(
      new RegExp(`^${escape(OURS)} \\([^;]+ ${escape(release())}; ${process.arch}\\)$`),
    );
    expect(getUserAgent('my-app').startsWith(`my-app ${OURS} (`)).toBe(true);
  });

  it.each([
    ['darwin', 'Mac OS'],
    ['linux', 'Linux'],
    ['win32', 'Windows'],
    ['freebsd', 'freebsd'],
  ])('calls platform %s %s', (platform, os) => {
    const proc = { platform, arch: 'arm64', getBuiltinModule: osModule('24.1.0') };
    expect(userAgentOn(proc)).toBe(`${OURS} (${os} 24.1.0; arm64)`);
  });

  it('leaves out what the runtime cannot tell', () => {
    // an edge runtime or a browser: no process at all
    expect(userAgentOn(undefined)).toBe(OURS);
    expect(userAgentOn(undefined, 'my-app')).toBe(`my-app ${OURS}`);
    // Node before 20.16: no getBuiltinModule
    expect(userAgentOn({ platform: 'linux', arch: 'x64' })).toBe(`${OURS} (Linux; x64)`);
    // a runtime that refuses os.release (Deno without --allow-sys)
    const refusing = () => ({
      release: () => {
        throw new Error('Requires sys access');
      },
    });
    expect(userAgentOn({ platform: 'linux', arch: 'x64', getBuiltinModule: refusing })).toBe(
      `${OURS} (Linux; x64)`,
    );
    expect(userAgentOn({ platform: 'linux', getBuiltinModule: osModule('6.1') })).toBe(
      `${OURS} (Linux 6.1; unknown)`,
    );
  });
});

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
