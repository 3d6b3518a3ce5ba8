import { mkdtemp, readFile, rm, stat, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, afterEach, beforeEach, describe, expect, it } from 'vitest';
import { runCli } from '../../src/cli/main';
import { makeJwt, nowSeconds } from '../support/jwt';
import { startMockIssuer, type MockIssuer } from '../support/mock-issuer';
import { accessToken, signInContent, useRedisServer } from '../support/redis-sign-in';
import { useCodexEmulator } from '../support/use-codex-emulator';

// The command's --redis forms against a real Redis with a password: no output may show a
// token or the password (both contain "SECRET").

const PASSWORD = 'pw-SECRET-redis';
const emu = useCodexEmulator();
const redis = useRedisServer({ password: PASSWORD });
let issuer: MockIssuer;
let dir: string;
const everything: string[] = [];

beforeEach(async () => {
  issuer = await startMockIssuer();
  dir = await mkdtemp(join(tmpdir(), 'codex-cli-redis-'));
});
afterEach(async () => {
  await issuer.close();
  await rm(dir, { recursive: true, force: true });
});
afterAll(() => {
  expect(everything.length).toBeGreaterThan(10);
  expect(everything.filter(text => text.includes('SECRET'))).toEqual([]);
});

function cli(args: string[]) {
  const out = { stdout: '', stderr: '' };
  return runCli([...args, '--codex-home', dir, '--issuer', issuer.issuer], {
    stdout: text => void (everything.push(text), (out.stdout += text)),
    stderr: text => void (everything.push(text), (out.stderr += text)),
    env: {},
  }).then(exitCode => ({ exitCode, ...out }));
}

const KEY = 'codex:auth';
const stored = (key = KEY) => JSON.parse(redis.cli('GET', key));
const shown = () => `Redis key "${KEY}" (redis://127.0.0.1:${redis.port})`;

describe('login --redis', () => {
  it('signs in straight into the key: the auth.json layout, no auth.json written', async () => {
    const { exitCode, stdout, stderr } = await cli(['login', '--device', '--redis', redis.url]);
    expect(stderr).toBe('');
    expect(exitCode).toBe(0);
    expect(stdout).toMatch(
      new RegExp(`Signed in as .*\\. Credentials saved to ${escape(shown())}\\n$`),
    );
    const [issued] = issuer.issued;
    expect(stored()).toEqual({
      auth_mode: 'chatgpt',
      OPENAI_API_KEY: null,
      tokens: {
        id_token: issued!.id_token,
        access_token: issued!.access_token,
        refresh_token: issued!.refresh_token,
        account_id: issuer.account.accountId,
      },
      last_refresh: expect.any(String),
    });
    await expect(stat(join(dir, 'auth.json'))).rejects.toMatchObject({ code: 'ENOENT' });
    expect(redis.cli('--scan')).toBe(KEY);
  });

  it('replaces a sign-in in the key it is given, keeping other fields, and revokes the replaced refresh token at its issuer', async () => {
    redis.cli(
      'SET',
      'team:codex',
      JSON.stringify(signInContent({ id_token: issuedBy(issuer.issuer) }, { custom: 'kept' })),
    );
    const { exitCode } = await cli([
      'login',
      '--device',
      '--redis',
      redis.url,
      '--key',
      'team:codex',
    ]);
    expect(exitCode).toBe(0);
    expect(stored('team:codex')).toMatchObject({
      custom: 'kept',
      tokens: { access_token: issuer.issued[0]!.access_token },
    });
    expect(issuer.revoked).toEqual(['rt-SECRET-original']);
    expect(redis.cli('EXISTS', KEY)).toBe('0');
  });
});

