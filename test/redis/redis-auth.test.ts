import {
  APICallError,
  InvalidArgumentError,
  LoadAPIKeyError,
  type LanguageModelV2CallOptions,
} from '@ai-sdk/provider';
import { createClient } from 'redis';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { createCodex, type CodexProviderSettings } from '../../src';
import { redisAuth, type CodexRedisAuth, type RedisAuthOptions } from '../../src/redis';
import { useCodexEmulator } from '../support/use-codex-emulator';
import { startMockTokenServer, type MockTokenServer } from '../support/mock-token-server';
import {
  accessToken,
  commandCalls,
  signInContent,
  until,
  useRedisServer,
} from '../support/redis-sign-in';
import { startRedisServer } from '../support/redis-server';
import { failure, secretLeaks } from '../support/secret-leaks';

// Every token and password here contains "SECRET": no error may show one.

const emu = useCodexEmulator();
const redis = useRedisServer();
let tokens: MockTokenServer;
const opened: CodexRedisAuth[] = [];

beforeEach(async () => {
  tokens = await startMockTokenServer();
});
afterEach(async () => {
  await tokens.close();
  await Promise.all(opened.splice(0).map(auth => auth.close()));
});

const hi: LanguageModelV2CallOptions = {
  prompt: [{ role: 'user', content: [{ type: 'text', text: 'Hi' }] }],
};

const KEY = 'codex:auth';
const store = (content: unknown, key = KEY) =>
  redis.cli('SET', key, typeof content === 'string' ? content : JSON.stringify(content));
const stored = (key = KEY) => JSON.parse(redis.cli('GET', key));

function auth(options: Partial<RedisAuthOptions> = {}): CodexRedisAuth {
  const source = redisAuth({ url: redis.url, ...options } as RedisAuthOptions);
  opened.push(source);
  return source;
}

function model(source: CodexRedisAuth = auth(), settings: CodexProviderSettings = {}) {
  return createCodex({
    baseURL: emu.baseURL,
    tokenURL: tokens.tokenURL,
    auth: source,
    ...settings,
  })('gpt-5.3-codex');
}

const where = () => `Redis key "${KEY}" (redis://127.0.0.1:${redis.port})`;
const login = () =>
  `\`npx ai-sdk-provider-codex login --redis redis://127.0.0.1:${redis.port} --key ${KEY}\``;
const bearers = () => emu.requests.map(r => r.headers.authorization);

describe('reading the sign-in', () => {
  it('sends the token and account id of the key, and asks Redis once for 100 calls', async () => {
    const content = signInContent();
    store(content);
    redis.cli('CONFIG', 'RESETSTAT');
    const m = model();
    for (let i = 0; i < 100; i++) await m.doGenerate(hi);
    expect(new Set(bearers())).toEqual(new Set([`Bearer ${content.tokens.access_token}`]));
    expect(emu.requests[0]!.headers['chatgpt-account-id']).toBe('acct_redis');
    expect(commandCalls(redis)).toEqual({ get: 1 });
  });

  it('reads the key it is given, and concurrent first calls share one read', async () => {
    const content = signInContent({ access_token: accessToken('other-key') });
    store(content, 'tenant:7:codex');
    redis.cli('CONFIG', 'RESETSTAT');
    const m = model(auth({ key: 'tenant:7:codex' }));
    await Promise.all(Array.from({ length: 20 }, () => m.doGenerate(hi)));
    expect(new Set(bearers())).toEqual(new Set([`Bearer ${content.tokens.access_token}`]));
    expect(commandCalls(redis)).toEqual({ get: 1 });
  });

  it('takes a connected client of the redis package, and leaves it open', async () => {
    store(signInContent());
    const client = createClient({ url: redis.url });
    await client.connect();
    try {
      const source = auth({ url: undefined, client });
      await model(source).doGenerate(hi);
      await source.close();
      expect(await client.sendCommand(['PING'])).toBe('PONG');
    } finally {
      client.destroy();
    }
  });

  it('the accountId setting wins over the key', async () => {
    store(signInContent());
    await model(auth(), { accountId: 'acct_setting' }).doGenerate(hi);
    expect(emu.requests[0]!.headers['chatgpt-account-id']).toBe('acct_setting');
  });
});

