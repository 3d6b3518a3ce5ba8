import { APICallError } from '@ai-sdk/provider';
import { getEventListeners } from 'node:events';
import { mkdtemp, readdir, readFile, rm, stat, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { createCodex } from '../src';
import {
  loginWithDeviceCode,
  logout,
  readCodexSignIn,
  type CodexDeviceCode,
  type LoginWithDeviceCodeOptions,
} from '../src/login';
import { makeJwt, nowSeconds } from './support/jwt';
import { startMockIssuer, type MockIssuer } from './support/mock-issuer';
import { startRecordingServer, type RecordingServer } from './support/recording-server';

let issuer: MockIssuer;
let dir: string;
let authFile: string;

beforeEach(async () => {
  issuer = await startMockIssuer();
  dir = await mkdtemp(join(tmpdir(), 'codex-device-'));
  authFile = join(dir, 'auth.json');
});
afterEach(async () => {
  await issuer.close();
  await rm(dir, { recursive: true, force: true });
});

/** A device sign-in into the test's folder against `url`, showing the code to no one. */
function signIn(url: string, options: Partial<LoginWithDeviceCodeOptions> = {}) {
  return loginWithDeviceCode({ codexHome: dir, issuer: url, onUserCode: () => {}, ...options });
}

/** What a device sign-in against `url` fails with. */
function signInError(url: string, options: Partial<LoginWithDeviceCodeOptions> = {}) {
  return signIn(url, options).catch(e => e);
}

describe('loginWithDeviceCode', () => {
  it('shows the code, polls at the server interval while pending, then saves the sign-in', async () => {
    issuer.devicePendingPolls = 1;
    issuer.deviceInterval = '1.2';
    const shown: CodexDeviceCode[] = [];
    const result = await signIn(issuer.issuer, {
      onUserCode: code => void shown.push(code),
    });
    expect(shown).toEqual([
      {
        verificationUrl: `${issuer.issuer}/codex/device`,
        userCode: expect.stringMatching(/^ABCD-\d+$/),
        expiresAt: expect.any(Date),
      },
    ]);
    const minutes = (shown[0]!.expiresAt.getTime() - Date.now()) / 60_000;
    expect(minutes).toBeGreaterThan(14);
    expect(minutes).toBeLessThanOrEqual(15);

    expect(issuer.devicePolls).toHaveLength(2);
    expect(issuer.devicePolls[1]! - issuer.devicePolls[0]!).toBeGreaterThanOrEqual(1_150);

    expect(issuer.exchanges).toEqual([
      { redirectUri: `${issuer.issuer}/deviceauth/callback`, pkceOk: true },
    ]);
    expect(result).toEqual({
      authFile,
      email: 'ada@example.com',
      planType: 'plus',
      accountId: 'acct_login',
    });
    const saved = JSON.parse(await readFile(authFile, 'utf8'));
    expect(saved.tokens).toEqual({ ...issuer.issued[0], account_id: 'acct_login' });
    expect(saved.auth_mode).toBe('chatgpt');
    expect((await stat(authFile)).mode & 0o777).toBe(0o600);
  });

  it('keeps the fields of the auth file it replaces that are not a sign-in', async () => {
    await writeFile(
      authFile,
      JSON.stringify({ OPENAI_API_KEY: 'sk-old', preferences: { theme: 'dark' }, tokens: null }),
    );
    await signIn(issuer.issuer);
    const saved = JSON.parse(await readFile(authFile, 'utf8'));
    expect(saved).toMatchObject({
      preferences: { theme: 'dark' },
      OPENAI_API_KEY: null,
      auth_mode: 'chatgpt',
      tokens: { refresh_token: issuer.issued[0]!.refresh_token },
    });
  });

  it('gives up when the code is not approved in time, writing nothing', async () => {
    issuer.deviceNeverApproved = true;
    const error = await signInError(issuer.issuer, { timeoutMs: 1_500 });
    expect(error).toMatchObject({ reason: 'expired', name: 'AI_LoadAPIKeyError' });
    expect(error.message).toMatch(/not approved within .* has expired; nothing was written/);
    expect(issuer.devicePolls).toHaveLength(3); // at 0 s, 1 s and the 1.5 s deadline
    expect(await readdir(dir)).toEqual([]);
  });

  it('stops polling on abort and leaves no file', async () => {
    issuer.deviceNeverApproved = true;
    const controller = new AbortController();
    const login = signIn(issuer.issuer, {
      abortSignal: controller.signal,
      onUserCode: () => void setTimeout(() => controller.abort(), 100),
    });
    await expect(login).rejects.toMatchObject({ name: 'AbortError' });
    // a poll already on the wire when the abort came may still land; none may start after
    await new Promise(r => setTimeout(r, 100));
    const polls = issuer.devicePolls.length;
    await new Promise(r => setTimeout(r, 400));
    expect(issuer.devicePolls.length).toBe(polls);
    expect(await readdir(dir)).toEqual([]);
  });

  it('says when the issuer has no device-code sign-in', async () => {
    issuer.deviceEnabled = false;
    const error = await signInError(issuer.issuer);
    expect(error).toMatchObject({ reason: 'device_code_unavailable' });
    // what to do instead: the browser sign-in, or another issuer
    expect(error.message).toContain(`${issuer.issuer} does not offer device-code sign-in (404)`);
    expect(error.message).toContain('`npx ai-sdk-provider-codex login` without --device');
    expect(error.message).toContain('check --issuer');
  });

  it('cancelling during the wait between polls ends the sign-in at once', async () => {
    issuer.deviceNeverApproved = true;
    issuer.deviceInterval = '5';
    const controller = new AbortController();
    let cancelledAt = 0;
    const login = signIn(issuer.issuer, {
      abortSignal: controller.signal,
      onUserCode: () =>
        void setTimeout(() => {
          cancelledAt = Date.now();
          controller.abort();
        }, 200),
    });
    await expect(login).rejects.toMatchObject({ name: 'AbortError' });
    // not at the end of the 5-second wait
    expect(Date.now() - cancelledAt).toBeLessThan(2_000);
    expect(issuer.devicePolls).toHaveLength(1);
    expect(await readdir(dir)).toEqual([]);
  }, 10_000);

  it('leaves no listener on the signal it was given after polling', async () => {
    issuer.devicePendingPolls = 1;
    const controller = new AbortController();
    await signIn(issuer.issuer, {
      abortSignal: controller.signal,
      // undici keeps a listener on a request's signal until the request is collected; this
      // app's fetch takes none, so any listener left on the signal is the sign-in's own
      fetch: (input, { signal: _, ...init } = {}) => fetch(input, init),
    });
    expect(issuer.devicePolls).toHaveLength(2);
    expect(getEventListeners(controller.signal, 'abort')).toEqual([]);
  });

  it('reports an unreachable issuer as a retryable APICallError', async () => {
    await issuer.close();
    const error = await signInError(issuer.issuer);
    expect(APICallError.isInstance(error)).toBe(true);
    expect(error).toMatchObject({ isRetryable: true });
    expect(error.message).toMatch(/Could not reach the sign-in server/);
  });

  it('does not follow a redirect of the token endpoint with the code and verifier', async () => {
    const elsewhere = await startMockIssuer();
    try {
      issuer.tokenRedirect = `${elsewhere.issuer}/oauth/token`;
      const error = await signInError(issuer.issuer);
      expect(APICallError.isInstance(error)).toBe(true);
      expect(error).toMatchObject({ statusCode: 307 });
      expect(elsewhere.requests).toEqual([]);
      expect(await readdir(dir)).toEqual([]);
    } finally {
      await elsewhere.close();
    }
  });
});

/**
 * An issuer whose device endpoints answer what `usercode` and `token` return: the odd
 * answers the mock issuer does not give. Unanswered routes are a 404.
 */
async function oddIssuer(answers: {
  usercode?: { status: number; body: unknown };
  token?: () => { status: number; body: unknown };
}): Promise<RecordingServer> {
  const server = await startRecordingServer((req, res) => {
    const answer = req.url?.endsWith('/usercode')
      ? answers.usercode
      : req.url?.endsWith('/token')
        ? answers.token?.()
        : undefined;
    const { status, body } = answer ?? { status: 404, body: { detail: 'Not Found' } };
    res.writeHead(status, { 'content-type': 'application/json' });
    res.end(typeof body === 'string' ? body : JSON.stringify(body));
  });
  odd.push(server);
  return server;
}
const odd: RecordingServer[] = [];
afterEach(async () => {
  await Promise.all(odd.splice(0).map(server => server.close()));
});

const issued = { device_auth_id: 'deviceauth_1', user_code: 'WXYZ-1234', interval: '0.02' };

/** An issuer that hands out a code with this `interval` and never approves it. */
const pendingIssuer = (interval: unknown) =>
  oddIssuer({
    usercode: { status: 200, body: { ...issued, interval } },
    token: () => ({ status: 403, body: { error: 'authorization_pending' } }),
  });

const tokenPolls = (server: RecordingServer) =>
  server.hits.filter(hit => hit.url.endsWith('/token'));

describe('loginWithDeviceCode against odd answers', () => {
  it('a failed code request says whether to retry, and quotes the answer', async () => {
    for (const [status, retryable, advice] of [
      [500, true, 'Try again shortly.'],
      [429, true, 'Try again shortly.'],
      [400, false, 'Start the sign-in again.'],
    ] as const) {
      const server = await oddIssuer({ usercode: { status, body: { error: 'nope' } } });
      const error = await signInError(server.url);
      expect(APICallError.isInstance(error)).toBe(true);
      expect(error).toMatchObject({
        message: `Requesting a device code failed (HTTP ${status}). ${advice}`,
        statusCode: status,
        isRetryable: retryable,
        url: `${server.url}/api/accounts/deviceauth/usercode`,
        responseBody: '{"error":"nope"}',
      });
    }
    expect(await readdir(dir)).toEqual([]);
  });

  it('sends JSON, and quotes at most 2000 characters of a failed answer', async () => {
    const long = `${'x'.repeat(1999)}yz`;
    const server = await oddIssuer({ usercode: { status: 400, body: long } });
    const error = await signInError(server.url);
    expect(APICallError.isInstance(error)).toBe(true);
    expect(error.responseBody).toBe(`${'x'.repeat(1999)}y`);
    expect(server.hits[0]!.headers['content-type']).toBe('application/json');
    expect(JSON.parse(server.hits[0]!.body)).toEqual({ client_id: 'app_EMoamEEZ73f0CkXaXp7hrann' });
  });

  it('a code answer without an id or a code is invalid_response; `usercode` is read too', async () => {
    for (const body of [
      { user_code: 'WXYZ-1234' },
      { device_auth_id: 'deviceauth_1', user_code: '' },
      { device_auth_id: 42, user_code: 'WXYZ-1234' },
      { device_auth_id: 'deviceauth_1', user_code: { code: 'WXYZ-1234' } },
      'not json',
    ]) {
      const server = await oddIssuer({
        usercode: { status: 200, body },
        // a code wrongly taken for usable fails fast instead of waiting out the polls
        token: () => ({ status: 500, body: {} }),
      });
      const error = await signInError(server.url);
      expect(error).toMatchObject({ reason: 'invalid_response' });
      expect(error.message).toBe(
        'The sign-in server answered the device-code request without a code. Try again.',
      );
    }
    const shown: string[] = [];
    const server = await oddIssuer({
      usercode: {
        status: 200,
        body: { device_auth_id: 'deviceauth_1', user_code: '', usercode: 'ALT-1' },
      },
      token: () => ({ status: 500, body: {} }),
    });
    await signIn(server.url, {
      onUserCode: code => void shown.push(code.userCode),
    }).catch(() => {});
    expect(shown).toEqual(['ALT-1']);
    expect(JSON.parse(server.hits.at(-1)!.body)).toEqual({
      device_auth_id: 'deviceauth_1',
      user_code: 'ALT-1',
    });
  });

  it('an approval without the code or the verifier is invalid_response, and writes nothing', async () => {
    for (const body of [
      { code_verifier: 'v' },
      { authorization_code: 'c', code_verifier: '' },
      'not json',
      '',
    ]) {
      const server = await oddIssuer({
        usercode: { status: 200, body: issued },
        token: () => ({ status: 200, body }),
      });
      const error = await signInError(server.url);
      expect(error).toMatchObject({ reason: 'invalid_response' });
      expect(error.message).toContain('approved the device code but sent no authorization code');
    }
    expect(await readdir(dir)).toEqual([]);
  });

  it('keeps polling on 403 and 404, stops with an error on anything else', async () => {
    const answers = [403, 404, 502];
    const server = await oddIssuer({
      usercode: { status: 200, body: issued },
      token: () => ({ status: answers.shift()!, body: { error: 'pending or not' } }),
    });
    const error = await signInError(server.url);
    expect(APICallError.isInstance(error)).toBe(true);
    expect(error).toMatchObject({
      message: 'Checking the device code failed (HTTP 502). Try again shortly.',
      statusCode: 502,
      isRetryable: true,
    });
    expect(tokenPolls(server)).toHaveLength(3);
  });

  it('an interval that is no positive number of seconds falls back to 5 s', async () => {
    for (const interval of ['soon', '0', -1, [0.02], true]) {
      const server = await pendingIssuer(interval);
      const started = Date.now();
      const error = await signInError(server.url, { timeoutMs: 300 });
      expect(error).toMatchObject({ reason: 'expired' });
      expect(Date.now() - started).toBeLessThan(3_000);
      // one poll at once, one when the time is up: no 5-second wait past the deadline
      expect(tokenPolls(server)).toHaveLength(2);
    }
  });

  it('polls every 5 s when the interval is unusable, and no later than the deadline', async () => {
    const server = await pendingIssuer('Infinity');
    await signIn(server.url, { timeoutMs: 5_500 }).catch(() => {});
    const polls = tokenPolls(server);
    expect(polls).toHaveLength(3); // at 0 s, 5 s and the 5.5 s deadline
  });

  it('a torn answer is reported with its status, not as a crash', async () => {
    const server = await startRecordingServer((_, res) => {
      res.writeHead(500, { 'content-type': 'application/json', 'content-length': '100' });
      res.write('{"err');
      setTimeout(() => res.destroy(), 20);
    });
    odd.push(server);
    const error = await signInError(server.url);
    expect(APICallError.isInstance(error)).toBe(true);
    expect(error).toMatchObject({ statusCode: 500, isRetryable: true, responseBody: '' });
  });

  it('a numeric interval is used as it is', async () => {
    const server = await pendingIssuer(1.5);
    await signIn(server.url, { timeoutMs: 2_900 }).catch(() => {});
    // at 0 s, 1.5 s and the 2.9 s deadline (1 s would poll 4 times, the 5 s fallback twice)
    expect(tokenPolls(server)).toHaveLength(3);
  });

  it('polls at most once a second, whatever the interval says', async () => {
    for (const interval of ['0.001', 0.02, '1e-9']) {
      const server = await pendingIssuer(interval);
      await signIn(server.url, { timeoutMs: 2_500 }).catch(() => {});
      const polls = tokenPolls(server).map(hit => hit.at);
      // at 0 s, 1 s, 2 s and the 2.5 s deadline
      expect(polls).toHaveLength(4);
      for (let i = 1; i < 3; i++) expect(polls[i]! - polls[i - 1]!).toBeGreaterThanOrEqual(950);
    }
  });

  it('slows down by 5 s on slow_down or 429 instead of ending the sign-in', async () => {
    for (const slowDown of [
      { status: 400, body: { error: 'slow_down' } },
      { status: 403, body: { error: { code: 'slow_down', message: 'Too many requests' } } },
      { status: 429, body: { error: 'rate_limited' } },
      { status: 429, body: 'Too Many Requests' },
    ]) {
      const answers = [slowDown];
      const server = await oddIssuer({
        usercode: { status: 200, body: { ...issued, interval: '1' } },
        token: () => answers.shift() ?? { status: 403, body: { error: 'authorization_pending' } },
      });
      const before = Date.now();
      const error = await signInError(server.url, { timeoutMs: 3_000 });
      // not ended by the 429 or slow_down: it waited 1 + 5 s, cut short by the deadline (3 s
      // after the code was shown; counted from before the sign-in, as the first poll's own
      // arrival can lag on a loaded machine)
      expect(error).toMatchObject({ reason: 'expired' });
      const polls = tokenPolls(server).map(hit => hit.at);
      expect(polls).toHaveLength(2);
      expect(polls[1]! - before).toBeGreaterThanOrEqual(2_990);
    }
  }, 20_000);

  it('signs in after being told to slow down', async () => {
    issuer.deviceSlowDowns = 1;
    issuer.deviceInterval = '1';
    // the next poll would come 6 s later; the deadline brings it forward to 1.5 s
    const before = Date.now();
    const result = await signIn(issuer.issuer, { timeoutMs: 1_500 });
    expect(result.email).toBe('ada@example.com');
    expect(issuer.devicePolls).toHaveLength(2);
    // at the deadline, counted from before the sign-in (the first poll's arrival can lag)
    expect(issuer.devicePolls[1]! - before).toBeGreaterThanOrEqual(1_490);
    expect(issuer.devicePolls[1]! - before).toBeLessThan(6_000);
  });

  it('says the code expired in under a minute when the timeout was that short, and when it expires', async () => {
    issuer.deviceNeverApproved = true;
    const shown: CodexDeviceCode[] = [];
    const before = Date.now();
    const error = await signInError(issuer.issuer, {
      timeoutMs: 200,
      onUserCode: code => void shown.push(code),
    });
    expect(error.message).toBe(
      'The device code was not approved within <1 minutes and has expired; nothing was written. Run the sign-in again for a new code.',
    );
    const expiresIn = shown[0]!.expiresAt.getTime() - before;
    expect(expiresIn).toBeGreaterThanOrEqual(200);
    expect(expiresIn).toBeLessThan(2_000);
  });
});

describe('signing in again', () => {
  let other: MockIssuer;
  beforeEach(async () => {
    other = await startMockIssuer();
  });
  afterEach(async () => {
    await other.close();
  });

  const sentTo = (server: MockIssuer) => JSON.stringify(server.requests);

  it('revokes the replaced refresh token at the issuer that issued it, never at the new one', async () => {
    await signIn(issuer.issuer);
    const first = issuer.issued[0]!.refresh_token;
    await signIn(other.issuer);
    expect(issuer.revoked).toEqual([first]);
    expect(other.revoked).toEqual([]);
    expect(sentTo(other)).not.toContain(first);

    // and back: the second sign-in's token goes back to where it came from
    const second = other.issued[0]!.refresh_token;
    await signIn(issuer.issuer);
    expect(other.revoked).toEqual([second]);
    expect(issuer.revoked).toEqual([first]);
    expect(sentTo(issuer)).not.toContain(second);
  });

  it('revokes nothing when the replaced sign-in names no usable issuer', async () => {
    const hostile = { http: 'http://auth.example.test', none: undefined, bogus: 'not a url' };
    for (const iss of Object.values(hostile)) {
      await writeFile(
        authFile,
        JSON.stringify({
          tokens: {
            id_token: makeJwt({ exp: nowSeconds() + 60, marker: 'id-old', claims: { iss } }),
            access_token: makeJwt({ exp: nowSeconds() + 60, marker: 'at-old', claims: { iss } }),
            refresh_token: 'rt-SECRET-old',
          },
        }),
      );
      await signIn(other.issuer);
    }
    expect(sentTo(other)).not.toContain('rt-SECRET-old');
    expect(sentTo(issuer)).not.toContain('rt-SECRET-old');
    expect(other.revoked).toEqual([]);
    expect(issuer.revoked).toEqual([]);
  });

  it('falls back to the access token when the id token names no issuer', async () => {
    await writeFile(
      authFile,
      JSON.stringify({
        tokens: {
          id_token: 'not-a-jwt',
          access_token: makeJwt({
            exp: nowSeconds() + 60,
            marker: 'at-old',
            claims: { iss: `${issuer.issuer}/` },
          }),
          refresh_token: 'rt-SECRET-old',
        },
      }),
    );
    await signIn(other.issuer);
    expect(issuer.revoked).toEqual(['rt-SECRET-old']);
    expect(other.revoked).toEqual([]);
  });
});

describe('logout', () => {
  it('removes the auth file, revokes its refresh token and says where from', async () => {
    await signIn(issuer.issuer);
    expect((await readCodexSignIn({ codexHome: dir })).kind).toBe('chatgpt');
    const refresh = issuer.issued[0]!.refresh_token;

    expect(await logout({ codexHome: dir, issuer: issuer.issuer })).toEqual({
      authFile,
      removed: true,
      revoked: true,
    });
    expect(issuer.revoked).toEqual([refresh]);
    expect(await readdir(dir)).toEqual([]); // no lock file left behind either
    expect(await readCodexSignIn({ codexHome: dir })).toEqual({
      authFile,
      kind: 'none',
      problem: 'no auth file',
    });
    await expect(
      createCodex({ authFile })('gpt-5').doGenerate({ prompt: [] }),
    ).rejects.toMatchObject({ name: 'AI_LoadAPIKeyError' });

    expect(await logout({ codexHome: dir, issuer: issuer.issuer })).toEqual({
      authFile,
      removed: false,
    });
  });

  it('keeps the sign-in when revoking fails, unless forced; `revoke: false` asks no one', async () => {
    await writeFile(
      authFile,
      JSON.stringify({ tokens: { access_token: 'at-SECRET', refresh_token: 'rt-SECRET' } }),
    );
    await issuer.close();
    await expect(logout({ authFile, issuer: issuer.issuer })).rejects.toThrow(
      /could not be reached \(ECONNREFUSED\)\. Nothing was removed: /,
    );
    expect(await readdir(dir)).toEqual(['auth.json']);
    expect(await logout({ authFile, issuer: issuer.issuer, force: true })).toEqual({
      authFile,
      removed: true,
      revoked: false,
      revokeFailure: `Revoking the refresh token at ${issuer.issuer} failed: the issuer could not be reached (ECONNREFUSED).`,
    });
    await writeFile(
      authFile,
      JSON.stringify({ tokens: { access_token: 'at-SECRET', refresh_token: 'rt-SECRET' } }),
    );
    expect(await logout({ authFile, revoke: false })).toEqual({ authFile, removed: true });
    expect(await readdir(dir)).toEqual([]);
  });
});
