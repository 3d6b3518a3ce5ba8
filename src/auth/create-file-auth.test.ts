import { LoadAPIKeyError } from '@ai-sdk/provider';
import { mkdtemp, readFile, rm, stat, utimes, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { makeJwt, nowSeconds } from '../../test/support/jwt';
import { startMockTokenServer, type MockTokenServer } from '../../test/support/mock-token-server';
import { secretLeaks } from '../../test/support/secret-leaks';
import { createFileAuth } from './create-file-auth';

// Every token here contains "SECRET": no error may show one.

let dir: string;
let authFile: string;
let server: MockTokenServer;

beforeEach(async () => {
  dir = await mkdtemp(join(tmpdir(), 'codex-file-auth-'));
  authFile = join(dir, 'auth.json');
  server = await startMockTokenServer({ accountId: 'acct_refreshed' });
});
afterEach(async () => {
  await server.close();
  await rm(dir, { recursive: true, force: true });
});

const jwt = (marker: string, expiresInSeconds: number, accountId?: string) =>
  makeJwt({ exp: nowSeconds() + expiresInSeconds, marker, accountId });

async function writeAuth(tokens: Record<string, unknown> | null, extra = {}) {
  await writeFile(authFile, JSON.stringify({ auth_mode: 'chatgpt', tokens, ...extra }), {
    mode: 0o600,
  });
}
const readAuth = async () => JSON.parse(await readFile(authFile, 'utf8'));
const source = () => createFileAuth({ authFile, tokenURL: server.tokenURL });

/** Tokens as another process would leave them after its own refresh. */
function otherProcessTokens(expiresInSeconds: number) {
  const refreshToken = 'rt-SECRET-other-process';
  server.validRefreshTokens.add(refreshToken);
  return {
    access_token: jwt('other-process', expiresInSeconds),
    refresh_token: refreshToken,
    account_id: 'acct_file',
  };
}

/** Holds the lock as another process refreshing would; `release` writes its tokens first. */
async function holdLock() {
  await writeFile(`${authFile}.lock`, 'another process\n');
  return async (tokens?: Record<string, unknown>) => {
    if (tokens) await writeAuth(tokens);
    await rm(`${authFile}.lock`);
  };
}

async function rejection(promise: Promise<unknown>): Promise<Error> {
  const error = await promise.then(
    () => new Error('expected a failure'),
    (e: Error) => e,
  );
  expect(secretLeaks(error)).toEqual([]);
  return error;
}

describe('proactive refresh', () => {
  it('refreshes a token with less than five minutes left', async () => {
    server.validRefreshTokens.add('rt-SECRET-a');
    await writeAuth({ access_token: jwt('a', 4 * 60), refresh_token: 'rt-SECRET-a' });
    const credentials = await (await source()).getCredentials();
    expect(server.requests).toHaveLength(1);
    expect(credentials.accessToken).toBe(server.issued[0]);
  });

  it('is not blocked by a lock file dated in the future (a clock stepped back after a crash)', async () => {
    server.validRefreshTokens.add('rt-SECRET-a');
    await writeAuth({ access_token: jwt('a', 60), refresh_token: 'rt-SECRET-a' });
    await writeFile(`${authFile}.lock`, 'crashed process\n');
    const nextYear = new Date(Date.now() + 365 * 86_400_000);
    await utimes(`${authFile}.lock`, nextYear, nextYear);
    const credentials = await (await source()).getCredentials();
    expect(credentials.accessToken).toBe(server.issued[0]);
    await expect(stat(`${authFile}.lock`)).rejects.toMatchObject({ code: 'ENOENT' });
  });

  it('keeps a token with more than five minutes left', async () => {
    server.validRefreshTokens.add('rt-SECRET-a');
    const access = jwt('a', 6 * 60);
    await writeAuth({ access_token: access, refresh_token: 'rt-SECRET-a' });
    expect((await (await source()).getCredentials()).accessToken).toBe(access);
    expect(server.requests).toEqual([]);
  });

  it('takes the tokens another process wrote while it waited for the lock, without a refresh', async () => {
    await writeAuth({ access_token: jwt('a', 60), refresh_token: 'rt-SECRET-a' });
    const release = await holdLock();
    const pending = (await source()).getCredentials();
    const theirs = otherProcessTokens(3600);
    setTimeout(() => void release(theirs), 100);
    expect((await pending).accessToken).toBe(theirs.access_token);
    expect(server.requests).toEqual([]);
  });

  it('refreshes with the rotated refresh token when the other process left an expiring token too', async () => {
    await writeAuth({ access_token: jwt('a', 60), refresh_token: 'rt-SECRET-a' });
    const release = await holdLock();
    const pending = (await source()).getCredentials();
    setTimeout(() => void release(otherProcessTokens(60)), 100);
    expect((await pending).accessToken).toBe(server.issued[0]);
    expect(server.requests.map(r => r.body.refresh_token)).toEqual(['rt-SECRET-other-process']);
  });
});

describe('after a 401', () => {
  it('answers from a newer file at once, without waiting for a lock another process holds', async () => {
    const rejected = jwt('rejected', 3600);
    await writeAuth({ access_token: rejected, refresh_token: 'rt-SECRET-a' });
    const auth = await source();
    await auth.getCredentials();
    const theirs = otherProcessTokens(3600);
    await writeAuth(theirs);
    const release = await holdLock();
    try {
      const answer = await Promise.race([
        auth.onUnauthorized!({ accessToken: rejected }),
        new Promise(resolve => setTimeout(() => resolve('still waiting for the lock'), 2_000)),
      ]);
      expect(answer).toEqual({ accessToken: theirs.access_token, accountId: 'acct_file' });
    } finally {
      await release();
    }
  });

  it('refreshes when the file still holds the rejected token, even a fresh one', async () => {
    const rejected = jwt('rejected', 3600);
    server.validRefreshTokens.add('rt-SECRET-a');
    await writeAuth({ access_token: rejected, refresh_token: 'rt-SECRET-a' });
    const auth = await source();
    expect(await auth.onUnauthorized!({ accessToken: rejected })).toMatchObject({
      accessToken: server.issued[0],
    });
  });

  it('takes the tokens another process wrote while it waited for the lock', async () => {
    const rejected = jwt('rejected', 3600);
    await writeAuth({ access_token: rejected, refresh_token: 'rt-SECRET-a' });
    const auth = await source();
    const release = await holdLock();
    const pending = auth.onUnauthorized!({ accessToken: rejected });
    const theirs = otherProcessTokens(3600);
    setTimeout(() => void release(theirs), 100);
    expect(await pending).toMatchObject({ accessToken: theirs.access_token });
    expect(server.requests).toEqual([]);
  });

  it('gives up when the token endpoint hands back the rejected token', async () => {
    const rejected = jwt('rejected', 3600);
    await writeAuth({ access_token: rejected, refresh_token: 'rt-SECRET-a' });
    server.enqueue({ status: 200, body: { access_token: rejected } });
    expect(await (await source()).onUnauthorized!({ accessToken: rejected })).toBeUndefined();
  });

  it('two sources of one file share a failing refresh: the token endpoint is asked once', async () => {
    const rejected = jwt('rejected', 3600);
    await writeAuth({ access_token: rejected, refresh_token: 'rt-SECRET-a' });
    server.enqueue({
      status: 401,
      body: { error: { code: 'refresh_token_expired', message: 'expired' } },
      delayMs: 100,
    });
    const [first, second] = await Promise.all([source(), source()]);
    const failures = await Promise.all(
      [first, second].map(auth => rejection(auth.onUnauthorized!({ accessToken: rejected }))),
    );
    expect(server.requests).toHaveLength(1);
    expect(failures[0]).toBe(failures[1]);
  });
});

/** Runs `change` once the token endpoint got a request (it answers 200 ms later). */
async function onTokenRequest(change: () => Promise<unknown>) {
  const count = server.requests.length;
  while (server.requests.length === count) await new Promise(r => setTimeout(r, 5));
  await change();
}

it('reads the file again after a failed first read: a sign-in written since is found', async () => {
  const auth = await source();
  const missing = await rejection(auth.getCredentials());
  expect(missing.message).toMatch(/^No Codex sign-in found: .* does not exist\./);
  const access = jwt('late', 3600);
  await writeAuth({ access_token: access, refresh_token: 'rt-SECRET-a' });
  expect((await auth.getCredentials()).accessToken).toBe(access);
});

describe('a refused refresh', () => {
  it('re-reads the file and takes the tokens a client without the lock (the Codex CLI) stored', async () => {
    await writeAuth({ access_token: jwt('a', 60), refresh_token: 'rt-SECRET-a' });
    server.enqueue({
      status: 401,
      body: { error: { code: 'refresh_token_reused', message: 'already used' } },
      delayMs: 200,
    });
    const theirs = otherProcessTokens(3600);
    void onTokenRequest(() => writeAuth(theirs));
    expect((await (await source()).getCredentials()).accessToken).toBe(theirs.access_token);
    expect(server.requests).toHaveLength(1);
  });

  it('stands when the file still holds the refused refresh token, and when it cannot be read', async () => {
    await writeAuth({ access_token: jwt('a', 60), refresh_token: 'rt-SECRET-a' });
    const refused = await rejection((await source()).getCredentials());
    expect(refused.message).toBe(
      'Your ChatGPT sign-in can no longer be refreshed (refresh_token_reused). Run `codex login` to sign in again.',
    );
    server.enqueue({ status: 400, body: { error: { code: 'invalid_grant' } }, delayMs: 200 });
    void onTokenRequest(() => writeFile(authFile, '{"torn": '));
    const unreadable = await rejection((await source()).getCredentials());
    expect(unreadable.message).toBe(
      'Your ChatGPT sign-in can no longer be refreshed (invalid_grant). Run `codex login` to sign in again.',
    );
  });

  it('a retryable failure is not re-read: it stands as it is', async () => {
    await writeAuth({ access_token: jwt('a', 60), refresh_token: 'rt-SECRET-a' });
    server.enqueue({ status: 503, body: {}, delayMs: 200 });
    void onTokenRequest(() => writeAuth(otherProcessTokens(3600)));
    const error = await rejection((await source()).getCredentials());
    expect(error.message).toBe(
      'Refreshing the ChatGPT sign-in failed (HTTP 503). Try again shortly.',
    );
  });
});

describe('the refreshed file', () => {
  it('stores the id token the server sends, also when the file had none', async () => {
    server.validRefreshTokens.add('rt-SECRET-a');
    await writeAuth({ access_token: jwt('a', 60), refresh_token: 'rt-SECRET-a' });
    await (await source()).getCredentials();
    const idToken: string = (await readAuth()).tokens.id_token;
    const payload = JSON.parse(Buffer.from(idToken.split('.')[1]!, 'base64url').toString());
    expect(payload.marker).toBe('id-1');
  });

  it('keeps the id token of the file when the server sends none, and writes no empty key', async () => {
    const idToken = jwt('id', 3600);
    await writeAuth({
      access_token: jwt('a', 60),
      refresh_token: 'rt-SECRET-a',
      id_token: idToken,
    });
    server.enqueue({ status: 200, body: { access_token: jwt('new', 3600) } });
    await (await source()).getCredentials();
    expect((await readAuth()).tokens).toMatchObject({
      id_token: idToken,
      refresh_token: 'rt-SECRET-a',
    });

    await writeAuth({ access_token: jwt('a', 60), refresh_token: 'rt-SECRET-a' });
    server.enqueue({ status: 200, body: { access_token: jwt('newer', 3600) } });
    await (await source()).getCredentials();
    expect(Object.keys((await readAuth()).tokens).sort()).toEqual([
      'access_token',
      'refresh_token',
    ]);
  });
});

describe('credentials', () => {
  it('leave the account id out when neither the file nor a token names one', async () => {
    const access = jwt('a', 3600);
    await writeAuth({ access_token: access, id_token: jwt('id', 3600) });
    const credentials = await (await source()).getCredentials();
    expect(credentials.accessToken).toBe(access);
    expect(credentials.accountId).toBeUndefined();
  });
});

describe('a file without ChatGPT tokens', () => {
  const noTokens = (path: string) =>
    `${path} has no ChatGPT tokens. Run \`codex login\` and choose "Sign in with ChatGPT".`;

  it.each([
    ['tokens: null', null],
    ['tokens that are a string', 'SECRET-not-an-object'],
    ['no access token', { refresh_token: 'rt-SECRET-a' }],
    ['an access token that is no string', { access_token: 42 }],
    ['an empty access token', { access_token: '' }],
  ])('%s: says so, naming the file', async (_, tokens) => {
    await writeAuth(tokens as Record<string, unknown> | null, { OPENAI_API_KEY: null });
    const error = await rejection((await source()).getCredentials());
    expect(LoadAPIKeyError.isInstance(error)).toBe(true);
    expect(error.message).toBe(noTokens(authFile));
  });

  it('an empty OPENAI_API_KEY is no API key', async () => {
    await writeAuth(null, { OPENAI_API_KEY: '' });
    expect((await rejection((await source()).getCredentials())).message).toBe(noTokens(authFile));
  });

  it('an API key alone is named as such', async () => {
    await writeAuth(null, { OPENAI_API_KEY: 'sk-SECRET-key' });
    expect((await rejection((await source()).getCredentials())).message).toBe(
      `${authFile} holds an OpenAI API key, not a ChatGPT sign-in. The Codex backend needs a ChatGPT login: run \`codex login\` and choose "Sign in with ChatGPT".`,
    );
  });
});

it('leaves no lock file behind', async () => {
  server.validRefreshTokens.add('rt-SECRET-a');
  await writeAuth({ access_token: jwt('a', 60), refresh_token: 'rt-SECRET-a' });
  await (await source()).getCredentials();
  await expect(stat(`${authFile}.lock`)).rejects.toMatchObject({ code: 'ENOENT' });
});
