import { APICallError, LoadAPIKeyError, type LanguageModelV2CallOptions } from '@ai-sdk/provider';
import { execFile } from 'node:child_process';
import { mkdtemp, readFile, rm, stat, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it, vi } from 'vitest';
import { createCodex, type CodexProviderSettings } from '../src';
import { startCodexEmulator, type CodexEmulator } from './support/codex-emulator';
import { makeJwt, nowSeconds } from './support/jwt';
import { startMockTokenServer, type MockTokenServer } from './support/mock-token-server';
import { SECRET, failure, safeJson as safeStringify, secretLeaks } from './support/secret-leaks';

// Every token in this file contains "SECRET"; no error or log may ever show one.
const hi: LanguageModelV2CallOptions = {
  prompt: [{ role: 'user', content: [{ type: 'text', text: 'Hi' }] }],
};

let emu: CodexEmulator;
let tokens: MockTokenServer;
let dir: string;
let authFile: string;
const logs: string[] = [];

beforeAll(async () => {
  emu = await startCodexEmulator();
  for (const method of ['log', 'info', 'warn', 'error', 'debug'] as const) {
    const original = console[method];
    vi.spyOn(console, method).mockImplementation((...args: unknown[]) => {
      logs.push(args.map(a => (typeof a === 'string' ? a : safeStringify(a))).join(' '));
      original(...args);
    });
  }
});
afterAll(async () => {
  await emu.close();
  vi.restoreAllMocks();
  // whatever the code under test logged in this file, in any test
  expect(logs.filter(line => line.includes(SECRET))).toEqual([]);
});
beforeEach(async () => {
  tokens = await startMockTokenServer();
  dir = await mkdtemp(join(tmpdir(), 'codex-auth-'));
  authFile = join(dir, 'auth.json');
  emu.requests.length = 0;
  emu.acceptToken = () => true;
});
afterEach(async () => {
  await tokens.close();
  await rm(dir, { recursive: true, force: true });
});

const access = (marker: string, expiresIn = 3600, accountId?: string) =>
  makeJwt({ exp: nowSeconds() + expiresIn, marker, accountId });

function authJson(
  overrides: Record<string, unknown> = {},
  tokenOverrides: Record<string, unknown> = {},
) {
  return {
    auth_mode: 'chatgpt',
    OPENAI_API_KEY: null,
    tokens: {
      id_token: makeJwt({ exp: nowSeconds() + 3600, marker: 'id', accountId: 'acct_from_id' }),
      access_token: access('a'),
      refresh_token: 'rt-SECRET-original',
      account_id: 'acct_file',
      ...tokenOverrides,
    },
    last_refresh: '2026-01-01T00:00:00.000Z',
    ...overrides,
  };
}

async function writeAuth(content: unknown) {
  await writeFile(
    authFile,
    typeof content === 'string' ? content : JSON.stringify(content, null, 2),
    {
      mode: 0o600,
    },
  );
}

const readAuth = async () => JSON.parse(await readFile(authFile, 'utf8'));

function model(settings: CodexProviderSettings = {}) {
  return createCodex({ baseURL: emu.baseURL, authFile, tokenURL: tokens.tokenURL, ...settings })(
    'gpt-5.3-codex',
  );
}

/** The error `promise` rejects with, checked to show no token anywhere in it. */
const bearer = (i: number) => emu.requests[i]!.headers.authorization;

describe('auth.json', () => {
  it('is read from $CODEX_HOME/auth.json by default', async () => {
    const content = authJson();
    await writeAuth(content);
    const previous = process.env.CODEX_HOME;
    process.env.CODEX_HOME = dir;
    try {
      await createCodex({ baseURL: emu.baseURL })('gpt-5').doGenerate(hi);
    } finally {
      if (previous === undefined) delete process.env.CODEX_HOME;
      else process.env.CODEX_HOME = previous;
    }
    expect(bearer(0)).toBe(`Bearer ${content.tokens.access_token}`);
    expect(emu.requests[0]!.headers['chatgpt-account-id']).toBe('acct_file');
  });

  it('takes the account id from the token claim when the file has none, and the setting over both', async () => {
    await writeAuth(
      authJson({}, { account_id: undefined, access_token: access('a', 3600, 'acct_claim') }),
    );
    await model().doGenerate(hi);
    expect(emu.requests[0]!.headers['chatgpt-account-id']).toBe('acct_claim');
    await model({ accountId: 'acct_setting' }).doGenerate(hi);
    expect(emu.requests[1]!.headers['chatgpt-account-id']).toBe('acct_setting');
  });

  it('reports a missing file as missing, naming the path and how to sign in', async () => {
    const error = await failure(model().doGenerate(hi));
    expect(LoadAPIKeyError.isInstance(error)).toBe(true);
    expect(error.message).toBe(
      `No Codex sign-in found: ${authFile} does not exist. Sign in with \`codex login\` (choose "Sign in with ChatGPT") or \`npx ai-sdk-provider-codex login\`, or pass \`auth\` or \`authFile\` to createCodex().`,
    );
    expect(emu.requests).toHaveLength(0);
  });

  it('leaves a malformed file untouched and does not quote it', async () => {
    const broken = '{"tokens": {"access_token": "at-SECRET-broken", ';
    await writeAuth(broken);
    const error = await failure(model().doGenerate(hi));
    expect(LoadAPIKeyError.isInstance(error)).toBe(true);
    expect(error.message).toBe(
      `The Codex auth file ${authFile} is not valid JSON; it was left untouched. Repair it, or remove it and run \`codex login\`.`,
    );
    expect(await readFile(authFile, 'utf8')).toBe(broken);
  });

  it('says an API-key-only file is not a ChatGPT sign-in', async () => {
    await writeAuth({ OPENAI_API_KEY: 'sk-SECRET-key', tokens: null });
    const error = await failure(model().doGenerate(hi));
    expect(error.message).toMatch(/holds an OpenAI API key, not a ChatGPT sign-in/);
  });
});

