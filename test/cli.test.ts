import {
  chmod,
  mkdir,
  mkdtemp,
  readdir,
  readFile,
  rm,
  stat,
  symlink,
  writeFile,
} from 'node:fs/promises';
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { createCodex } from '../src';
import { runCli } from '../src/cli/main';
import { VERSION } from '../src/common/package-identity';
import { makeJwt, nowSeconds } from './support/jwt';
import { startMockIssuer, type MockIssuer } from './support/mock-issuer';
import { useCodexEmulator } from './support/use-codex-emulator';

const emu = useCodexEmulator();
let issuer: MockIssuer;
let dir: string;
const everything: string[] = []; // all output of every command, checked for tokens at the end

beforeEach(async () => {
  issuer = await startMockIssuer();
  dir = await mkdtemp(join(tmpdir(), 'codex-cli-'));
});
afterEach(async () => {
  await issuer.close();
  await rm(dir, { recursive: true, force: true });
});
afterAll(() => {
  expect(everything.length).toBeGreaterThan(10);
  expect(everything.filter(text => text.includes('SECRET'))).toEqual([]);
});

/** Runs the command in-process, as `npx ai-sdk-provider-codex …` would. */
function cli(
  args: string[],
  { signal, env = {} }: { signal?: AbortSignal; env?: Record<string, string> } = {},
) {
  const out = { stdout: '', stderr: '' };
  const code = runCli([...args, '--codex-home', dir, '--issuer', issuer.issuer], {
    stdout: text => void (everything.push(text), (out.stdout += text)),
    stderr: text => void (everything.push(text), (out.stderr += text)),
    env,
    signal,
  });
  return { out, done: code.then(exitCode => ({ exitCode, ...out })) };
}

async function waitForFile(path: string): Promise<string> {
  for (let i = 0; i < 200; i++) {
    const text = await readFile(path, 'utf8').catch(() => undefined);
    if (text) return text;
    await new Promise(r => setTimeout(r, 10));
  }
  throw new Error(`timed out waiting for ${path}`);
}

async function waitFor<T>(probe: () => T | undefined): Promise<T> {
  for (let i = 0; i < 200; i++) {
    const value = probe();
    if (value != null) return value;
    await new Promise(r => setTimeout(r, 10));
  }
  throw new Error('timed out');
}

/** The browser's part: follow the printed URL to the issuer, then its redirect home. */
async function playBrowser(printed: string, { state }: { state?: string } = {}) {
  const url = /https?:\/\/\S+\/oauth\/authorize\S+/.exec(printed)![0];
  const location = new URL((await fetch(url, { redirect: 'manual' })).headers.get('location')!);
  if (state != null) location.searchParams.set('state', state);
  const response = await fetch(location.toString().replace('//localhost:', '//127.0.0.1:'));
  return response.status;
}

const failureOf = (model: { doGenerate: (o: { prompt: [] }) => PromiseLike<unknown> }) =>
  Promise.resolve(model.doGenerate({ prompt: [] })).then(
    () => {
      throw new Error('expected a failure');
    },
    (error: Error) => error,
  );

async function signIn() {
  const run = cli(['login', '--no-browser', '--port', '0']);
  await playBrowser(
    await waitFor(() => (run.out.stdout.includes('authorize') ? run.out.stdout : undefined)),
  );
  return run.done;
}

