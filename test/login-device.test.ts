import { APICallError } from '@ai-sdk/provider';
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
} from '../src/auth/login';
import { startMockIssuer, type MockIssuer } from './support/mock-issuer';

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

describe('loginWithDeviceCode', () => {
  it('shows the code, polls at the server interval while pending, then saves the sign-in', async () => {
    issuer.devicePendingPolls = 3;
    issuer.deviceInterval = '0.05';
    const shown: CodexDeviceCode[] = [];
    const result = await loginWithDeviceCode({
      codexHome: dir,
      issuer: issuer.issuer,
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

    expect(issuer.devicePolls).toHaveLength(4);
    const gaps = issuer.devicePolls.slice(1).map((t, i) => t - issuer.devicePolls[i]!);
    for (const gap of gaps) expect(gap).toBeGreaterThanOrEqual(45);

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

  it('gives up when the code is not approved in time, writing nothing', async () => {
    issuer.deviceNeverApproved = true;
    const error = await loginWithDeviceCode({
      codexHome: dir,
      issuer: issuer.issuer,
      timeoutMs: 200,
      onUserCode: () => {},
    }).catch(e => e);
    expect(error).toMatchObject({ reason: 'expired', name: 'AI_LoadAPIKeyError' });
    expect(error.message).toMatch(/not approved within .* has expired; nothing was written/);
    expect(issuer.devicePolls.length).toBeGreaterThanOrEqual(3);
    expect(await readdir(dir)).toEqual([]);
  });

  it('stops polling on abort and leaves no file', async () => {
    issuer.deviceNeverApproved = true;
    const controller = new AbortController();
    const login = loginWithDeviceCode({
      codexHome: dir,
      issuer: issuer.issuer,
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
    await expect(
      loginWithDeviceCode({ codexHome: dir, issuer: issuer.issuer, onUserCode: () => {} }),
    ).rejects.toMatchObject({ reason: 'device_code_unavailable' });
  });

  it('reports an unreachable issuer as a retryable APICallError', async () => {
    await issuer.close();
    const error = await loginWithDeviceCode({
      codexHome: dir,
      issuer: issuer.issuer,
      onUserCode: () => {},
    }).catch(e => e);
    expect(APICallError.isInstance(error)).toBe(true);
    expect(error).toMatchObject({ isRetryable: true });
    expect(error.message).toMatch(/Could not reach the sign-in server/);
  });

  it('does not follow a redirect of the token endpoint with the code and verifier', async () => {
    const elsewhere = await startMockIssuer();
    try {
      issuer.tokenRedirect = `${elsewhere.issuer}/oauth/token`;
      const error = await loginWithDeviceCode({
        codexHome: dir,
        issuer: issuer.issuer,
        onUserCode: () => {},
      }).catch(e => e);
      expect(APICallError.isInstance(error)).toBe(true);
      expect(error).toMatchObject({ statusCode: 307 });
      expect(elsewhere.requests).toEqual([]);
      expect(await readdir(dir)).toEqual([]);
    } finally {
      await elsewhere.close();
    }
  });
});

describe('logout', () => {
  it('removes the auth file, revokes its refresh token and says where from', async () => {
    await loginWithDeviceCode({ codexHome: dir, issuer: issuer.issuer, onUserCode: () => {} });
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

  it('still signs out locally when revocation fails or is turned off', async () => {
    await writeFile(
      authFile,
      JSON.stringify({ tokens: { access_token: 'at-SECRET', refresh_token: 'rt-SECRET' } }),
    );
    await issuer.close();
    expect(await logout({ authFile, issuer: issuer.issuer })).toEqual({
      authFile,
      removed: true,
      revoked: false,
    });
    await writeFile(
      authFile,
      JSON.stringify({ tokens: { access_token: 'at-SECRET', refresh_token: 'rt-SECRET' } }),
    );
    expect(await logout({ authFile, revoke: false })).toEqual({ authFile, removed: true });
  });
});