describe('import --redis', () => {
  it('copies auth.json into the key as it is, and says the file keeps the same refresh token', async () => {
    const content = signInContent({}, { custom: { from: 'file' } });
    await writeFile(join(dir, 'auth.json'), JSON.stringify(content, null, 2));
    const { exitCode, stdout } = await cli(['import', '--redis', redis.url]);
    expect(exitCode).toBe(0);
    expect(stored()).toEqual(content);
    expect(stdout).toContain(`from ${join(dir, 'auth.json')} to ${shown()}.\n`);
    expect(stdout).toContain('keeps the same refresh token, which works once');
    // the file is left as it was
    expect(JSON.parse(await readFile(join(dir, 'auth.json'), 'utf8'))).toEqual(content);
  });

  it('does not replace a sign-in the fleet refreshed since with the file’s older one', async () => {
    const file = signInContent({}, { last_refresh: '2026-01-01T00:00:00.000Z' });
    const fleet = signInContent(
      { refresh_token: 'rt-SECRET-fleet' },
      { last_refresh: '2026-02-01T00:00:00.000Z' },
    );
    await writeFile(join(dir, 'auth.json'), JSON.stringify(file));
    redis.cli('SET', KEY, JSON.stringify(fleet));
    const { exitCode, stderr } = await cli(['import', '--redis', redis.url]);
    expect(exitCode).toBe(1);
    expect(stderr).toBe(
      `Not imported: ${shown()} holds a sign-in refreshed later (2026-02-01T00:00:00.000Z) than ${join(dir, 'auth.json')} (2026-01-01T00:00:00.000Z). Run \`npx ai-sdk-provider-codex logout --redis <url>\` first to replace it.\n`,
    );
    expect(stored()).toEqual(fleet);
  });

  it('refuses a file without a ChatGPT sign-in, and a missing one', async () => {
    await writeFile(join(dir, 'auth.json'), JSON.stringify({ OPENAI_API_KEY: 'sk-SECRET-key' }));
    const apiKey = await cli(['import', '--redis', redis.url]);
    expect(apiKey.exitCode).toBe(1);
    expect(apiKey.stderr).toBe(
      `Nothing to import: the auth file holds an API key, not a ChatGPT sign-in (${join(dir, 'auth.json')}).\n`,
    );
    await rm(join(dir, 'auth.json'));
    const missing = await cli(['import', '--redis', redis.url]);
    expect(missing.exitCode).toBe(1);
    expect(missing.stderr).toContain(
      `No Codex sign-in found: ${join(dir, 'auth.json')} does not exist.`,
    );
    expect(redis.cli('EXISTS', KEY)).toBe('0');
  });
});

describe('status --redis', () => {
  it('says who is signed in according to the key, and the quota', async () => {
    redis.cli(
      'SET',
      KEY,
      JSON.stringify(
        signInContent({
          id_token: accessToken('id', 3600, 'acct_redis'),
          access_token: accessToken('a', 1800, 'acct_redis'),
        }),
      ),
    );
    const { exitCode, stdout } = await cli([
      'status',
      '--redis',
      redis.url,
      '--base-url',
      emu.baseURL,
    ]);
    expect(exitCode).toBe(0);
    expect(stdout).toContain(`Credentials: ${shown()}\n`);
    expect(stdout).toMatch(/Access token: expires in (29|30) min/);
    expect(stdout).toMatch(/Quota/);
    expect(emu.requests.at(-1)!.headers['chatgpt-account-id']).toBe('acct_redis');

    const json = await cli(['status', '--json', '--redis', redis.url, '--base-url', emu.baseURL]);
    expect(JSON.parse(json.stdout)).toMatchObject({
      signedIn: true,
      redisKey: shown(),
      accountId: 'acct_redis',
    });
  });

  it('says so when the key is missing or holds no sign-in (exit 1)', async () => {
    const missing = await cli(['status', '--redis', redis.url]);
    expect(missing.exitCode).toBe(1);
    expect(missing.stdout).toBe(
      `Not signed in: no such key (${shown()}).\nRun \`npx ai-sdk-provider-codex login --redis <url>\` to sign in.\n`,
    );
    redis.cli('SET', KEY, '{"tokens": null}');
    const empty = await cli(['status', '--json', '--redis', redis.url]);
    expect(empty.exitCode).toBe(1);
    expect(JSON.parse(empty.stdout)).toEqual({
      signedIn: false,
      redisKey: shown(),
      problem: 'the key has no ChatGPT tokens',
    });
  });

  it('a wrong password: one error naming Redis and the key, not the password', async () => {
    const url = `redis://:wrong-SECRET@127.0.0.1:${redis.port}`;
    const { exitCode, stderr } = await cli(['status', '--redis', url]);
    expect(exitCode).toBe(1);
    expect(stderr).toBe(
      `Error: Redis at redis://127.0.0.1:${redis.port} (key "${KEY}") refused the sign-in to Redis (WRONGPASS). Check the user and password in the Redis URL.\n`,
    );
  });
});