describe('refresh', () => {
  it('refreshes near expiry through the provider tokenURL and writes the whole sign-in back, keeping other fields', async () => {
    tokens.validRefreshTokens.add('rt-SECRET-original');
    store(
      signInContent(
        { access_token: accessToken('old', 120), extra: 'kept' },
        { custom_field: { keep: true } },
      ),
    );
    await model().doGenerate(hi);
    expect(tokens.requests.map(r => r.body.refresh_token)).toEqual(['rt-SECRET-original']);
    const after = stored();
    expect(after.tokens).toMatchObject({
      access_token: tokens.issued[0],
      refresh_token: 'rt-SECRET-rotated-1',
      account_id: 'acct_redis',
      extra: 'kept',
    });
    expect(after.tokens.id_token).toMatch(/SECRET-sig-id-1$/);
    expect(after.custom_field).toEqual({ keep: true });
    expect(after.auth_mode).toBe('chatgpt');
    expect(Date.parse(after.last_refresh)).toBeGreaterThan(Date.now() - 60_000);
    expect(bearers()).toEqual([`Bearer ${tokens.issued[0]}`]);
    // the lock is gone, and no other key was made
    expect(redis.cli('KEYS', '*')).toBe(KEY);
  });

  it('does not refresh a token that is still fresh', async () => {
    store(signInContent());
    await model().doGenerate(hi);
    expect(tokens.requests).toHaveLength(0);
  });

  it('refreshes once for 50 concurrent calls', async () => {
    tokens.validRefreshTokens.add('rt-SECRET-original');
    tokens.delayMs = 50;
    store(signInContent({ access_token: accessToken('old', 30) }));
    const m = model();
    const results = await Promise.all(Array.from({ length: 50 }, () => m.doGenerate(hi)));
    expect(results.every(r => r.finishReason === 'stop')).toBe(true);
    expect(tokens.requests).toHaveLength(1);
    expect(new Set(bearers())).toEqual(new Set([`Bearer ${tokens.issued[0]}`]));
  });

  it('two sources of one key (two processes) refresh once: the second takes the first one’s tokens', async () => {
    tokens.validRefreshTokens.add('rt-SECRET-original');
    tokens.delayMs = 300;
    store(signInContent({ access_token: accessToken('old', 30) }));
    const [a, b] = [model(), model()];
    const results = await Promise.all([a.doGenerate(hi), b.doGenerate(hi)]);
    expect(results.map(r => r.finishReason)).toEqual(['stop', 'stop']);
    expect(tokens.requests).toHaveLength(1);
    expect(bearers()).toEqual([`Bearer ${tokens.issued[0]}`, `Bearer ${tokens.issued[0]}`]);
  });

  it('waits out a lock whose holder died, then refreshes once it expires', async () => {
    tokens.validRefreshTokens.add('rt-SECRET-original');
    store(signInContent({ access_token: accessToken('old', 30) }));
    redis.cli('SET', `${KEY}:refresh-lock`, 'a-dead-process', 'PX', '1500');
    const started = Date.now();
    await model().doGenerate(hi);
    expect(Date.now() - started).toBeGreaterThanOrEqual(1400);
    expect(tokens.requests).toHaveLength(1);
    expect(stored().tokens.refresh_token).toBe('rt-SECRET-rotated-1');
  });

  it('sets its lock to expire 5 s after the refresh timeout', async () => {
    tokens.validRefreshTokens.add('rt-SECRET-original');
    // the token endpoint answers while the lock is held: read its life then
    let lockTtl = '';
    tokens.delayMs = 200;
    store(signInContent({ access_token: accessToken('old', 30) }));
    const pending = model(auth({ refreshTimeoutMs: 3_000 })).doGenerate(hi);
    await until(() => tokens.requests.length === 1);
    lockTtl = redis.cli('PTTL', `${KEY}:refresh-lock`);
    await pending;
    expect(Number(lockTtl)).toBeGreaterThan(7_000);
    expect(Number(lockTtl)).toBeLessThanOrEqual(8_000);
  });

  it('never releases a lock that is no longer its own', async () => {
    tokens.validRefreshTokens.add('rt-SECRET-original');
    tokens.delayMs = 300;
    store(signInContent({ access_token: accessToken('old', 30) }));
    const pending = model().doGenerate(hi);
    await until(() => tokens.requests.length === 1);
    // our lock expired meanwhile and another process took it
    redis.cli('SET', `${KEY}:refresh-lock`, 'another-owner', 'PX', '60000');
    await pending;
    expect(redis.cli('GET', `${KEY}:refresh-lock`)).toBe('another-owner');
  });

  it('on 401 re-reads the key and takes what another process stored, without a refresh', async () => {
    store(signInContent());
    const m = model();
    await m.doGenerate(hi);
    const newer = accessToken('newer');
    store(signInContent({ access_token: newer }));
    emu.acceptToken = t => t === newer;
    await m.doGenerate(hi);
    expect(bearers().slice(1)).toEqual([expect.stringMatching(/sig-a$/), `Bearer ${newer}`]);
    expect(tokens.requests).toHaveLength(0);
  });

  it('on 401 refreshes when the key still holds the rejected token', async () => {
    tokens.validRefreshTokens.add('rt-SECRET-original');
    store(signInContent());
    emu.acceptToken = t => tokens.issued.includes(t);
    expect((await model().doGenerate(hi)).finishReason).toBe('stop');
    expect(tokens.requests).toHaveLength(1);
    expect(stored().tokens.access_token).toBe(tokens.issued[0]);
  });

  it('refresh_token_reused: re-reads the key, and takes the tokens a client without the lock stored', async () => {
    store(signInContent({ access_token: accessToken('old', 30) }));
    // the Codex CLI refreshed on its own: our refresh token is spent, its tokens land in Redis
    tokens.enqueue({
      status: 401,
      body: { error: { code: 'refresh_token_reused', message: 'already used' } },
      delayMs: 200,
    });
    const theirs = signInContent({
      access_token: accessToken('theirs'),
      refresh_token: 'rt-SECRET-theirs',
    });
    void until(() => tokens.requests.length === 1).then(() => store(theirs));
    expect((await model().doGenerate(hi)).finishReason).toBe('stop');
    expect(bearers()).toEqual([`Bearer ${theirs.tokens.access_token}`]);
    expect(stored()).toEqual(theirs);
  });

  it('refresh_token_reused with nothing newer in the key: says to sign in again, key untouched', async () => {
    const content = signInContent({ access_token: accessToken('old', 30) });
    store(content);
    const error = await failure(model().doGenerate(hi));
    expect(error.message).toBe(
      `Your ChatGPT sign-in can no longer be refreshed (refresh_token_reused). Run ${login()} to sign in again.`,
    );
    expect((error as APICallError).isRetryable).toBe(false);
    expect(stored()).toEqual(content);
  });

  it('never replaces a sign-in written during the refresh with the refresh’s older lineage', async () => {
    tokens.validRefreshTokens.add('rt-SECRET-original');
    tokens.delayMs = 300;
    store(signInContent({ access_token: accessToken('old', 30) }));
    const login = signInContent(
      { access_token: accessToken('login'), refresh_token: 'rt-SECRET-login' },
      { last_refresh: new Date().toISOString() },
    );
    void until(() => tokens.requests.length === 1).then(() => store(login));
    await model().doGenerate(hi);
    expect(tokens.requests).toHaveLength(1);
    expect(stored()).toEqual(login);
    expect(bearers()).toEqual([`Bearer ${login.tokens.access_token}`]);
  });

  it('a retryable token endpoint failure keeps the key as it was', async () => {
    tokens.enqueue({ status: 503, body: { error: 'temporarily_unavailable' } });
    const content = signInContent({ access_token: accessToken('old', -10) });
    store(content);
    const error = await failure(model(auth(), { maxRetries: 0 }).doGenerate(hi));
    expect((error as APICallError).isRetryable).toBe(true);
    expect(stored()).toEqual(content);
    expect(redis.cli('EXISTS', `${KEY}:refresh-lock`)).toBe('0');
  });
});

