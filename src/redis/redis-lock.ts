import { APICallError } from '@ai-sdk/provider';
import { delay } from '@ai-sdk/provider-utils';
import type { RedisConnection } from './redis-connection';

/** Deletes the lock only if it still holds our owner value: never another holder's lock. */
const RELEASE_SCRIPT = `if redis.call('GET', KEYS[1]) == ARGV[1] then return redis.call('DEL', KEYS[1]) end return 0`;

/** The key of the refresh lock of sign-in key `key`. */
export const lockKeyOf = (key: string) => `${key}:refresh-lock`;

/**
 * Runs `fn` holding the refresh lock of `connection.key` across every process that uses
 * that key: `SET NX PX` with a random owner value, released by a compare-and-delete
 * script, expiring on its own after `ttlMs` when its holder died. While another process
 * holds it, `settled` is asked between polls whether that holder's result arrived, which
 * is then taken without the lock. The wait is bounded: twice the lock's life.
 */
export async function withRedisLock<T>(
  connection: RedisConnection,
  ttlMs: number,
  fn: () => Promise<T>,
  settled: () => Promise<T | undefined> = async () => undefined,
  abortSignal?: AbortSignal,
): Promise<T> {
  const lockKey = lockKeyOf(connection.key);
  const owner = crypto.randomUUID();
  const giveUpAt = Date.now() + 2 * ttlMs;
  for (let attempt = 0; ; attempt++) {
    abortSignal?.throwIfAborted();
    const taken = await connection.run(['SET', lockKey, owner, 'NX', 'PX', String(ttlMs)]);
    if (taken === 'OK') break;
    const result = await settled();
    if (result !== undefined) return result;
    if (Date.now() > giveUpAt) {
      throw new APICallError({
        message: `Another process has held the refresh lock of the Codex sign-in in ${connection.where} (key "${connection.key}") for over ${(2 * ttlMs) / 1000} s. Try again shortly.`,
        url: connection.url ?? 'redis:',
        requestBodyValues: { key: connection.key },
        isRetryable: true,
      });
    }
    await delay(Math.min(25 * 2 ** attempt, 100), { abortSignal });
  }
  try {
    return await fn();
  } finally {
    // A failed release (Redis gone) leaves a lock that expires on its own: the result of
    // `fn` (or its error) is what the caller needs.
    await connection.run(['EVAL', RELEASE_SCRIPT, '1', lockKey, owner]).catch(() => {});
  }
}
