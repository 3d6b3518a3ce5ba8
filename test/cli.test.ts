import { mkdtemp, readdir, rm, stat, writeFile } from 'node:fs/promises';
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, afterEach, beforeEach, describe, expect, it } from 'vitest';
import { createCodex } from '../src';
import { runCli } from '../src/cli/main';
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
function cli(args: string[], { signal }: { signal?: AbortSignal } = {}) {
  const out = { stdout: '', stderr: '' };
  const code = runCli([...args, '--codex-home', dir, '--issuer', issuer.issuer], {
    stdout: text => void (everything.push(text), (out.stdout += text)),
    stderr: text => void (everything.push(text), (out.stderr += text)),
    env: {},
    signal,
  });
  return { out, done: code.then(exitCode => ({ exitCode, ...out })) };
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
    issuer.devicePendingPolls = 2;
    const { exitCode, stdout } = await cli(['login', '--device']).done;
    expect(exitCode).toBe(0);
    expect(stdout).toContain(`1. Open ${issuer.issuer}/codex/device`);
    expect(stdout).toMatch(/2\. Enter the code ABCD-\d+ \(it expires in 1[45] min\)/);
    expect(stdout).toContain('Signed in as ada@example.com (plus plan).');
    expect(issuer.devicePolls).toHaveLength(3);
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
    expect(stdout).toMatch(/^Signed in as ada@example\.com \(plus plan, account acct_login\)\n/);
    expect(stdout).toMatch(/Access token: expires in (59 min|1 h 0 min) \(/);
    expect(stdout).toMatch(/5-hour window +12% used +resets in (2 h 0|1 h 59) min/);
    expect(stdout).toMatch(/weekly window +40% used +resets in (3 d 0|2 d 23) h/);
  });

  it('still answers when the quota cannot be read', async () => {
    await signIn();
    emu.usage = { status: 500, body: { detail: 'boom' } };
    const { exitCode, stdout } = await cli(['status', '--json', '--base-url', emu.baseURL]).done;
    expect(exitCode).toBe(0);
    expect(JSON.parse(stdout)).toMatchObject({
      signedIn: true,
      usage: null,
      usageError: expect.any(String),
    });
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
    expect(text.stdout).toContain('Run `npx ai-sdk-provider-codex login` to sign in.');
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
    await writeFile(join(dir, 'config.toml'), 'cli_auth_credentials_store = "file"\n');
    const file = await failureOf(createCodex({ authFile: join(dir, 'auth.json') })('gpt-5'));
    expect(file.message).not.toContain('keyring');
  });

  it('status and logout say where `codex login` keeps the sign-in', async () => {
    const status = await cli(['status', '--json']).done;
    expect(JSON.parse(status.stdout).hint).toMatch(/keyring.*npx ai-sdk-provider-codex login/);
    const out = await cli(['logout']).done;
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

describe('usage errors', () => {
  it.each([
    [['frobnicate'], /Unknown command "frobnicate"/],
    [['status', '--device'], /--device does not apply to status/],
    [['login', '--port', 'abc'], /--port must be a port number/],
    [['login', '--bogus'], /Unknown option '--bogus'/],
  ])('%j exits 2 with a hint', async (args, message) => {
    const { exitCode, stderr } = await cli(args).done;
    expect(exitCode).toBe(2);
    expect(stderr).toMatch(message);
    expect(stderr).toContain('--help');
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
