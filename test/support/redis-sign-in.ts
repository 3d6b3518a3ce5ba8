import { afterAll, beforeAll, beforeEach } from 'vitest';
import { makeJwt, nowSeconds } from './jwt';
import { startRedisServer, type RedisServer } from './redis-server';

/**
 * One redis-server per test file, emptied before each test. The returned object always
 * points at the live server.
 */
export function useRedisServer(options: { password?: string } = {}): RedisServer {
  let current: RedisServer | undefined;
  beforeAll(async () => {
    current = await startRedisServer(options);
  });
  afterAll(() => current?.close());
  beforeEach(() => {
    current!.cli('FLUSHALL');
  });
  return new Proxy({} as RedisServer, {
    get: (_, key) => Reflect.get(current!, key),
  });
}

export const accessToken = (marker: string, expiresInSeconds = 3600, accountId?: string) =>
  makeJwt({ exp: nowSeconds() + expiresInSeconds, marker, accountId });

/** A sign-in in the auth.json layout, as `login --redis` stores it (every token holds SECRET). */
export function signInContent(
  tokens: Record<string, unknown> = {},
  extra: Record<string, unknown> = {},
) {
  return {
    auth_mode: 'chatgpt',
    OPENAI_API_KEY: null,
    tokens: {
      id_token: makeJwt({ exp: nowSeconds() + 3600, marker: 'id', accountId: 'acct_id' }),
      access_token: accessToken('a'),
      refresh_token: 'rt-SECRET-original',
      account_id: 'acct_redis',
      ...tokens,
    },
    last_refresh: '2026-01-01T00:00:00.000Z',
    ...extra,
  };
}

/**
 * The calls Redis has answered per command since the last `CONFIG RESETSTAT`, besides a
 * new connection's handshake (`HELLO`, `CLIENT`) and the test's own `INFO`.
 */
export function commandCalls(redis: RedisServer): Record<string, number> {
  const calls: Record<string, number> = {};
  for (const match of redis.cli('INFO', 'commandstats').matchAll(/cmdstat_(\w+):calls=(\d+)/g)) {
    if (!['hello', 'client', 'info', 'config'].includes(match[1]!)) {
      calls[match[1]!] = Number(match[2]);
    }
  }
  return calls;
}

/** Resolves once `condition()` holds, polling every 10 ms; fails after `timeoutMs`. */
export async function until(condition: () => boolean, timeoutMs = 5_000): Promise<void> {
  const giveUpAt = Date.now() + timeoutMs;
  while (!condition()) {
    if (Date.now() > giveUpAt) throw new Error('condition not met in time');
    await new Promise(resolve => setTimeout(resolve, 10));
  }
}