describe('refresh', () => {
  it('refreshes proactively near expiry and writes the file safely', async () => {
    tokens.validRefreshTokens.add('rt-SECRET-original');
    await writeAuth(
      authJson(
        { custom_field: { keep: true }, auth_mode: 'chatgpt' },
        { access_token: access('old', 120), extra: 'kept' },
      ),
    );
    await model().doGenerate(hi);

    expect(tokens.requests).toEqual([
      {
        body: {
          client_id: 'app_EMoamEEZ73f0CkXaXp7hrann',
          grant_type: 'refresh_token',
          refresh_token: 'rt-SECRET-original',
        },
      },
    ]);
    const file = await readAuth();
    expect(file.tokens.access_token).toBe(tokens.issued[0]);
    expect(file.tokens.refresh_token).toBe('rt-SECRET-rotated-1');
    expect(file.tokens.id_token).toMatch(/SECRET-sig-id-1$/);
    expect(file.tokens.extra).toBe('kept');
    expect(file.tokens.account_id).toBe('acct_file');
    expect(file.custom_field).toEqual({ keep: true });
    expect(file.auth_mode).toBe('chatgpt');
    expect(file).toHaveProperty('OPENAI_API_KEY', null);
    expect(Date.parse(file.last_refresh)).toBeGreaterThan(Date.now() - 60_000);
    expect((await stat(authFile)).mode & 0o777).toBe(0o600);
    expect(bearer(0)).toBe(`Bearer ${tokens.issued[0]}`);
  });

  it('does not refresh a token that is still fresh', async () => {
    await writeAuth(authJson());
    await model().doGenerate(hi);
    expect(tokens.requests).toHaveLength(0);
  });

  it('on 401 re-reads the file and retries when another process refreshed', async () => {
    await writeAuth(authJson());
    const m = model();
    await m.doGenerate(hi); // caches token "a"
    const newer = access('b');
    await writeAuth(authJson({}, { access_token: newer }));
    emu.acceptToken = t => t === newer;
    await m.doGenerate(hi);
    expect(emu.requests.map(r => r.headers.authorization)).toEqual([
      expect.stringMatching(/sig-a$/),
      expect.stringMatching(/sig-a$/),
      `Bearer ${newer}`,
    ]);
    expect(tokens.requests).toHaveLength(0);
  });

  it('on 401 refreshes and retries once when the file has nothing newer', async () => {
    tokens.validRefreshTokens.add('rt-SECRET-original');
    await writeAuth(authJson());
    emu.acceptToken = t => tokens.issued.includes(t);
    const result = await model().doGenerate(hi);
    expect(result.finishReason).toBe('stop');
    expect(tokens.requests).toHaveLength(1);
    expect(emu.requests).toHaveLength(2);
    expect((await readAuth()).tokens.refresh_token).toBe('rt-SECRET-rotated-1');
  });

  it('gives up with a sign-in message when even a refreshed token is rejected', async () => {
    tokens.validRefreshTokens.add('rt-SECRET-original');
    await writeAuth(authJson());
    emu.acceptToken = () => false;
    const error = await failure(model().doGenerate(hi));
    expect(APICallError.isInstance(error)).toBe(true);
    expect((error as APICallError).statusCode).toBe(401);
    expect((error as APICallError).isRetryable).toBe(false);
    expect(error.message).toMatch(
      /^The Codex backend rejected the ChatGPT access token \(401: .*\)\. Run `codex login` to sign in again, or pass fresh credentials\.$/,
    );
    // the first token, the refreshed one, then one more refresh (the file had nothing newer)
    expect(emu.requests).toHaveLength(3);
    expect(tokens.requests).toHaveLength(2);
    expect(new Set(emu.requests.map(r => r.headers.authorization)).size).toBe(3);
  });

  it('explains a permanently rejected refresh token and keeps the file', async () => {
    await writeAuth(authJson({}, { access_token: access('old', -10) }));
    const before = await readFile(authFile, 'utf8');
    const error = await failure(model().doGenerate(hi)); // the token server does not know this token
    expect(APICallError.isInstance(error)).toBe(true);
    expect(error.message).toBe(
      'Your ChatGPT sign-in can no longer be refreshed (refresh_token_reused). Run `codex login` to sign in again.',
    );
    expect((error as APICallError).isRetryable).toBe(false);
    expect(await readFile(authFile, 'utf8')).toBe(before);
    expect(emu.requests).toHaveLength(0);
  });

  it.each([
    [401, { error: 'invalid_grant' }, 'invalid_grant'],
    [401, {}, 'HTTP 401'],
    [401, 'not json', 'HTTP 401'],
    [
      400,
      { error: { code: 'refresh_token_expired', message: 'expired' } },
      'refresh_token_expired',
    ],
    [400, { error: { code: 'refresh_token_invalidated' } }, 'refresh_token_invalidated'],
  ])('treats %i %j as permanent: sign in again', async (status, body, why) => {
    tokens.enqueue({ status, body });
    await writeAuth(authJson({}, { access_token: access('old', -10) }));
    const error = await failure(model().doGenerate(hi));
    expect(error.message).toBe(
      `Your ChatGPT sign-in can no longer be refreshed (${why}). Run \`codex login\` to sign in again.`,
    );
    expect((error as APICallError).isRetryable).toBe(false);
    expect(tokens.requests).toHaveLength(1);
  });

  it.each([
    [429, { error: 'rate_limited' }, 'rate_limited'],
    [500, {}, 'HTTP 500'],
    [503, { error: 'temporarily_unavailable' }, 'temporarily_unavailable'],
  ])('reports a token endpoint %i as retryable and keeps the file', async (status, body, why) => {
    tokens.enqueue({ status, body });
    await writeAuth(authJson({}, { access_token: access('old', -10) }));
    const before = await readFile(authFile, 'utf8');
    const error = await failure(model({ maxRetries: 0 }).doGenerate(hi));
    expect(APICallError.isInstance(error)).toBe(true);
    expect(error.message).toBe(
      `Refreshing the ChatGPT sign-in failed (${why}). Try again shortly.`,
    );
    expect((error as APICallError).isRetryable).toBe(true);
    expect((error as APICallError).statusCode).toBe(status);
    expect(await readFile(authFile, 'utf8')).toBe(before);
    expect(emu.requests).toHaveLength(0);
  });

  it('retries a refresh that met a token endpoint outage, and then succeeds', async () => {
    tokens.validRefreshTokens.add('rt-SECRET-original');
    tokens.enqueue({ status: 500, body: {} });
    await writeAuth(authJson({}, { access_token: access('old', -10) }));
    const result = await model({ initialRetryDelayMs: 1 }).doGenerate(hi);
    expect(result.finishReason).toBe('stop');
    expect(tokens.requests).toHaveLength(2);
    expect((await readAuth()).tokens.refresh_token).toBe('rt-SECRET-rotated-1');
  });

  it('keeps the file when the token endpoint answers 200 without an access token', async () => {
    tokens.enqueue({ status: 200, body: { refresh_token: 'rt-SECRET-half', id_token: 'x' } });
    await writeAuth(authJson({}, { access_token: access('old', -10) }));
    const before = await readFile(authFile, 'utf8');
    const error = await failure(model({ maxRetries: 0 }).doGenerate(hi));
    expect(APICallError.isInstance(error)).toBe(true);
    expect(error.message).toBe(
      'The ChatGPT token endpoint answered without a usable access token; the auth file was left as it was. Try again, or run `codex login`.',
    );
    expect((error as APICallError).statusCode).toBe(200);
    expect(await readFile(authFile, 'utf8')).toBe(before);
    expect(emu.requests).toHaveLength(0);
  });

  it('keeps the stored refresh and id token when the answer has empty ones', async () => {
    tokens.enqueue({
      status: 200,
      body: { access_token: access('new'), refresh_token: '', id_token: '' },
    });
    const stored = authJson({}, { access_token: access('old', -10) });
    await writeAuth(stored);
    const result = await model().doGenerate(hi);
    expect(result.finishReason).toBe('stop');
    const saved = (await readAuth()).tokens;
    expect(saved.refresh_token).toBe('rt-SECRET-original');
    expect(saved.id_token).toBe(stored.tokens.id_token);
  });

  it('needs a refresh token to renew an expired access token', async () => {
    await writeAuth(authJson({}, { access_token: access('old', -10), refresh_token: undefined }));
    const error = await failure(model().doGenerate(hi));
    expect(LoadAPIKeyError.isInstance(error)).toBe(true);
    expect(error.message).toMatch(/no refresh token.*codex login/);
  });

  it('refreshes once for 50 concurrent calls', async () => {
    tokens.validRefreshTokens.add('rt-SECRET-original');
    tokens.delayMs = 50;
    await writeAuth(authJson({}, { access_token: access('old', 30) }));
    const m = model();
    const results = await Promise.all(Array.from({ length: 50 }, () => m.doGenerate(hi)));
    expect(results.every(r => r.finishReason === 'stop')).toBe(true);
    expect(tokens.requests).toHaveLength(1);
    expect(new Set(emu.requests.map(r => r.headers.authorization))).toEqual(
      new Set([`Bearer ${tokens.issued[0]}`]),
    );
  });

  it('refreshes once when two processes find the token expired at the same time', async () => {
    tokens.validRefreshTokens.add('rt-SECRET-original');
    tokens.delayMs = 1000; // wide enough that both children overlap
    await writeAuth(authJson({}, { access_token: access('old', 30) }));
    const run = promisify(execFile);
    const child = fileURLToPath(new URL('./support/refresh-child.ts', import.meta.url));
    const env = {
      ...process.env,
      AUTH_FILE: authFile,
      TOKEN_URL: tokens.tokenURL,
      BASE_URL: emu.baseURL,
    };
    const outputs = await Promise.all(
      [1, 2].map(() => run(process.execPath, ['--import', 'tsx', child], { env, timeout: 30_000 })),
    );
    for (const { stdout, stderr } of outputs) {
      expect(stdout.trim()).toBe('ok stop');
      logs.push(stdout, stderr);
    }
    expect(tokens.requests).toHaveLength(1);
    const file = await readAuth();
    expect(file.tokens.access_token).toBe(tokens.issued[0]);
    expect(file.tokens.refresh_token).toBe('rt-SECRET-rotated-1');
    expect(emu.requests.map(r => r.headers.authorization)).toEqual([
      `Bearer ${tokens.issued[0]}`,
      `Bearer ${tokens.issued[0]}`,
    ]);
  });
});

