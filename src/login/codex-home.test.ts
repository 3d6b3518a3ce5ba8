import { homedir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { resolveAuthFile, resolveCodexHome } from './codex-home';

describe('resolveCodexHome', () => {
  it('takes the given directory, else $CODEX_HOME, else ~/.codex; blank values count as unset', () => {
    expect(resolveCodexHome(' /given ', { CODEX_HOME: '/env' })).toBe('/given');
    expect(resolveCodexHome('  ', { CODEX_HOME: ' /env ' })).toBe('/env');
    expect(resolveCodexHome(undefined, { CODEX_HOME: '' })).toBe(join(homedir(), '.codex'));
    expect(resolveCodexHome(undefined, { CODEX_HOME: '   ' })).toBe(join(homedir(), '.codex'));
    expect(resolveCodexHome(undefined, {})).toBe(join(homedir(), '.codex'));
  });
});

describe('resolveAuthFile', () => {
  it('an explicit auth file wins over the codex home', () => {
    expect(resolveAuthFile({ authFile: '/x/creds.json', codexHome: '/home' })).toBe(
      '/x/creds.json',
    );
    expect(resolveAuthFile({ codexHome: '/home' })).toBe(join('/home', 'auth.json'));
  });
});