describe('login', () => {
  it('prints the URL with --no-browser, and reports who signed in where', async () => {
    const { exitCode, stdout, stderr } = await signIn();
    expect(exitCode).toBe(0);
    expect(stderr).toBe('');
    expect(stdout).toMatch(
      /^Open this URL in a browser on this machine to sign in with ChatGPT:\n {2}http:\/\/127\.0\.0\.1:\d+\/oauth\/authorize\?/,
    );
    expect(stdout).toContain(
      `Signed in as ada@example.com (plus plan). Credentials saved to ${join(dir, 'auth.json')}\n`,
    );
    expect((await stat(join(dir, 'auth.json'))).mode & 0o777).toBe(0o600);
  });

  it('warns about a wrong state and still finishes with the right one', async () => {
    const run = cli(['login', '--no-browser', '--port', '0']);
    const printed = await waitFor(() =>
      run.out.stdout.includes('authorize') ? run.out.stdout : undefined,
    );
    expect(await playBrowser(printed, { state: 'forged' })).toBe(400);
    expect(run.out.stderr).toMatch(/^Warning: Ignored a sign-in callback with a wrong `state`/);
    expect(await playBrowser(printed)).toBe(200);
    expect((await run.done).exitCode).toBe(0);
  });

  it('fails clearly when the sign-in is denied', async () => {
    issuer.decision = 'deny';
    const run = cli(['login', '--no-browser', '--port', '0']);
    await playBrowser(
      await waitFor(() => (run.out.stdout.includes('authorize') ? run.out.stdout : undefined)),
    );
    const { exitCode, stderr } = await run.done;
    expect(exitCode).toBe(1);
    expect(stderr).toMatch(/^Error: Sign-in was denied \(The user denied the request\)/);
    expect(await readdir(dir)).toEqual([]);
  });

  it('fails clearly when the port is taken', async () => {
    const blocker = createServer();
    await new Promise<void>(resolve => blocker.listen(0, '127.0.0.1', resolve));
    const port = (blocker.address() as AddressInfo).port;
    try {
      const { exitCode, stderr } = await cli(['login', '--no-browser', '--port', String(port)])
        .done;
      expect(exitCode).toBe(1);
      expect(stderr).toContain(`Error: Port ${port} is already in use on localhost`);
    } finally {
      await new Promise(resolve => blocker.close(resolve));
    }
  });

  it('signs in with --device: prints the URL and the code, waits for approval', async () => {
    issuer.devicePendingPolls = 1;
    const { exitCode, stdout } = await cli(['login', '--device']).done;
    expect(exitCode).toBe(0);
    const lines = stdout.split('\n');
    expect(lines[0]).toContain('Sign in with ChatGPT from any device with a browser');
    expect(lines[1]).toBe(`  1. Open ${issuer.issuer}/codex/device`);
    expect(lines[2]).toMatch(/^ {2}2\. Enter the code ABCD-\d+ \(it expires in 1[45] min\)$/);
    expect(lines[3]).toContain('never share this code');
    expect(lines[4]).toMatch(/^Waiting for approval/);
    expect(lines[5]).toMatch(/^Signed in as ada@example\.com \(plus plan\)\. /);
    expect(issuer.devicePolls).toHaveLength(2);
  });

  it('without --no-browser, opens the browser on the sign-in URL', async () => {
    // a stand-in for the system's opener (xdg-open on Linux, open on macOS): it records the URL
    const bin = join(dir, 'bin');
    await mkdir(bin);
    for (const opener of ['xdg-open', 'open']) {
      await writeFile(
        join(bin, opener),
        `#!/bin/sh\nprintf '%s' "$1" > "${join(bin, 'opened')}"\n`,
      );
      await chmod(join(bin, opener), 0o755);
    }
    const path = process.env.PATH;
    process.env.PATH = `${bin}:${path}`;
    try {
      const run = cli(['login', '--port', '0']);
      const opened = await waitForFile(join(bin, 'opened'));
      expect(run.out.stdout).toMatch(/^Opening your browser to sign in with ChatGPT\./);
      expect(run.out.stdout).toContain(`  ${opened}\n`);
      expect(await playBrowser(opened)).toBe(200);
      expect((await run.done).exitCode).toBe(0);
    } finally {
      process.env.PATH = path;
    }
  });

  it('names the account even when the id token has no email and no plan', async () => {
    issuer.account = { accountId: 'acct_anon' };
    const { exitCode, stdout } = await signIn();
    expect(exitCode).toBe(0);
    expect(stdout).toContain(
      `Signed in as your ChatGPT account. Credentials saved to ${join(dir, 'auth.json')}\n`,
    );
  });

  it('Ctrl-C cancels a waiting sign-in and leaves no file', async () => {
    const controller = new AbortController();
    issuer.deviceNeverApproved = true;
    const run = cli(['login', '--device'], { signal: controller.signal });
    await waitFor(() => (run.out.stdout.includes('Waiting') ? true : undefined));
    controller.abort();
    const { exitCode, stderr } = await run.done;
    expect(exitCode).toBe(130);
    expect(stderr).toBe('Cancelled; nothing was written.\n');
    expect(await readdir(dir)).toEqual([]);
  });
});

