// The credentials at their edges, after the sign-in (#15) and hardening (#12) work: answers
// that echo a token back, a symlinked or misshapen auth.json met by login and logout, a
// cancel while the sign-in waits to be saved, and which header wins.
import {
  APICallError,
  LoadAPIKeyError,
  type LanguageModelV2CallOptions,
  type LanguageModelV2StreamPart,
} from '@ai-sdk/provider';
import type { FetchFunction } from '@ai-sdk/provider-utils';
import { convertReadableStreamToArray } from '@ai-sdk/provider-utils/test';
import {
  lstat,
  mkdir,
  mkdtemp,
  readFile,
  readdir,
  readlink,
  rm,
  stat,
  symlink,
  writeFile,
} from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { createCodex, type CodexProviderSettings } from '../src';
import { loginWithDeviceCode, logout, readCodexSignIn } from '../src/login';
import { runCli } from '../src/cli/main';
import { makeJwt, nowSeconds } from './support/jwt';
import { startMockIssuer, type MockIssuer } from './support/mock-issuer';
import { startMockTokenServer, type MockTokenServer } from './support/mock-token-server';
import { startRecordingServer } from './support/recording-server';
import type { EmulatorScript } from './support/codex-emulator';
import { responseEvents } from './support/codex-events';
import { failure, secretLeaks } from './support/secret-leaks';
import { useCodexEmulator } from './support/use-codex-emulator';

const emu = useCodexEmulator();
const hi: LanguageModelV2CallOptions = {
  prompt: [{ role: 'user', content: [{ type: 'text', text: 'Hi' }] }],
};

let issuer: MockIssuer;
let tokens: MockTokenServer;
let dir: string;
let authFile: string;

beforeEach(async () => {
  issuer = await startMockIssuer();
  tokens = await startMockTokenServer();
  dir = await mkdtemp(join(tmpdir(), 'codex-edges-'));
  authFile = join(dir, 'auth.json');
});
afterEach(async () => {
  await issuer.close();
  await tokens.close();
  await rm(dir, { recursive: true, force: true });
});

/** The error `promise` rejects with, checked to show no token anywhere in it. */
const sleep = (ms: number) => new Promise(resolve => setTimeout(resolve, ms));

async function settledWithin(promise: PromiseLike<unknown>, ms: number): Promise<unknown> {
  return Promise.race([
    Promise.resolve(promise).then(
      value => ({ resolved: value }),
      (error: unknown) => error,
    ),
    sleep(ms).then(() => 'still pending'),
  ]);
}

async function waitFor<T>(probe: () => T | undefined): Promise<T> {
  for (let i = 0; i < 300; i++) {
    const value = probe();
    if (value != null) return value;
    await sleep(10);
  }
  throw new Error('timed out');
}

const wsModel = (accessToken: string, settings: CodexProviderSettings = {}) =>
  createCodex({ baseURL: emu.baseURL, auth: { accessToken }, transport: 'websocket', ...settings })(
    'gpt-5.3-codex',
  );

async function streamParts(accessToken: string, transport: 'sse' | 'websocket') {
  const { stream } = await createCodex({
    baseURL: emu.baseURL,
    auth: { accessToken },
    transport,
    maxRetries: 0,
  })('gpt-5.3-codex').doStream(hi);
  return convertReadableStreamToArray(stream);
}
const textOf = (parts: LanguageModelV2StreamPart[]) =>
  parts.map(p => (p.type === 'text-delta' ? p.delta : '')).join('');
const errorOf = (parts: LanguageModelV2StreamPart[]) =>
  parts.flatMap(p => (p.type === 'error' && APICallError.isInstance(p.error) ? [p.error] : []))[0];

const fixedTokenModel = (accessToken: string) =>
  createCodex({ baseURL: emu.baseURL, auth: { accessToken, accountId: 'acct_1' }, maxRetries: 0 })(
    'gpt-5.3-codex',
  );