describe('explicit auth', () => {
  it('asks a token function again after a 401 and retries with a new token', async () => {
    let n = 0;
    emu.acceptToken = t => t === 'at-SECRET-2';
    const result = await createCodex({
      baseURL: emu.baseURL,
      auth: async () => ({ accessToken: `at-SECRET-${++n}` }),
    })('gpt-5').doGenerate(hi);
    expect(result.finishReason).toBe('stop');
    expect(emu.requests).toHaveLength(2);
  });

  it('does not retry a fixed token that was rejected', async () => {
    emu.acceptToken = () => false;
    const error = await failure(
      createCodex({ baseURL: emu.baseURL, auth: { accessToken: 'at-SECRET-fixed' } })(
        'gpt-5',
      ).doGenerate(hi),
    );
    expect((error as APICallError).statusCode).toBe(401);
    expect(emu.requests).toHaveLength(1);
  });
});

describe('secrets', () => {
  it('no error of a failed sign-in, refresh or request shows a token', async () => {
    const errors: Error[] = [];
    await writeAuth('{"tokens": {"access_token": "at-SECRET-broken", ');
    errors.push(await failure(model().doGenerate(hi)));
    await writeAuth({ OPENAI_API_KEY: 'sk-SECRET-key', tokens: null });
    errors.push(await failure(model().doGenerate(hi)));
    // a token endpoint that echoes the refresh token it was sent
    tokens.enqueue({ status: 400, body: { error: { message: 'bad token rt-SECRET-original' } } });
    await writeAuth(authJson({}, { access_token: access('old', -10) }));
    errors.push(await failure(model({ maxRetries: 0 }).doGenerate(hi)));
    tokens.validRefreshTokens.add('rt-SECRET-original');
    await writeAuth(authJson());
    emu.acceptToken = () => false;
    errors.push(await failure(model().doGenerate(hi)));

    expect(errors.map(e => e.constructor.name)).toEqual([
      'LoadAPIKeyError',
      'LoadAPIKeyError',
      'APICallError',
      'APICallError',
    ]);
    expect((errors[2] as APICallError).responseBody).toContain('[redacted]');
    expect(errors.flatMap(e => secretLeaks(e))).toEqual([]);
    expect(logs.filter(line => line.includes(SECRET))).toEqual([]);
  });
});