describe('faults', () => {
  it('a missing key says how to sign in to Redis', async () => {
    const error = await failure(model().doGenerate(hi));
    expect(LoadAPIKeyError.isInstance(error)).toBe(true);
    expect(error.message).toBe(
      `No Codex sign-in found: ${where()} does not exist. Run ${login()}, or copy an auth.json there with \`npx ai-sdk-provider-codex import --redis <url> --key ${KEY}\`.`,
    );
    expect(emu.requests).toHaveLength(0);
  });

  it.each([
    ['torn JSON', '{"tokens": {"access_token": "at-SECRET-torn",', 'does not hold valid JSON'],
    ['a JSON array', '["at-SECRET-array"]', 'does not hold a JSON object'],
    ['a JSON string', '"at-SECRET-string"', 'does not hold a JSON object'],
  ])('%s is named, not quoted, and left untouched', async (_, text, problem) => {
    store(text);
    const error = await failure(model().doGenerate(hi));
    expect(LoadAPIKeyError.isInstance(error)).toBe(true);
    expect(error.message).toBe(
      `${where()} ${problem}; it was left untouched. Run ${login()} to write a fresh sign-in there.`,
    );
    expect(redis.cli('GET', KEY)).toBe(text);
  });

  it('a key of another type is named and left untouched', async () => {
    redis.cli('HSET', KEY, 'access_token', 'at-SECRET-hash');
    const error = await failure(model().doGenerate(hi));
    expect(LoadAPIKeyError.isInstance(error)).toBe(true);
    expect(error.message).toBe(
      `Redis at redis://127.0.0.1:${redis.port} (key "${KEY}") holds another type of value, not a Codex sign-in (a string of JSON); it was left untouched. Choose another key, or remove this one.`,
    );
    expect(redis.cli('TYPE', KEY)).toBe('hash');
  });

  it('an API key or no tokens are named as such', async () => {
    store({ OPENAI_API_KEY: 'sk-SECRET-key', tokens: null });
    expect((await failure(model().doGenerate(hi))).message).toBe(
      `${where()} holds an OpenAI API key, not a ChatGPT sign-in. The Codex backend needs a ChatGPT login: run ${login()}.`,
    );
    store({ tokens: { refresh_token: 'rt-SECRET-x' } });
    expect((await failure(model().doGenerate(hi))).message).toBe(
      `${where()} has no ChatGPT tokens. Run ${login()}.`,
    );
  });

  it('an expired token without a refresh token says to sign in again', async () => {
    store(signInContent({ access_token: accessToken('old', -10), refresh_token: undefined }));
    expect((await failure(model().doGenerate(hi))).message).toBe(
      `The ChatGPT access token in ${where()} has expired and the key has no refresh token. Run ${login()} to sign in again.`,
    );
  });

  it('an unreachable Redis is retryable, names Redis and the key, and never the password', async () => {
    const down = await startRedisServer();
    await down.close();
    const url = `redis://:pw-SECRET-1@127.0.0.1:${down.port}/2`;
    const error = await failure(model(auth({ url }), { maxRetries: 0 }).doGenerate(hi));
    expect(APICallError.isInstance(error)).toBe(true);
    expect(error.message).toBe(
      `Cannot reach Redis at redis://127.0.0.1:${down.port}/2 (key "${KEY}") for the Codex sign-in (ECONNREFUSED). Check that Redis is up and the URL is right; try again shortly.`,
    );
    expect((error as APICallError).isRetryable).toBe(true);
    expect((error as APICallError).url).toBe(`redis://127.0.0.1:${down.port}/2`);
  });

  it('a wrong password is not retryable and names Redis and the key, not the password', async () => {
    const locked = await startRedisServer({ password: 'right-SECRET-pw' });
    try {
      const url = `redis://:wrong-SECRET-pw@127.0.0.1:${locked.port}`;
      const error = await failure(model(auth({ url })).doGenerate(hi));
      expect(LoadAPIKeyError.isInstance(error)).toBe(true);
      expect(error.message).toBe(
        `Redis at redis://127.0.0.1:${locked.port} (key "${KEY}") refused the sign-in to Redis (WRONGPASS). Check the user and password in the Redis URL.`,
      );
      const none = await failure(
        model(auth({ url: `redis://127.0.0.1:${locked.port}` })).doGenerate(hi),
      );
      expect(none.message).toMatch(/refused the sign-in to Redis \(NOAUTH\)/);
    } finally {
      await locked.close();
    }
  });

  it('a Redis user that may read but not lock: named, not retried, the key untouched', async () => {
    const content = signInContent({ access_token: accessToken('old', 30) });
    store(content);
    redis.cli(
      'ACL',
      'SETUSER',
      'reader',
      'on',
      '>pw-SECRET-reader',
      '~codex:*',
      '+get',
      '+hello',
      '+client',
    );
    try {
      const url = `redis://reader:pw-SECRET-reader@127.0.0.1:${redis.port}`;
      const error = await failure(model(auth({ url })).doGenerate(hi));
      expect(LoadAPIKeyError.isInstance(error)).toBe(true);
      expect(error.message).toBe(
        `Redis at redis://127.0.0.1:${redis.port} (key "${KEY}"): the Redis user may not run a command the Codex sign-in needs (NOPERM). Allow GET, SET, DEL and EVAL on "${KEY}" and "${KEY}:refresh-lock".`,
      );
      expect(stored()).toEqual(content);
      expect(tokens.requests).toHaveLength(0);
    } finally {
      redis.cli('ACL', 'DELUSER', 'reader');
    }
  });

  it('waits for a held lock at most twice its life, then fails as retryable', async () => {
    store(signInContent({ access_token: accessToken('old', 30) }));
    // a holder that keeps renewing its lock: a refresh stuck somewhere in the fleet
    redis.cli('SET', `${KEY}:refresh-lock`, 'stuck', 'PX', '60000');
    const started = Date.now();
    const error = await failure(
      model(auth({ refreshTimeoutMs: 1 }), { maxRetries: 0 }).doGenerate(hi),
    );
    // the lock of a 1 ms refresh lives 5.001 s: twice that
    expect(Date.now() - started).toBeGreaterThanOrEqual(10_000);
    expect(error.message).toBe(
      `Another process has held the refresh lock of the Codex sign-in in Redis at redis://127.0.0.1:${redis.port} (key "${KEY}") for over 10.002 s. Try again shortly.`,
    );
    expect((error as APICallError).isRetryable).toBe(true);
    expect(tokens.requests).toHaveLength(0);
    expect(redis.cli('GET', `${KEY}:refresh-lock`)).toBe('stuck');
  });

  it.each([
    [{ url: 'http://127.0.0.1:6379' }, 'url', 'must be a redis:// or rediss:// URL'],
    [{ url: 'not a url pw-SECRET' }, 'url', 'must be a redis:// or rediss:// URL'],
    [{ url: 42 }, 'url', 'must be a string'],
    [{}, 'url', 'either `url` or `client`'],
    [{ url: 'redis://x', client: {} }, 'client', 'either `url` or `client`'],
    [{ client: {} }, 'client', 'createClient()'],
    [{ url: 'redis://x', key: '' }, 'key', 'non-empty string'],
    [{ url: 'redis://x', key: 'a b' }, 'key', 'without spaces'],
    [{ url: 'redis://x', key: 'a\nb' }, 'key', 'control characters'],
    [{ url: 'redis://x', refreshTimeoutMs: 0 }, 'refreshTimeoutMs', 'positive number'],
  ])('refuses %j at once, naming %s', (options, argument, text) => {
    let error: unknown;
    try {
      redisAuth(options as RedisAuthOptions);
    } catch (e) {
      error = e;
    }
    expect(InvalidArgumentError.isInstance(error)).toBe(true);
    expect((error as InvalidArgumentError).argument).toBe(argument);
    expect((error as Error).message).toContain(text);
    expect(secretLeaks(error)).toEqual([]);
  });

  it('Redis restarted in the middle of a run: clear errors while it is down, recovery after', async () => {
    store(signInContent());
    const source = auth();
    const m = model(source, { maxRetries: 0 });
    await m.doGenerate(hi);
    await redis.stop({ keepData: true });
    try {
      // a cached, valid token needs no Redis
      expect((await m.doGenerate(hi)).finishReason).toBe('stop');
      // a token the backend rejects does: the key is re-read first
      emu.acceptToken = () => false;
      const error = await failure(m.doGenerate(hi));
      expect(APICallError.isInstance(error)).toBe(true);
      expect(error.message).toMatch(
        new RegExp(
          `^Cannot reach Redis at redis://127\\.0\\.0\\.1:${redis.port} \\(key "${KEY}"\\) for the Codex sign-in \\((ECONNREFUSED|SocketClosedUnexpectedlyError)\\)\\.`,
        ),
      );
      expect((error as APICallError).isRetryable).toBe(true);
    } finally {
      await redis.start();
    }
    const newer = accessToken('after-restart');
    store(signInContent({ access_token: newer }));
    emu.acceptToken = t => t === newer;
    // the client reconnects on its own, within its 2 s backoff
    const started = Date.now();
    let result;
    while (result == null) {
      result = await Promise.resolve(m.doGenerate(hi)).catch(() => undefined);
      if (Date.now() - started > 10_000) throw new Error('no recovery within 10 s');
    }
    expect(result.finishReason).toBe('stop');
    expect(bearers().at(-1)).toBe(`Bearer ${newer}`);
  });
});

describe('secrets', () => {
  it('no Redis key name holds a token: only the sign-in key, and its lock while refreshing', async () => {
    tokens.validRefreshTokens.add('rt-SECRET-original');
    tokens.delayMs = 200;
    store(signInContent({ access_token: accessToken('old', 30) }));
    const pending = model().doGenerate(hi);
    await until(() => tokens.requests.length === 1);
    const during = redis.cli('--scan').split('\n').sort();
    await pending;
    expect(during).toEqual([KEY, `${KEY}:refresh-lock`]);
    expect(redis.cli('--scan')).toBe(KEY);
  });
});