describe('logout --redis', () => {
  it('revokes the refresh token, then removes the key; a second logout finds nothing', async () => {
    redis.cli('SET', KEY, JSON.stringify(signInContent()));
    const first = await cli(['logout', '--redis', redis.url]);
    expect(first).toMatchObject({ exitCode: 0, stderr: '' });
    expect(first.stdout).toBe(`Signed out: removed ${shown()} and revoked its refresh token.\n`);
    expect(issuer.revoked).toEqual(['rt-SECRET-original']);
    expect(redis.cli('--scan')).toBe('');
    const second = await cli(['logout', '--redis', redis.url]);
    expect(second.stdout).toBe(`Not signed in: there is no ${shown()} to remove.\n`);
  });

  it('revokes only at the issuer that issued the sign-in; when that fails the key stays, unless --force', async () => {
    // nothing listens on port 1: the revocation cannot reach the sign-in's issuer
    const content = signInContent({ id_token: issuedBy('http://127.0.0.1:1') });
    redis.cli('SET', KEY, JSON.stringify(content));
    const kept = await cli(['logout', '--redis', redis.url]);
    expect(kept.exitCode).toBe(1);
    expect(kept.stdout).toBe('');
    expect(kept.stderr).toMatch(
      /^Revoking the refresh token at http:\/\/127\.0\.0\.1:1 failed: the issuer could not be reached/,
    );
    expect(kept.stderr).toContain(
      `Nothing was removed: ${shown()} still holds the sign-in. Try again, or remove it anyway with --force`,
    );
    expect(stored()).toEqual(content);
    // the --issuer given never receives a token of another issuer
    expect(issuer.revoked).toEqual([]);

    const forced = await cli(['logout', '--redis', redis.url, '--force']);
    expect(forced.exitCode).toBe(1);
    expect(forced.stderr).toMatch(
      new RegExp(
        `^Removed ${escape(shown())} \\(--force\\), but its refresh token was NOT revoked: `,
      ),
    );
    expect(redis.cli('--scan')).toBe('');
    expect(issuer.revoked).toEqual([]);
  });
});

/** An id token whose `iss` names `issuer`, as the issuer's own id tokens do. */
function issuedBy(issuer: string): string {
  return makeJwt({ exp: nowSeconds() + 3600, marker: 'id', claims: { iss: issuer } });
}

describe('usage', () => {
  it.each([
    [['status', '--key', 'k'], '--key names a Redis key: it goes with --redis URL.'],
    [['import'], 'import needs --redis URL.'],
    [['import', '--redis', 'redis://x', '--device'], '--device does not apply to import.'],
  ])('%j: %s', async (args, message) => {
    const { exitCode, stderr } = await cli(args);
    expect(exitCode).toBe(2);
    expect(stderr).toBe(`${message}\nRun \`npx ai-sdk-provider-codex --help\` for usage.\n`);
  });

  it('a bad URL or key is named without quoting the URL', async () => {
    const url = await cli(['status', '--redis', 'http://:pw-SECRET@host']);
    expect(url.stderr).toBe(
      'Error: The Redis `url` must be a redis:// or rediss:// URL, like redis://:password@host:6379/0.\n',
    );
    const key = await cli(['status', '--redis', redis.url, '--key', 'a b']);
    expect(key.stderr).toMatch(/^Error: The Redis `key` must be a non-empty string/);
  });
});

function escape(text: string): string {
  return text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}
