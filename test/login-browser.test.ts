import { APICallError, InvalidArgumentError } from '@ai-sdk/provider';
import { generateText } from 'ai';
import { getEventListeners } from 'node:events';
import { mkdtemp, readFile, rm, stat, writeFile } from 'node:fs/promises';
import { createServer, get } from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { createCodex } from '../src';
import { CodexLoginError, loginWithBrowser, loginWithDeviceCode, logout } from '../src/login';
import { makeJwt, nowSeconds } from './support/jwt';
import { startMockIssuer, type MockIssuer } from './support/mock-issuer';
import { useCodexEmulator } from './support/use-codex-emulator';

const emu = useCodexEmulator();
let issuer: MockIssuer;
let dir: string;
let authFile: string;

beforeEach(async () => {
  issuer = await startMockIssuer();
  dir = await mkdtemp(join(tmpdir(), 'codex-login-'));
  authFile = join(dir, 'auth.json');
});
afterEach(async () => {
  await issuer.close();
  await rm(dir, { recursive: true, force: true });
});

/** Starts a sign-in on a free port and hands back its authorize URL, as a browser gets it. */
function startLogin(extra: Parameters<typeof loginWithBrowser>[0] = {}) {
  let gotUrl!: (url: string) => void;
  const authorizeUrl = new Promise<string>(resolve => (gotUrl = resolve));
  const warnings: string[] = [];
  const login = loginWithBrowser({
    codexHome: dir,
    issuer: issuer.issuer,
    port: 0,
    openBrowser: false,
    onAuthorizeUrl: gotUrl,
    onWarning: message => warnings.push(message),
    ...extra,
  });
  login.catch(() => {}); // asserted by each test
  return { login, authorizeUrl, warnings };
}

/** The test plays the browser: the issuer's redirect, then the callback on localhost. */
async function followAuthorize(url: string): Promise<string> {
  const answer = await fetch(url, { redirect: 'manual' });
  expect(answer.status).toBe(302);
  return answer.headers.get('location')!;
}
async function waitUntil(probe: () => boolean) {
  while (!probe()) await new Promise(resolve => setTimeout(resolve, 10));
}
async function openCallback(callbackUrl: string) {
  // a browser tries 127.0.0.1 for localhost; so do we, whatever this machine's resolver says
  const response = await fetch(callbackUrl.replace('//localhost:', '//127.0.0.1:'));
  const html = await response.text();
  return { status: response.status, html, title: /<title>(.*)<\/title>/.exec(html)?.[1] };
}