describe('an answer that echoes a credential', () => {
  it('backend error bodies quoting the access token are redacted (message, body, data)', async () => {
    const token = 'at-SECRET-echoed';
    emu.enqueue(
      {
        kind: 'http',
        status: 400,
        body: { error: { message: `Malformed token ${token}`, type: 'invalid_request_error' } },
      },
      // a proxy's HTML error page that prints the request headers
      { kind: 'http', status: 502, body: `<pre>authorization: Bearer ${token}</pre>` },
    );
    const json = (await failure(fixedTokenModel(token).doGenerate(hi))) as APICallError;
    expect(json.statusCode).toBe(400);
    expect(json.message).toBe(
      'Malformed token [redacted] (invalid_request_error) [request id: req_emulator]',
    );
    const html = (await failure(fixedTokenModel(token).doGenerate(hi))) as APICallError;
    expect(html.statusCode).toBe(502);
    expect(html.responseBody).toBe('<pre>authorization: [redacted]</pre>');

    // the same answer as a WebSocket error frame
    emu.enqueue({
      kind: 'http',
      status: 400,
      body: { error: { message: `Malformed token ${token}`, type: 'invalid_request_error' } },
    });
    const frame = (await failure(
      createCodex({
        baseURL: emu.baseURL,
        auth: { accessToken: token },
        transport: 'websocket',
        maxRetries: 0,
      })('gpt-5.3-codex').doGenerate(hi),
    )) as APICallError;
    expect(frame.message).toMatch(/^Malformed token \[redacted\] \(invalid_request_error\)/);

    emu.usage = { status: 403, body: { detail: `token ${token} may not read usage` } };
    const usage = createCodex({ baseURL: emu.baseURL, auth: { accessToken: token } });
    const usageError = (await failure(usage.getUsage())) as APICallError;
    expect(usageError.message).toContain('token [redacted] may not read usage');
  });

  it('a 200 page of a proxy that prints the request headers keeps no token (usage, catalog)', async () => {
    const proxy = await startRecordingServer((req, res) => {
      res.writeHead(200, { 'content-type': 'text/html' });
      res.end(`<pre>authorization: ${req.headers.authorization}</pre>`);
    });
    try {
      const codex = createCodex({
        baseURL: `${proxy.url}/backend-api/codex`,
        auth: { accessToken: 'at-SECRET-proxied' },
      });
      const usage = (await failure(codex.getUsage())) as APICallError;
      expect(usage.message).toBe('The ChatGPT usage answer was not JSON.');
      expect(usage.responseBody).toBe('<pre>authorization: [redacted]</pre>');
      const catalog = (await failure(codex.listModels())) as APICallError;
      expect(catalog.message).toBe('The Codex model catalog was not JSON.');
      expect(proxy.hits).toHaveLength(2);
    } finally {
      await proxy.close();
    }
  });

  // found by the fault soak (test/fault-soak.test.ts)
  it.each(['sse', 'websocket'] as const)(
    'an error event in the stream quoting the token is redacted (%s)',
    async transport => {
      const token = 'at-SECRET-in-event';
      emu.enqueue({
        kind: 'sse',
        events: [
          ...responseEvents({ output: [{ type: 'message', text: 'Partial' }], terminal: 'none' }),
          { type: 'error', code: 'invalid_prompt', message: `Refused Bearer ${token} here` },
        ],
      });
      const parts = await streamParts(token, transport);
      expect(textOf(parts)).toBe('Partial');
      const error = errorOf(parts);
      expect(secretLeaks(error)).toEqual([]);
      expect(error?.message).toMatch(/^invalid_prompt: Refused \[redacted\] here/);
      expect(error?.data).toMatchObject({ message: 'Refused [redacted] here' });
    },
  );

  it('a socket closed with a reason quoting the token: no token in the error, before or after content', async () => {
    const token = 'at-SECRET-close-reason';
    const events = responseEvents({ output: [{ type: 'message', text: 'Partial answer' }] });
    const hangUp = (after: number): EmulatorScript => ({
      kind: 'sse',
      events,
      closeAfterEvents: after,
      closeCode: 4000,
      closeReason: `bye Bearer ${token}`,
    });
    const firstDelta = events.findIndex(e => e.type === 'response.output_text.delta');
    emu.enqueue(hangUp(firstDelta + 1));
    const parts = await streamParts(token, 'websocket');
    expect(textOf(parts)).toBe('Partial ');
    const afterContent = errorOf(parts);
    expect(secretLeaks(afterContent)).toEqual([]);
    expect(afterContent?.message).toMatch(
      /^stream_interrupted: .*closed \(code 4000, bye \[redacted\]\)/,
    );

    emu.enqueue(hangUp(0));
    const beforeContent = (await failure(
      wsModel(token, { maxRetries: 0 }).doStream(hi),
    )) as APICallError;
    expect(beforeContent.message).toMatch(/closed \(code 4000, bye \[redacted\]\)/);
  });

  it('a token endpoint error quoting the refresh token is redacted', async () => {
    await writeFile(
      authFile,
      JSON.stringify({
        tokens: {
          access_token: makeJwt({ exp: nowSeconds() - 60, marker: 'expired' }),
          refresh_token: 'rt-SECRET-original',
        },
      }),
    );
    tokens.enqueue({
      status: 400,
      body: { error: 'refresh token rt-SECRET-original is not valid for this client' },
      // a proxy in front of it that copies the request's body into a header
      headers: { 'x-echo': 'grant_type=refresh_token&refresh_token=rt-SECRET-original' },
    });
    const model = createCodex({
      baseURL: emu.baseURL,
      authFile,
      tokenURL: tokens.tokenURL,
      maxRetries: 0,
    })('gpt-5.3-codex');
    const error = (await failure(model.doGenerate(hi))) as APICallError;
    expect(error.message).toBe(
      'Refreshing the ChatGPT sign-in failed (refresh token [redacted] is not valid for this client). Try again shortly.',
    );
    expect(error.responseHeaders?.['x-echo']).toBe(
      'grant_type=refresh_token&refresh_token=[redacted]',
    );
    expect(secretLeaks(error)).toEqual([]);
    expect(emu.requests).toHaveLength(0);
  });

  it('a code exchange error quoting the code is redacted, even where it is cut short', async () => {
    // a sign-in server whose error page quotes the code around character 200
    const echoing: FetchFunction = async (input, init) => {
      if (!String(input).endsWith('/oauth/token')) return globalThis.fetch(input, init);
      const code = new URLSearchParams(String(init?.body)).get('code')!;
      return new Response(`${'.'.repeat(184)} code ${code}`, { status: 400 });
    };
    const error = await failure(
      loginWithDeviceCode({
        codexHome: dir,
        issuer: issuer.issuer,
        onUserCode: () => {},
        fetch: echoing,
      }),
    );
    expect(error.message).toMatch(/^The sign-in server refused the authorization code \(HTTP 400/);
    expect(await readdir(dir)).toEqual([]);
  });
});

describe('a symlinked auth.json (dotfiles)', () => {
  let target: string;
  beforeEach(async () => {
    await mkdir(join(dir, 'dotfiles'));
    target = join(dir, 'dotfiles', 'codex-auth.json');
    await writeFile(
      target,
      JSON.stringify({
        OPENAI_API_KEY: null,
        tokens: { access_token: 'old-SECRET-at', refresh_token: 'old-SECRET-rt' },
        future_field: { kept: true },
      }),
      { mode: 0o600 },
    );
    await symlink(target, authFile);
  });

  it('login writes the new sign-in to the link target and keeps the link', async () => {
    await loginWithDeviceCode({ codexHome: dir, issuer: issuer.issuer, onUserCode: () => {} });
    expect((await lstat(authFile)).isSymbolicLink()).toBe(true);
    expect(await readlink(authFile)).toBe(target);
    const saved = JSON.parse(await readFile(target, 'utf8'));
    expect(saved).toMatchObject({
      auth_mode: 'chatgpt',
      tokens: { refresh_token: issuer.issued[0]!.refresh_token },
      future_field: { kept: true },
    });
    expect((await stat(target)).mode & 0o777).toBe(0o600);
    // the lock and the temp file lived next to the target, and are gone
    expect((await readdir(dir)).sort()).toEqual(['auth.json', 'dotfiles']);
    expect(await readdir(join(dir, 'dotfiles'))).toEqual(['codex-auth.json']);
  });

  it('logout removes the credentials from the target, keeping the link and the other fields', async () => {
    expect(await logout({ codexHome: dir, issuer: issuer.issuer })).toEqual({
      authFile,
      removed: true,
      revoked: true,
      linkTarget: target,
    });
    expect(issuer.revoked).toEqual(['old-SECRET-rt']);
    expect(await readlink(authFile)).toBe(target);
    expect(JSON.parse(await readFile(target, 'utf8'))).toEqual({
      OPENAI_API_KEY: null,
      future_field: { kept: true },
    });
    expect((await stat(target)).mode & 0o777).toBe(0o600);
    expect((await readCodexSignIn({ codexHome: dir })).kind).toBe('none');
    const error = await failure(createCodex({ authFile })('gpt-5').doGenerate(hi));
    expect(LoadAPIKeyError.isInstance(error)).toBe(true);

    // and the next sign-in goes through the link again
    await loginWithDeviceCode({ codexHome: dir, issuer: issuer.issuer, onUserCode: () => {} });
    expect((await lstat(authFile)).isSymbolicLink()).toBe(true);
    expect((await readCodexSignIn({ codexHome: dir })).kind).toBe('chatgpt');
  });

  it('a symlinked codex home is no symlinked file: logout removes the auth.json in it', async () => {
    const home = join(dir, 'home-link');
    await symlink(join(dir, 'dotfiles'), home);
    await writeFile(
      join(dir, 'dotfiles', 'auth.json'),
      JSON.stringify({ tokens: { access_token: 'at-SECRET' } }),
    );
    expect(await logout({ codexHome: home, revoke: false })).toEqual({
      authFile: join(home, 'auth.json'),
      removed: true,
    });
    expect(await readdir(join(dir, 'dotfiles'))).toEqual(['codex-auth.json']);
    expect((await lstat(home)).isSymbolicLink()).toBe(true);
  });

  it('the logout command says the link was kept', async () => {
    let stdout = '';
    const code = await runCli(['logout', '--codex-home', dir, '--issuer', issuer.issuer], {
      stdout: text => void (stdout += text),
      stderr: text => void (stdout += text),
      env: {},
    });
    expect(code).toBe(0);
    expect(stdout).toBe(
      `Signed out: removed the credentials from ${target} (${authFile} links to it; the link and the file's other fields are kept) and revoked its refresh token.\n`,
    );
  });
});

describe('cancelling while the sign-in waits to be saved', () => {
  it('writes nothing after "Cancelled; nothing was written."', async () => {
    // another process (a refresh) holds the auth file lock
    await writeFile(`${authFile}.lock`, `99999 ${new Date().toISOString()}\n`);
    const controller = new AbortController();
    let output = '';
    const run = runCli(['login', '--device', '--codex-home', dir, '--issuer', issuer.issuer], {
      stdout: text => void (output += text),
      stderr: text => void (output += text),
      env: {},
      signal: controller.signal,
    });
    await waitFor(() => (issuer.exchanges.length === 1 ? true : undefined));
    await sleep(50);
    controller.abort();
    expect(await settledWithin(run, 2000)).toEqual({ resolved: 130 });
    expect(output).toContain('Cancelled; nothing was written.\n');
    await rm(`${authFile}.lock`);
    await sleep(500);
    expect(await readdir(dir)).toEqual([]);
  });
});

describe('an auth.json that is a directory', () => {
  beforeEach(async () => {
    await mkdir(authFile);
  });

  it('a model call says so and names the path', async () => {
    const error = await failure(
      createCodex({ baseURL: emu.baseURL, authFile })('gpt-5').doGenerate(hi),
    );
    expect(LoadAPIKeyError.isInstance(error)).toBe(true);
    expect(error.message).toBe(
      `The Codex auth file ${authFile} is a directory, not a file. Remove or rename it, then sign in again (\`npx ai-sdk-provider-codex login\` or \`codex login\`).`,
    );
  });

  it('login fails with one clear error and leaves the directory as it was', async () => {
    const error = await failure(
      loginWithDeviceCode({ codexHome: dir, issuer: issuer.issuer, onUserCode: () => {} }),
    );
    expect(LoadAPIKeyError.isInstance(error)).toBe(true);
    expect(error.message).toBe(
      `Cannot save the sign-in to ${authFile}: it is a directory, not a file. Remove or rename it, then sign in again.`,
    );
    expect(await readdir(dir)).toEqual(['auth.json']);
    expect(await readdir(authFile)).toEqual([]);
  });

  it('logout says so and removes nothing', async () => {
    const error = await failure(logout({ codexHome: dir, revoke: false }));
    expect(error.message).toBe(
      `Cannot read the Codex auth file ${authFile} (EISDIR: it is a directory); nothing was removed.`,
    );
    expect(await readdir(dir)).toEqual(['auth.json']);
  });
});

describe('headers', () => {
  it('the credentials win over Authorization and ChatGPT-Account-ID headers in any spelling', async () => {
    const model = createCodex({
      baseURL: emu.baseURL,
      auth: { accessToken: 'at-SECRET-ours', accountId: 'acct_ours' },
      headers: { Authorization: 'Bearer theirs', 'CHATGPT-ACCOUNT-ID': 'acct_theirs' },
    })('gpt-5.3-codex');
    await model.doGenerate({
      ...hi,
      headers: { AUTHORIZATION: 'Bearer call', 'ChatGPT-Account-Id': 'acct_call' },
    });
    expect(emu.requests[0]!.headers).toMatchObject({
      authorization: 'Bearer at-SECRET-ours',
      'chatgpt-account-id': 'acct_ours',
    });
  });
});

describe('abort', () => {
  it('getUsage ends at once while a refresh hangs', async () => {
    await writeFile(
      authFile,
      JSON.stringify({
        tokens: {
          access_token: makeJwt({ exp: nowSeconds() - 60, marker: 'expired' }),
          refresh_token: 'rt-SECRET-original',
        },
      }),
    );
    tokens.validRefreshTokens.add('rt-SECRET-original');
    tokens.delayMs = 3000;
    const controller = new AbortController();
    const usage = createCodex({
      baseURL: emu.baseURL,
      authFile,
      tokenURL: tokens.tokenURL,
    }).getUsage({ abortSignal: controller.signal });
    await waitFor(() => (tokens.requests.length === 1 ? true : undefined));
    controller.abort();
    const outcome = await settledWithin(usage, 500);
    expect(outcome).toMatchObject({ name: 'AbortError' });
  });
});

describe('device code polling', () => {
  it('stops at once when the abort arrives with a pending answer, not after the next interval', async () => {
    issuer.deviceInterval = '5';
    issuer.deviceNeverApproved = true;
    const controller = new AbortController();
    // the user presses Ctrl-C just as a "still pending" answer comes in
    const abortingOnPoll: FetchFunction = async (input, init) => {
      const response = await globalThis.fetch(input, init);
      if (String(input).endsWith('/deviceauth/token')) controller.abort();
      return response;
    };
    const login = loginWithDeviceCode({
      codexHome: dir,
      issuer: issuer.issuer,
      onUserCode: () => {},
      abortSignal: controller.signal,
      fetch: abortingOnPoll,
    });
    expect(await settledWithin(login, 1000)).toMatchObject({ name: 'AbortError' });
    expect(issuer.devicePolls).toHaveLength(1);
    expect(await readdir(dir)).toEqual([]);
  });
});

describe('a torn or token-less auth.json', () => {
  /** Runs the command with `dir` as the Codex home; output checked for tokens by the caller. */
  async function cli(args: string[]) {
    let stdout = '';
    let stderr = '';
    const exitCode = await runCli([...args, '--codex-home', dir, '--issuer', issuer.issuer], {
      stdout: text => void (stdout += text),
      stderr: text => void (stderr += text),
      env: {},
    });
    expect(`${stdout}${stderr}`).not.toContain('SECRET');
    return { exitCode, stdout, stderr };
  }

  it.each([
    ['cut off mid-write', '{"tokens": {"access_token": "at-SECRET-torn", "refresh_tok'],
    ['tokens: null', '{"OPENAI_API_KEY": null, "tokens": null}'],
    ['an empty file', ''],
  ])(
    '%s: status says why without quoting it, login replaces it, logout removes it',
    async (_, text) => {
      await writeFile(authFile, text, { mode: 0o600 });
      const status = await cli(['status', '--json']);
      expect(status.exitCode).toBe(1);
      expect(JSON.parse(status.stdout)).toMatchObject({
        signedIn: false,
        problem: expect.any(String),
      });

      expect((await cli(['login', '--device'])).exitCode).toBe(0);
      expect((await readCodexSignIn({ authFile })).kind).toBe('chatgpt');

      await writeFile(authFile, text, { mode: 0o600 });
      expect(await cli(['logout'])).toMatchObject({ exitCode: 0, stderr: '' });
      expect(await readdir(dir)).toEqual([]);
    },
  );
});

describe('login while a refresh is in flight', () => {
  it('waits for the refresh, then replaces its tokens and revokes the rotated refresh token', async () => {
    await writeFile(
      authFile,
      JSON.stringify({
        tokens: {
          access_token: makeJwt({ exp: nowSeconds() - 60, marker: 'expired' }),
          refresh_token: 'rt-SECRET-original',
        },
        future_field: 1,
      }),
    );
    tokens.validRefreshTokens.add('rt-SECRET-original');
    tokens.delayMs = 300;
    // the refresh and the new sign-in are the same issuer's, as auth.openai.com is for both
    tokens.iss = issuer.issuer;
    const call = createCodex({ baseURL: emu.baseURL, authFile, tokenURL: tokens.tokenURL })(
      'gpt-5.3-codex',
    ).doGenerate(hi);
    await waitFor(() => (tokens.requests.length === 1 ? true : undefined));
    const login = loginWithDeviceCode({
      codexHome: dir,
      issuer: issuer.issuer,
      onUserCode: () => {},
    });
    await Promise.all([call, login]);
    expect(emu.requests[0]!.headers.authorization).toBe(`Bearer ${tokens.issued[0]}`);
    const saved = JSON.parse(await readFile(authFile, 'utf8'));
    expect(saved.tokens.refresh_token).toBe(issuer.issued[0]!.refresh_token);
    expect(saved.future_field).toBe(1);
    // the refresh token the refresh wrote, not the spent one it replaced
    expect(issuer.revoked).toEqual(['rt-SECRET-rotated-1']);
    expect(await readdir(dir)).toEqual(['auth.json']);
  });
});