describe('status', () => {
  it('--json: who, plan, token expiry and quota, never a token', async () => {
    await signIn();
    const { exitCode, stdout } = await cli(['status', '--json', '--base-url', emu.baseURL]).done;
    expect(exitCode).toBe(0);
    const status = JSON.parse(stdout);
    expect(status).toEqual({
      signedIn: true,
      authFile: join(dir, 'auth.json'),
      email: 'ada@example.com',
      planType: 'plus',
      accountId: 'acct_login',
      accessTokenExpiresAt: expect.stringMatching(/^\d{4}-\d\d-\d\dT/),
      lastRefresh: expect.stringMatching(/^\d{4}-\d\d-\d\dT/),
      usage: {
        planType: 'plus',
        windows: {
          short: { usedPercent: 12, windowMinutes: 300, resetsAt: expect.any(String) },
          weekly: { usedPercent: 40, windowMinutes: 10080, resetsAt: expect.any(String) },
        },
        credits: { hasCredits: false, unlimited: false, balance: 0 },
        limitReached: false,
      },
    });
    expect(Date.parse(status.accessTokenExpiresAt)).toBeGreaterThan(Date.now());
    expect(emu.requests[0]!.headers.authorization).toBe(`Bearer ${issuer.issued[0]!.access_token}`);
  });

  it('prints a readable summary', async () => {
    await signIn();
    const { exitCode, stdout } = await cli(['status', '--base-url', emu.baseURL]).done;
    expect(exitCode).toBe(0);
    const lines = stdout.split('\n');
    expect(lines[0]).toBe('Signed in as ada@example.com (plus plan, account acct_login)');
    expect(lines[1]).toBe(`Credentials: ${join(dir, 'auth.json')}`);
    expect(lines[2]).toMatch(/^Access token: expires in (59 min|1 h 0 min) \(/);
    expect(lines[3]).toBe('Quota (plus plan):');
    expect(lines[4]).toMatch(/^ {2}5-hour window +12% used +resets in (2 h 0|1 h 59) min/);
    expect(lines[5]).toMatch(/^ {2}weekly window +40% used +resets in (3 d 0|2 d 23) h/);
    expect(lines.slice(6)).toEqual([`  ${'credits'.padEnd(15)} none`, '']);
  });

  it('reads the quota from $CODEX_BASE_URL, and --base-url wins over it', async () => {
    await signIn();
    const fromEnv = await cli(['status'], { env: { CODEX_BASE_URL: emu.baseURL } }).done;
    expect(fromEnv.exitCode).toBe(0);
    expect(fromEnv.stdout).toContain('Quota (plus plan):');
    expect(emu.requests.map(r => r.path)).toEqual(['/backend-api/wham/usage']);

    const unreachable = 'http://127.0.0.1:9/backend-api/codex';
    const overridden = await cli(['status', '--base-url', emu.baseURL], {
      env: { CODEX_BASE_URL: unreachable },
    }).done;
    expect(overridden.stdout).toContain('Quota (plus plan):');
    expect(emu.requests).toHaveLength(2);

    const wrong = await cli(['status'], { env: { CODEX_BASE_URL: unreachable } }).done;
    expect(wrong.stdout).toMatch(/^Quota: unavailable \(.*127\.0\.0\.1:9.*\)$/m);
    expect(emu.requests).toHaveLength(2);
  });

  it('says who is signed in when the id token names no email or plan', async () => {
    issuer.account = { accountId: 'acct_anon' };
    await signIn();
    const { exitCode, stdout } = await cli(['status', '--base-url', emu.baseURL]).done;
    expect(exitCode).toBe(0);
    expect(stdout.split('\n')[0]).toBe('Signed in as an unknown ChatGPT user (account acct_anon)');
  });

  it.each([
    [
      'a day-long window, credits with a balance, a limit reached for a reason',
      {
        rate_limit: {
          limit_reached: true,
          primary_window: {
            used_percent: 100,
            limit_window_seconds: 86_400,
            reset_after_seconds: 60,
          },
        },
        credits: { has_credits: true, balance: '12.5' },
        rate_limit_reached_type: { type: 'rate_limit_reached' },
      },
      [
        'Quota:',
        /^ {2}1-day window +100% used +resets in 1 min/,
        `  ${'credits'.padEnd(15)} 12.5 left`,
        '  Limit reached (rate_limit_reached): requests are refused until a window resets.',
      ],
    ],
    [
      'a 90-minute window, credits of unknown balance, a limit reached',
      {
        plan_type: 'pro',
        rate_limit: {
          allowed: false,
          primary_window: { used_percent: 3, limit_window_seconds: 5_400, reset_after_seconds: 45 },
        },
        credits: { has_credits: true },
      },
      [
        'Quota (pro plan):',
        /^ {2}90-minute window +3% used +resets in 45 s/,
        `  ${'credits'.padEnd(15)} some left`,
        '  Limit reached: requests are refused until a window resets.',
      ],
    ],
    [
      'only a weekly window, unlimited credits',
      {
        rate_limit: {
          secondary_window: {
            used_percent: 7,
            limit_window_seconds: 604_800,
            reset_after_seconds: 7200,
          },
        },
        credits: { has_credits: false, unlimited: true },
      },
      [
        'Quota:',
        /^ {2}weekly window +7% used +resets in 2 h 0 min/,
        `  ${'credits'.padEnd(15)} unlimited`,
      ],
    ],
    [
      'a per-model limit beside the main one, used up, and why',
      {
        rate_limit: {
          primary_window: {
            used_percent: 30,
            limit_window_seconds: 18_000,
            reset_after_seconds: 60,
          },
        },
        additional_rate_limits: [
          {
            limit_name: 'GPT-5.3-Codex-Spark',
            metered_feature: 'codex_bengalfox',
            rate_limit: {
              allowed: false,
              limit_reached: true,
              primary_window: {
                used_percent: 100,
                limit_window_seconds: 18_000,
                reset_after_seconds: 600,
              },
              secondary_window: {
                used_percent: 55,
                limit_window_seconds: 604_800,
                reset_after_seconds: 7200,
              },
            },
          },
        ],
        rate_limit_reached_type: { type: 'rate_limit_reached' },
      },
      [
        'Quota:',
        /^ {2}5-hour window +30% used +resets in 1 min/,
        '  GPT-5.3-Codex-Spark (codex_bengalfox): limit reached',
        /^ {4}5-hour window +100% used +resets in 10 min/,
        /^ {4}weekly window +55% used +resets in 2 h 0 min/,
        '  Limit reached (rate_limit_reached): requests are refused until a window resets.',
      ],
    ],
  ])('prints the quota: %s', async (_, payload, expected) => {
    await signIn();
    emu.usage = payload;
    const { exitCode, stdout } = await cli(['status', '--base-url', emu.baseURL]).done;
    expect(exitCode).toBe(0);
    const quota = stdout.slice(stdout.indexOf('Quota')).split('\n');
    expect(quota.pop()).toBe('');
    expect(quota).toHaveLength(expected.length);
    quota.forEach((line, i) => expect(line).toMatch(expected[i]!));
  });

  it('says how long an access token has left, or since when it is expired', async () => {
    const write = (exp: number) =>
      writeFile(
        join(dir, 'auth.json'),
        JSON.stringify({
          tokens: {
            access_token: makeJwt({ exp, marker: 'short' }),
            refresh_token: 'rt-SECRET-short',
          },
        }),
      );
    await write(nowSeconds() + 45);
    const soon = await cli(['status', '--base-url', emu.baseURL]).done;
    expect(soon.stdout).toMatch(
      /\nAccess token: expires in 4\d s \(.*\); it is refreshed automatically\n/,
    );
    await write(nowSeconds() - 120);
    const expired = await cli(['status', '--base-url', emu.baseURL]).done;
    expect(expired.stdout).toMatch(
      /\nAccess token: expired 2 min ago; the next request refreshes it\n/,
    );
  });

  it('refreshes an expired token at the --issuer to read the quota', async () => {
    await writeFile(
      join(dir, 'auth.json'),
      JSON.stringify({
        tokens: {
          access_token: makeJwt({ exp: nowSeconds() - 60, marker: 'old' }),
          refresh_token: 'rt-SECRET-old',
        },
      }),
    );
    emu.acceptToken = token => issuer.issued.some(issued => issued.access_token === token);
    const { exitCode, stdout } = await cli(['status', '--base-url', emu.baseURL]).done;
    expect(exitCode).toBe(0);
    expect(stdout).toContain('Quota (plus plan):');
    expect(issuer.requests.filter(r => r.body.grant_type === 'refresh_token')).toHaveLength(1);
  });

  it('an access token at its expiry instant counts as expired', async () => {
    const exp = nowSeconds() + 600;
    await writeFile(
      join(dir, 'auth.json'),
      JSON.stringify({ tokens: { access_token: makeJwt({ exp, marker: 'edge' }) } }),
    );
    vi.useFakeTimers({ toFake: ['Date'], now: exp * 1000 });
    try {
      const { stdout } = await cli(['status', '--base-url', emu.baseURL]).done;
      expect(stdout).toContain('Access token: expired 0 s ago');
    } finally {
      vi.useRealTimers();
    }
  });

  it('Ctrl-C while the quota is loading cancels the command', async () => {
    await signIn();
    emu.latencyMs = 2000;
    const controller = new AbortController();
    const run = cli(['status', '--base-url', emu.baseURL], { signal: controller.signal });
    setTimeout(() => controller.abort(), 200);
    const { exitCode, stdout, stderr } = await run.done;
    expect({ exitCode, stdout, stderr }).toEqual({
      exitCode: 130,
      stdout: '',
      stderr: 'Cancelled; nothing was written.\n',
    });
  });

  it('still answers when the quota cannot be read', async () => {
    await signIn();
    emu.usage = { status: 500, body: { detail: 'boom' } };
    const { exitCode, stdout } = await cli(['status', '--json', '--base-url', emu.baseURL]).done;
    expect(exitCode).toBe(0);
    expect(JSON.parse(stdout)).toMatchObject({
      signedIn: true,
      usage: null,
      usageError: expect.stringContaining('boom'),
    });
    const text = await cli(['status', '--base-url', emu.baseURL]).done;
    expect(text.exitCode).toBe(0);
    expect(text.stdout).toMatch(/\nQuota: unavailable \(.*boom.*\)\n$/);
  });

  it('copes with dates out of range in the token and in the quota', async () => {
    await writeFile(
      join(dir, 'auth.json'),
      JSON.stringify({
        tokens: {
          access_token: makeJwt({ exp: 1e16, marker: 'far', accountId: 'acct_far' }),
          refresh_token: 'rt-SECRET-far',
        },
      }),
    );
    emu.usage = {
      rate_limit: {
        primary_window: { used_percent: 1, limit_window_seconds: 18_000, reset_at: 1e15 },
      },
    };
    const text = await cli(['status', '--base-url', emu.baseURL]).done;
    expect(text).toMatchObject({ exitCode: 0, stderr: '' });
    expect(text.stdout).toContain('Signed in as an unknown ChatGPT user (account acct_far)');
    expect(text.stdout).not.toContain('Access token');
    expect(text.stdout).toContain('no usage windows reported');
    const json = await cli(['status', '--json', '--base-url', emu.baseURL]).done;
    expect(json.exitCode).toBe(0);
    expect(JSON.parse(json.stdout)).not.toHaveProperty('accessTokenExpiresAt');
  });

  it('exits 1 when nobody is signed in', async () => {
    const { exitCode, stdout } = await cli(['status', '--json']).done;
    expect(exitCode).toBe(1);
    expect(JSON.parse(stdout)).toEqual({
      signedIn: false,
      authFile: join(dir, 'auth.json'),
      problem: 'no auth file',
    });
    const text = await cli(['status']).done;
    expect(text.stdout).toBe(
      `Not signed in: no auth file (${join(dir, 'auth.json')}).\n` +
        'Run `npx ai-sdk-provider-codex login` to sign in.\n',
    );
  });
});

describe('logout', () => {
  it('removes the credentials and says from where', async () => {
    await signIn();
    const { exitCode, stdout } = await cli(['logout']).done;
    expect(exitCode).toBe(0);
    expect(stdout).toBe(
      `Signed out: removed ${join(dir, 'auth.json')} and revoked its refresh token.\n`,
    );
    expect(issuer.revoked).toEqual([issuer.issued[0]!.refresh_token]);
    expect(await readdir(dir)).toEqual([]);
    expect((await cli(['logout']).done).stdout).toBe(
      `Not signed in: there is no ${join(dir, 'auth.json')} to remove.\n`,
    );
  });

  it('says when there was no refresh token to revoke, or when revoking it failed', async () => {
    const authFile = join(dir, 'auth.json');
    const token = makeJwt({ exp: nowSeconds() + 3600, marker: 'lo' });
    await writeFile(authFile, JSON.stringify({ tokens: { access_token: token } }));
    expect((await cli(['logout']).done).stdout).toBe(`Signed out: removed ${authFile}.\n`);

    await signIn();
    const saved = await readFile(authFile, 'utf8');
    await issuer.close(); // the issuer cannot be reached: the sign-in stays, and we say so
    const refused = await cli(['logout']).done;
    expect(refused).toEqual({
      exitCode: 1,
      stdout: '',
      stderr: `Error: Revoking the refresh token at ${issuer.issuer} failed: the issuer could not be reached (ECONNREFUSED). Nothing was removed: ${authFile} still holds the sign-in. Try again, or remove it anyway with \`force: true\` (\`logout --force\`): the refresh token then stays valid until it expires.\n`,
    });
    expect(await readFile(authFile, 'utf8')).toBe(saved);

    const forced = await cli(['logout', '--force']).done;
    expect(forced).toEqual({
      exitCode: 1,
      stdout: '',
      stderr: `Removed ${authFile} (--force), but its refresh token was NOT revoked: Revoking the refresh token at ${issuer.issuer} failed: the issuer could not be reached (ECONNREFUSED). It stays valid until it expires.\n`,
    });
    expect(await readdir(dir)).toEqual([]);
  });

  it('a symlinked auth.json without credentials: says which file was looked at', async () => {
    const target = join(dir, 'dotfiles-auth.json');
    await writeFile(target, JSON.stringify({ OPENAI_API_KEY: null, tokens: null, theme: 'dark' }));
    await symlink(target, join(dir, 'auth.json'));
    const { exitCode, stdout } = await cli(['logout']).done;
    expect(exitCode).toBe(0);
    expect(stdout).toBe(
      `Not signed in: ${target} (linked from ${join(dir, 'auth.json')}) holds no credentials.\n`,
    );
  });

  it('explains a config.toml that keeps `codex login` out of auth.json, only when nothing was removed', async () => {
    await writeFile(join(dir, 'config.toml'), 'cli_auth_credentials_store = "ephemeral"\n');
    const nothing = await cli(['logout']).done;
    expect(nothing.stdout).toBe(
      `Not signed in: there is no ${join(dir, 'auth.json')} to remove.\n` +
        `${join(dir, 'config.toml')} sets cli_auth_credentials_store = "ephemeral", so \`codex login\` keeps the sign-in in memory only. ` +
        'Run `npx ai-sdk-provider-codex login` to sign in to an auth.json this package can read (or set cli_auth_credentials_store = "file" and run `codex login` again).\n',
    );
    await signIn();
    const removed = await cli(['logout']).done;
    expect(removed.stdout).toBe(
      `Signed out: removed ${join(dir, 'auth.json')} and revoked its refresh token.\n`,
    );
  });
});

describe('keyring users', () => {
  beforeEach(async () => {
    await writeFile(
      join(dir, 'config.toml'),
      '# Codex config\nmodel = "gpt-5.3-codex"\ncli_auth_credentials_store = "keyring"\n\n[profiles.x]\ncli_auth_credentials_store = "file"\n',
    );
  });

  it('the missing-sign-in error of a model call explains the keyring and the fix', async () => {
    const error = await failureOf(
      createCodex({ baseURL: emu.baseURL, authFile: join(dir, 'auth.json') })('gpt-5'),
    );
    expect(error.name).toBe('AI_LoadAPIKeyError');
    expect(error.message).toContain('does not exist');
    expect(error.message).toContain('cli_auth_credentials_store = "keyring"');
    expect(error.message).toContain('OS keyring, which this package cannot read');
    expect(error.message).toContain('npx ai-sdk-provider-codex login');
    expect(emu.requests).toEqual([]);
  });

  it('"auto" may mean the keyring too; "file" adds nothing', async () => {
    await writeFile(join(dir, 'config.toml'), "cli_auth_credentials_store = 'auto' # comment\n");
    const auto = await cli(['status']).done;
    expect(auto.stdout).toContain('may have put the sign-in in the OS keyring');
    const autoLogout = await cli(['logout']).done;
    expect(autoLogout.stdout).toContain(
      `${join(dir, 'config.toml')} sets cli_auth_credentials_store = "auto": a \`codex login\` kept in the OS keyring is not touched`,
    );
    await writeFile(join(dir, 'config.toml'), 'cli_auth_credentials_store = "file"\n');
    const file = await failureOf(createCodex({ authFile: join(dir, 'auth.json') })('gpt-5'));
    expect(file.message).not.toContain('keyring');
  });

  it('status and logout say where `codex login` keeps the sign-in', async () => {
    const status = await cli(['status', '--json']).done;
    const hint: string = JSON.parse(status.stdout).hint;
    expect(hint).toContain(`${join(dir, 'config.toml')} sets cli_auth_credentials_store`);
    expect(hint).toMatch(/keyring.*npx ai-sdk-provider-codex login/);
    const out = await cli(['logout']).done;
    expect(out.stdout).toContain(
      `${join(dir, 'config.toml')} sets cli_auth_credentials_store = "keyring"`,
    );
    expect(out.stdout).toContain('`codex logout` removes it');
  });

  it('a file sign-in is used as usual when it exists', async () => {
    const token = makeJwt({ exp: nowSeconds() + 3600, marker: 'kr' });
    await writeFile(join(dir, 'auth.json'), JSON.stringify({ tokens: { access_token: token } }));
    const result = await createCodex({ baseURL: emu.baseURL, authFile: join(dir, 'auth.json') })(
      'gpt-5',
    ).doGenerate({ prompt: [{ role: 'user', content: [{ type: 'text', text: 'hi' }] }] });
    expect(result.finishReason).toBe('stop');
  });
});

describe('text from servers and files', () => {
  // a window title, a screen clear, a carriage return to a fake prompt, a C1 CSI, a bell
  const hostile = (label: string) => `${label}\x1b]0;pwned\x07\x1b[2J\r$ sudo\x9b31m\x7f\t!`;
  const shown = (label: string) => `${label}]0;pwned[2J$ sudo31m!`;
  const controls = /[\x00-\x09\x0b-\x1f\x7f-\x9f]/;

  it('reaches the terminal without control characters (line breaks kept)', async () => {
    issuer.deviceUserCode = hostile('CODE');
    issuer.account = {
      email: hostile('ada@example.com'),
      plan: hostile('plus'),
      accountId: 'acct_x',
    };
    const login = await cli(['login', '--device']).done;
    expect(login.exitCode).toBe(0);
    expect(login.stdout).toContain(`  2. Enter the code ${shown('CODE')} (it expires in`);
    expect(login.stdout).toContain(
      `Signed in as ${shown('ada@example.com')} (${shown('plus')} plan). Credentials saved to`,
    );
    expect(login.stdout.split('\n')).toHaveLength(7);

    emu.usage = {
      plan_type: hostile('pro'),
      rate_limit: {
        limit_reached: true,
        primary_window: { used_percent: 3, limit_window_seconds: 5_400, reset_after_seconds: 45 },
      },
      rate_limit_reached_type: { kind: hostile('kind') },
    };
    const status = await cli(['status', '--base-url', emu.baseURL]).done;
    expect(status.stdout).toContain(
      `Signed in as ${shown('ada@example.com')} (${shown('plus')} plan,`,
    );
    expect(status.stdout).toContain(`Quota (${shown('pro')} plan):\n`);
    expect(status.stdout).toContain(`  Limit reached (${shown('kind')}): requests are refused`);

    emu.usage = { status: 400, body: { error: { message: hostile('Bad\nrequest') } } };
    const failed = await cli(['status', '--base-url', emu.baseURL]).done;
    expect(failed.stdout).toContain(`Quota: unavailable (${shown('Bad\nrequest')}`);

    for (const { stdout, stderr } of [login, status, failed]) {
      expect(stdout).not.toMatch(controls);
      expect(stderr).not.toMatch(controls);
    }
  });

  it('--json keeps the strings exact (JSON-escaped)', async () => {
    issuer.account = { email: hostile('ada@example.com'), plan: 'plus', accountId: 'acct_x' };
    await signIn();
    emu.usage = { plan_type: hostile('pro') };
    const { stdout } = await cli(['status', '--json', '--base-url', emu.baseURL]).done;
    const status = JSON.parse(stdout);
    expect(status.email).toBe(hostile('ada@example.com'));
    expect(status.usage.planType).toBe(hostile('pro'));
    expect(stdout).toContain('\\u001b]0;pwned\\u0007');
  });

  it("the issuer's error_description and backend errors are cleaned too", async () => {
    const run = cli(['login', '--no-browser', '--port', '0']);
    const printed = await waitFor(() =>
      run.out.stdout.includes('authorize') ? run.out.stdout : undefined,
    );
    const url = /https?:\/\/\S+\/oauth\/authorize\S+/.exec(printed)![0];
    const location = new URL((await fetch(url, { redirect: 'manual' })).headers.get('location')!);
    location.searchParams.delete('code');
    location.searchParams.set('error', 'access_denied');
    location.searchParams.set('error_description', hostile('Nope'));
    await fetch(location.toString().replace('//localhost:', '//127.0.0.1:'));
    const { exitCode, stderr } = await run.done;
    expect(exitCode).toBe(1);
    expect(stderr).toBe(
      `Error: Sign-in was denied (${shown('Nope')}). Start it again and approve the request, or sign in with another account.\n`,
    );
  });
});

describe('usage errors', () => {
  it.each([
    [['frobnicate'], /Unknown command "frobnicate"/],
    [['status', '--device'], /--device does not apply to status/],
    [['login', '--force'], /--force does not apply to login/],
    [['login', '--port', 'abc'], /--port must be a port number/],
    [['login', '--bogus'], /Unknown option '--bogus'/],
    [['status', 'now'], /Unexpected argument "now"/],
    [['login', '--port=-1'], /--port must be a port number \(0–65535\), not "-1"/],
    [['login', '--port', '65536'], /--port must be a port number \(0–65535\), not "65536"/],
  ])('%j exits 2 with a hint', async (args, message) => {
    const { exitCode, stderr } = await cli(args).done;
    expect(exitCode).toBe(2);
    expect(stderr).toMatch(message);
    expect(stderr).toContain('--help');
  });

  it('--issuer must be https (http on loopback only) without a password; nothing is contacted', async () => {
    for (const [value, message] of [
      [
        'http://auth.example.test',
        '`--issuer` must be an https:// URL (http:// only on localhost, 127.0.0.1 or ::1); http://auth.example.test is neither.',
      ],
      [
        'javascript:alert(1)//',
        '`--issuer` must be an https:// URL (http:// only on localhost, 127.0.0.1 or ::1), not a javascript: URL.',
      ],
      [
        `http://ada:pw-SECRET@${new URL(issuer.issuer).host}`,
        "`--issuer` must not hold a user name or password (`user:password@`); pass the sign-in server's plain URL.",
      ],
    ]) {
      for (const command of [
        ['login', '--no-browser', '--port', '0'],
        ['login', '--device'],
        ['logout'],
        ['status'],
      ]) {
        const out = { stdout: '', stderr: '' };
        const exitCode = await runCli([...command, '--codex-home', dir, '--issuer', value!], {
          stdout: text => void (everything.push(text), (out.stdout += text)),
          stderr: text => void (everything.push(text), (out.stderr += text)),
          env: {},
        });
        expect({ exitCode, ...out }).toEqual({
          exitCode: 2,
          stdout: '',
          stderr: `${message}\nRun \`npx ai-sdk-provider-codex --help\` for usage.\n`,
        });
      }
    }
    expect(issuer.requests).toEqual([]);
  });

  it('without a command prints the usage and exits 2; --help after a command exits 0', async () => {
    const bare = await cli([]).done;
    expect(bare.exitCode).toBe(2);
    expect(bare.stdout).toMatch(/^Usage: npx ai-sdk-provider-codex <command>/);
    const help = await cli(['status', '--help']).done;
    expect(help).toEqual({ ...bare, exitCode: 0 });
  });

  it('--version prints the version', async () => {
    expect(VERSION).toMatch(/^\d+\.\d+\.\d+/);
    expect(await cli(['--version']).done).toEqual({
      exitCode: 0,
      stdout: `${VERSION}\n`,
      stderr: '',
    });
  });

  it('--port takes 65535, the last port number', async () => {
    const controller = new AbortController();
    const run = cli(['login', '--no-browser', '--port', '65535'], { signal: controller.signal });
    await waitFor(() => (run.out.stdout.includes('Waiting') ? true : undefined));
    expect(run.out.stdout).toContain('redirect_uri=http%3A%2F%2Flocalhost%3A65535%2F');
    controller.abort();
    expect((await run.done).exitCode).toBe(130);
  });

  it('--help lists every command', async () => {
    const { exitCode, stdout } = await cli(['--help']).done;
    expect(exitCode).toBe(0);
    for (const word of [
      'login',
      '--device',
      'logout',
      'status',
      '--codex-home',
      '--issuer',
      '--json',
    ]) {
      expect(stdout).toContain(word);
    }
  });
});