describe('loginWithBrowser', () => {
  it('signs in end to end and writes auth.json as `codex login` does, then a model call uses it', async () => {
    await writeFile(
      authFile,
      JSON.stringify({
        OPENAI_API_KEY: null,
        tokens: {
          id_token: makeJwt({ exp: nowSeconds(), marker: 'old', claims: { iss: issuer.issuer } }),
          access_token: 'old-SECRET-at',
          refresh_token: 'old-SECRET-rt',
        },
        last_refresh: '2020-01-01T00:00:00Z',
        future_field: { kept: true },
      }),
      { mode: 0o644 },
    );
    const { login, authorizeUrl } = startLogin();
    const url = new URL(await authorizeUrl);
    expect(url.origin + url.pathname).toBe(`${issuer.issuer}/oauth/authorize`);
    const q = url.searchParams;
    expect(Object.fromEntries(q)).toMatchObject({
      response_type: 'code',
      client_id: 'app_EMoamEEZ73f0CkXaXp7hrann',
      scope: 'openid profile email offline_access',
      code_challenge_method: 'S256',
      id_token_add_organizations: 'true',
      codex_cli_simplified_flow: 'true',
      originator: 'ai-sdk-provider-codex',
    });
    expect(q.get('redirect_uri')).toMatch(/^http:\/\/localhost:\d+\/auth\/callback$/);
    expect(q.get('state')!.length).toBeGreaterThanOrEqual(43);

    const page = await openCallback(await followAuthorize(url.toString()));
    expect(page.status).toBe(200);
    expect(page.title).toBe('Signed in to Codex');
    expect(page.html).toContain('ada@example.com');

    const result = await login;
    expect(result).toEqual({
      authFile,
      email: 'ada@example.com',
      planType: 'plus',
      accountId: 'acct_login',
    });
    // the mock issuer checked the PKCE verifier against the challenge
    expect(issuer.exchanges).toEqual([{ redirectUri: q.get('redirect_uri'), pkceOk: true }]);

    const saved = JSON.parse(await readFile(authFile, 'utf8'));
    const tokens = issuer.issued[0]!;
    expect(saved).toEqual({
      OPENAI_API_KEY: null,
      auth_mode: 'chatgpt',
      tokens: { ...tokens, account_id: 'acct_login' },
      last_refresh: expect.any(String),
      future_field: { kept: true },
    });
    expect(Date.now() - Date.parse(saved.last_refresh)).toBeLessThan(60_000);
    expect((await stat(authFile)).mode & 0o777).toBe(0o600);
    // the refresh token it replaced is revoked, as the Codex CLI does
    expect(issuer.revoked).toEqual(['old-SECRET-rt']);

    // the callback server is gone
    await expect(fetch(q.get('redirect_uri')!.replace('localhost', '127.0.0.1'))).rejects.toThrow();

    const { text } = await generateText({
      model: createCodex({ baseURL: emu.baseURL, authFile })('gpt-5.3-codex'),
      prompt: 'after login',
    });
    expect(text).toContain('after login');
    expect(emu.requests[0]!.headers).toMatchObject({
      authorization: `Bearer ${tokens.access_token}`,
      'chatgpt-account-id': 'acct_login',
    });
  });

  it('fails the exchange when the PKCE verifier does not match the challenge', async () => {
    const { login, authorizeUrl } = startLogin();
    // A tampered challenge stands in for a code stolen by someone without our verifier.
    const url = new URL(await authorizeUrl);
    url.searchParams.set('code_challenge', 'A'.repeat(43));
    const page = await openCallback(await followAuthorize(url.toString()));
    expect(page.status).toBe(500);
    expect(page.title).toBe('Sign-in could not be completed');
    expect(page.html).toContain('PKCE verification failed');

    const error = await login.catch(e => e);
    expect(APICallError.isInstance(error)).toBe(true);
    expect(error.message).toMatch(/refused the authorization code.*PKCE verification failed/);
    expect(JSON.stringify({ ...error, message: error.message })).not.toContain('SECRET');
    expect(issuer.exchanges).toEqual([{ redirectUri: expect.any(String), pkceOk: false }]);
    await expect(stat(authFile)).rejects.toMatchObject({ code: 'ENOENT' });
  });

  it('refuses a callback with a wrong state and keeps waiting for the right one', async () => {
    const { login, authorizeUrl, warnings } = startLogin();
    const callback = new URL(await followAuthorize(await authorizeUrl));
    const forged = new URL(callback);
    forged.searchParams.set('state', 'not-the-state');
    const refused = await openCallback(forged.toString());
    expect(refused.status).toBe(400);
    expect(refused.title).toBe('Sign-in link does not match');
    expect(refused.html).toContain('state mismatch');
    expect(warnings).toEqual([expect.stringMatching(/wrong `state`/)]);
    expect(issuer.exchanges).toEqual([]); // the code was not spent
    await expect(stat(authFile)).rejects.toMatchObject({ code: 'ENOENT' });

    expect((await openCallback(callback.toString())).status).toBe(200);
    expect((await login).email).toBe('ada@example.com');
  });

  it('reports a denied sign-in and writes nothing', async () => {
    issuer.decision = 'deny';
    const { login, authorizeUrl } = startLogin();
    const page = await openCallback(await followAuthorize(await authorizeUrl));
    expect(page.status).toBe(403);
    expect(page.title).toBe('Sign-in was not completed');
    const error = await login.catch(e => e);
    expect(error).toBeInstanceOf(CodexLoginError);
    expect(error).toMatchObject({ reason: 'denied', name: 'AI_LoadAPIKeyError' });
    expect(error.message).toMatch(/Sign-in was denied \(The user denied the request\)/);
    expect(page.html).toContain('The user denied the request');
    await expect(stat(authFile)).rejects.toMatchObject({ code: 'ENOENT' });
  });

  it('says so when the workspace has no Codex entitlement', async () => {
    issuer.decision = 'deny-entitlement';
    const { login, authorizeUrl } = startLogin();
    await openCallback(await followAuthorize(await authorizeUrl));
    await expect(login).rejects.toThrow(/Codex is not enabled for this ChatGPT workspace/);
  });

  it('explains a taken port', async () => {
    const blocker = createServer();
    await new Promise<void>(resolve => blocker.listen(0, '127.0.0.1', resolve));
    const port = (blocker.address() as AddressInfo).port;
    try {
      const error = await loginWithBrowser({
        codexHome: dir,
        issuer: issuer.issuer,
        port,
        openBrowser: false,
      }).catch(e => e);
      expect(error).toMatchObject({ reason: 'port_in_use' });
      expect(error.message).toContain(`Port ${port} is already in use`);
      expect(error.message).toContain('--port');
    } finally {
      await new Promise(resolve => blocker.close(resolve));
    }
  });

  it('stops on abort: no file, and the callback server is closed', async () => {
    const controller = new AbortController();
    const { login, authorizeUrl } = startLogin({ abortSignal: controller.signal });
    const callback = await followAuthorize(await authorizeUrl);
    controller.abort();
    await expect(login).rejects.toMatchObject({ name: 'AbortError' });
    await expect(openCallback(callback)).rejects.toThrow();
    await expect(stat(authFile)).rejects.toMatchObject({ code: 'ENOENT' });
  });

  it('spells the authorize URL as the issuer expects: spaces as %20, our originator, our opener', async () => {
    const opened: string[] = [];
    const { login, authorizeUrl } = startLogin({
      originator: 'my-app',
      openBrowser: url => void opened.push(url),
    });
    const url = await authorizeUrl;
    expect(url).toContain('scope=openid%20profile%20email%20offline_access');
    expect(url).not.toContain('+');
    expect(new URL(url).searchParams.get('originator')).toBe('my-app');
    expect(opened).toEqual([url]);
    await openCallback(await followAuthorize(url));
    expect((await login).email).toBe('ada@example.com');
  });

  it('refuses a callback whose state has the right length but not the right value, or has none', async () => {
    const { login, authorizeUrl, warnings } = startLogin();
    const callback = new URL(await followAuthorize(await authorizeUrl));
    const state = callback.searchParams.get('state')!;
    const forged = new URL(callback);
    forged.searchParams.set('state', `${state.slice(0, -1)}${state.endsWith('A') ? 'B' : 'A'}`);
    expect((await openCallback(forged.toString())).status).toBe(400);
    forged.searchParams.delete('state');
    const missing = await openCallback(forged.toString());
    expect(missing.status).toBe(400);
    expect(missing.html).toContain('Start the sign-in again from there');
    // told once, however many such callbacks come
    expect(warnings).toHaveLength(1);
    expect(warnings[0]).toContain('Still waiting for the sign-in started here');
    expect(issuer.exchanges).toEqual([]);
    expect((await openCallback(callback.toString())).status).toBe(200);
    expect((await login).email).toBe('ada@example.com');
  });

  it('fails with invalid_response when the callback carries neither a code nor an error', async () => {
    const { login, authorizeUrl } = startLogin();
    const callback = new URL(await followAuthorize(await authorizeUrl));
    callback.searchParams.delete('code');
    const page = await openCallback(callback.toString());
    expect(page.status).toBe(400);
    expect(page.html).toContain('Sign-in was not completed');
    expect(page.html).toContain('sent no authorization code');
    const error = await login.catch(e => e);
    expect(error).toBeInstanceOf(CodexLoginError);
    expect(error).toMatchObject({ reason: 'invalid_response' });
    expect(error.message).toBe(
      'The sign-in server sent no authorization code. Start the sign-in again.',
    );
  });

  it('names the error code when a denial comes without a usable description', async () => {
    for (const description of [undefined, '   ']) {
      const { login, authorizeUrl } = startLogin();
      const callback = new URL(await followAuthorize(await authorizeUrl));
      callback.searchParams.delete('code');
      callback.searchParams.set('error', 'server_error');
      if (description != null) callback.searchParams.set('error_description', description);
      expect((await openCallback(callback.toString())).status).toBe(403);
      const error = await login.catch(e => e);
      expect(error).toMatchObject({ reason: 'denied' });
      expect(error.message).toBe(
        'Sign-in was denied (server_error). Start it again and approve the request, or sign in with another account.',
      );
    }
  });

  it('only an access_denied for a missing entitlement is told as "Codex is not enabled"', async () => {
    const { login, authorizeUrl } = startLogin();
    const callback = new URL(await followAuthorize(await authorizeUrl));
    callback.searchParams.delete('code');
    callback.searchParams.set('error', 'invalid_request');
    callback.searchParams.set('error_description', 'missing_codex_entitlement');
    await openCallback(callback.toString());
    const error = await login.catch(e => e);
    expect(error.message).toMatch(/^Sign-in was denied \(missing_codex_entitlement\)\./);

    issuer.decision = 'deny-entitlement';
    const second = startLogin();
    const page = await openCallback(await followAuthorize(await second.authorizeUrl));
    expect(page.html).toContain('Ask the workspace admin for Codex access');
    const denied = await second.login.catch(e => e);
    expect(denied).toMatchObject({ reason: 'denied' });
    expect(denied.message).toContain('Ask the workspace admin for Codex access');
  });

  it('answers a second callback while the code is being traded, and after the sign-in has ended', async () => {
    let release!: () => void;
    const gate = new Promise<void>(resolve => (release = resolve));
    const controller = new AbortController();
    const { login, authorizeUrl } = startLogin({
      abortSignal: controller.signal,
      fetch: async (input, init) => {
        await gate;
        return fetch(input, init);
      },
    });
    const callback = await followAuthorize(await authorizeUrl);
    const first = openCallback(callback);
    await new Promise(resolve => setTimeout(resolve, 100));
    const again = await openCallback(callback);
    expect(again.status).toBe(409);
    expect(again.title).toBe('Sign-in in progress');
    expect(again.html).toContain('already being completed');

    // cancelled mid-exchange: the exchange ends it; until then every callback is refused
    controller.abort();
    const late = await openCallback(callback);
    expect(late.status).toBe(409);
    expect(late.title).toBe('Sign-in in progress');

    release();
    expect((await first).status).toBe(500);
    await expect(login).rejects.toMatchObject({ name: 'AbortError' });
    await expect(stat(authFile)).rejects.toMatchObject({ code: 'ENOENT' });
  });

  it('once the code is being traded, refuses every other callback: a denial cannot fail a sign-in that gets saved', async () => {
    let release!: () => void;
    const gate = new Promise<void>(resolve => (release = resolve));
    const { login, authorizeUrl, warnings } = startLogin({
      fetch: async (input, init) => {
        await gate;
        return fetch(input, init);
      },
    });
    const callback = new URL(await followAuthorize(await authorizeUrl));
    const first = openCallback(callback.toString());
    await waitUntil(() => issuer.requests.some(r => r.path === '/oauth/authorize'));
    await new Promise(resolve => setTimeout(resolve, 100));
    const denial = new URL(callback);
    denial.searchParams.delete('code');
    denial.searchParams.set('error', 'access_denied');
    const noCode = new URL(callback);
    noCode.searchParams.delete('code');
    const wrongState = new URL(callback);
    wrongState.searchParams.set('state', 'x');
    for (const url of [denial, noCode, wrongState, callback]) {
      const page = await openCallback(url.toString());
      expect({ status: page.status, title: page.title }).toEqual({
        status: 409,
        title: 'Sign-in in progress',
      });
    }
    release();
    expect((await first).status).toBe(200);
    expect((await login).email).toBe('ada@example.com');
    expect(JSON.parse(await readFile(authFile, 'utf8')).tokens.refresh_token).toBe(
      issuer.issued[0]!.refresh_token,
    );
    expect(issuer.exchanges).toHaveLength(1);
    expect(warnings).toEqual([]);
  });

  it('a sign-in cancelled while the code is traded writes nothing and revokes nothing', async () => {
    const previous = JSON.stringify({
      tokens: {
        id_token: makeJwt({ exp: nowSeconds(), marker: 'old', claims: { iss: issuer.issuer } }),
        refresh_token: 'old-SECRET-rt',
      },
    });
    await writeFile(authFile, previous);
    const controller = new AbortController();
    let exchanged!: () => void;
    const traded = new Promise<void>(resolve => (exchanged = resolve));
    const { login, authorizeUrl } = startLogin({
      abortSignal: controller.signal,
      // an app fetch that does not stop on the signal: the exchange completes regardless
      fetch: async (input, { signal: _, ...init } = {}) => {
        const response = await fetch(input, init);
        controller.abort();
        exchanged();
        return response;
      },
    });
    const page = openCallback(await followAuthorize(await authorizeUrl));
    await traded;
    await expect(login).rejects.toMatchObject({ name: 'AbortError' });
    expect((await page).status).toBe(500);
    expect(await readFile(authFile, 'utf8')).toBe(previous);
    expect(issuer.revoked).toEqual([]);
  });

  it('tells each kind of refused request once: a flood of them is one warning each', async () => {
    const { login, authorizeUrl, warnings } = startLogin();
    const callback = new URL(await followAuthorize(await authorizeUrl));
    const forged = new URL(callback);
    forged.searchParams.set('state', 'forged');
    for (let i = 0; i < 5; i++) {
      expect((await openCallback(forged.toString())).status).toBe(400);
      const rebound = await new Promise<number | undefined>((resolve, reject) => {
        get(
          {
            host: '127.0.0.1',
            port: callback.port,
            path: `${callback.pathname}${callback.search}`,
            headers: { host: `rebound.example:${callback.port}` },
          },
          res => {
            res.resume();
            resolve(res.statusCode);
          },
        ).on('error', reject);
      });
      expect(rebound).toBe(421);
    }
    expect(issuer.exchanges).toEqual([]); // the rebound request's code was not traded
    expect(warnings).toEqual([
      expect.stringMatching(/^Ignored a sign-in callback with a wrong `state`/),
      expect.stringMatching(/^Refused a request to the sign-in callback for another host/),
    ]);
    expect((await openCallback(callback.toString())).status).toBe(200);
    expect((await login).email).toBe('ada@example.com');
  });

  it('gives up after `timeoutMs` with no callback: expired, nothing written, the server closed', async () => {
    const { login, authorizeUrl } = startLogin({ timeoutMs: 300 });
    const callback = await followAuthorize(await authorizeUrl);
    const started = Date.now();
    const error = await login.catch(e => e);
    expect(Date.now() - started).toBeLessThan(2_000);
    expect(error).toBeInstanceOf(CodexLoginError);
    expect(error).toMatchObject({ reason: 'expired' });
    expect(error.message).toBe(
      'The sign-in was not completed within <1 minutes; nothing was written. Run it again.',
    );
    await expect(openCallback(callback)).rejects.toThrow();
    await expect(stat(authFile)).rejects.toMatchObject({ code: 'ENOENT' });
  });

  it('refuses a time limit a timer cannot keep, before anything starts', async () => {
    for (const timeoutMs of [0, -1, Number.NaN, Number.POSITIVE_INFINITY, 2 ** 31]) {
      const urls: string[] = [];
      const error = await loginWithBrowser({
        codexHome: dir,
        issuer: issuer.issuer,
        port: 0,
        timeoutMs,
        openBrowser: false,
        onAuthorizeUrl: url => void urls.push(url),
      }).catch(e => e);
      expect(InvalidArgumentError.isInstance(error)).toBe(true);
      expect(error).toMatchObject({ argument: 'timeoutMs' });
      expect(error.message).toBe(
        `\`timeoutMs\` must be a number of milliseconds from 1 to 2147483647 (about 24 days), not ${String(timeoutMs)}.`,
      );
      expect(urls).toEqual([]);
    }
  });

  it('the time limit covers a token exchange that hangs: expired, nothing written', async () => {
    const { login, authorizeUrl } = startLogin({
      timeoutMs: 400,
      // a token endpoint that never answers (the request itself stops on the signal)
      fetch: (_input, init) =>
        new Promise((_, reject) =>
          init?.signal?.addEventListener('abort', () => reject(init.signal!.reason)),
        ),
    });
    const page = openCallback(await followAuthorize(await authorizeUrl));
    const error = await login.catch(e => e);
    expect(error).toMatchObject({ reason: 'expired' });
    expect((await page).status).toBe(500);
    await expect(stat(authFile)).rejects.toMatchObject({ code: 'ENOENT' });
  });

  it('an opener that plays the browser: a stale tab, the sign-in, then a reload of its page', async () => {
    const controller = new AbortController();
    const pages: Awaited<ReturnType<typeof openCallback>>[] = [];
    const result = await loginWithBrowser({
      codexHome: dir,
      issuer: issuer.issuer,
      port: 0,
      abortSignal: controller.signal,
      // undici keeps a listener on a request's signal until the request is collected; this
      // app's fetch takes none, so any listener left on the signal is the sign-in's own
      fetch: (input, { signal: _, ...init } = {}) => fetch(input, init),
      // No onAuthorizeUrl, no onWarning: an app that only hands the URL to its own opener.
      openBrowser: async url => {
        const callback = new URL(await followAuthorize(url));
        const stale = new URL(callback);
        stale.searchParams.set('state', 'an-older-sign-in');
        pages.push(await openCallback(stale.toString()));
        pages.push(await openCallback(callback.toString()));
        pages.push(await openCallback(callback.toString()));
      },
    });
    expect(result.email).toBe('ada@example.com');
    expect(pages.map(({ status, title }) => ({ status, title }))).toEqual([
      { status: 400, title: 'Sign-in link does not match' },
      { status: 200, title: 'Signed in to Codex' },
      { status: 409, title: 'Sign-in already finished' },
    ]);
    // the code was traded once, and the app's signal is left as it was given
    expect(issuer.exchanges).toEqual([{ redirectUri: expect.any(String), pkceOk: true }]);
    expect(getEventListeners(controller.signal, 'abort')).toEqual([]);
  });

  it('refuses an issuer that is not https (or http on loopback) before anything starts', async () => {
    const urls: string[] = [];
    const attempts = [
      () =>
        loginWithBrowser({
          codexHome: dir,
          issuer: 'http://auth.example.test',
          port: 0,
          openBrowser: url => void urls.push(url),
          onAuthorizeUrl: url => void urls.push(url),
        }),
      () =>
        loginWithDeviceCode({
          codexHome: dir,
          issuer: 'javascript:alert(1)',
          onUserCode: code => void urls.push(code.verificationUrl),
        }),
      () => logout({ codexHome: dir, issuer: 'https://ada:pw-SECRET@auth.example.test' }),
    ];
    for (const attempt of attempts) {
      const error = await attempt().catch(e => e);
      expect(InvalidArgumentError.isInstance(error)).toBe(true);
      expect(error).toMatchObject({ argument: 'issuer' });
      expect(error.message).toMatch(/^`issuer` must/);
    }
    expect(urls).toEqual([]);
  });

  it('does nothing at all when cancelled before it starts', async () => {
    const controller = new AbortController();
    controller.abort();
    const urls: string[] = [];
    await expect(
      loginWithBrowser({
        codexHome: dir,
        issuer: issuer.issuer,
        port: 0,
        openBrowser: false,
        onAuthorizeUrl: url => void urls.push(url),
        abortSignal: controller.signal,
      }),
    ).rejects.toMatchObject({ name: 'AbortError' });
    expect(urls).toEqual([]);
  });
});
