import { homedir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { normalizeIssuer, resolveAuthFile, resolveCodexHome } from './codex-home';

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

describe('normalizeIssuer', () => {
  it('defaults to auth.openai.com and drops trailing slashes', () => {
    expect(normalizeIssuer(undefined)).toBe('https://auth.openai.com');
    expect(normalizeIssuer('http://127.0.0.1:9/')).toBe('http://127.0.0.1:9');
    expect(normalizeIssuer('http://127.0.0.1:9/issuer//')).toBe('http://127.0.0.1:9/issuer');
  });
});
