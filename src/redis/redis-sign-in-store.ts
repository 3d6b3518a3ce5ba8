import { LoadAPIKeyError } from '@ai-sdk/provider';
import type { AuthFileContent } from '../auth/auth-file-store';
import type { SignInStore, StoredSignIn } from '../auth/sign-in-store';
import type { RedisConnection } from './redis-connection';
import { withRedisLock } from './redis-lock';

/**
 * Sets the key to ARGV[1] only while it still holds what was read (ARGV[2]; absent: no
 * key): a sign-in written meanwhile (a login, another refresh) is never replaced by an
 * older one. KEEPTTL keeps an expiry someone gave the key.
 */
const REPLACE_SCRIPT = `if redis.call('GET', KEYS[1]) == (ARGV[2] or false) then redis.call('SET', KEYS[1], ARGV[1], 'KEEPTTL') return 1 end return 0`;

/** Deletes the key only while it still holds what was read (ARGV[1]). */
const REMOVE_SCRIPT = `if redis.call('GET', KEYS[1]) == ARGV[1] then return redis.call('DEL', KEYS[1]) end return 0`;

export type RedisSignInStore = SignInStore & {
  connection: RedisConnection;
  /** The stored text, or `undefined` when the key does not exist. */
  readText(): Promise<string | undefined>;
  /**
   * Under the refresh lock: hands `update` what the key holds (its text, `undefined` when
   * there is none) and writes what it returns over it, in one piece. Resolves with the
   * text replaced.
   */
  replace(
    update: (previous: string | undefined) => Promise<AuthFileContent> | AuthFileContent,
    abortSignal?: AbortSignal,
  ): Promise<string | undefined>;
  /**
   * Under the refresh lock: hands `remove` the stored text and deletes the key once it
   * resolves (unless a sign-in was written meanwhile). Resolves with the text removed.
   */
  remove(before?: (previous: string) => Promise<void>): Promise<string | undefined>;
};

/**
 * A Redis key holding a sign-in in the `auth.json` layout, as one string of JSON. Every
 * write is one command over the whole value, and only over what was read.
 */
export function redisSignInStore(
  connection: RedisConnection,
  { lockTtlMs }: { lockTtlMs: number },
): RedisSignInStore {
  const { key } = connection;
  const name = `Redis key "${key}" (${connection.url ?? 'the client passed to redisAuth'})`;
  const loginCommand = `\`npx ai-sdk-provider-codex login --redis ${connection.url ?? '<url>'} --key ${key}\``;
  const readText = async () => textOf(await connection.run(['GET', key]));
  const replaceIfUnchanged = async (next: string, previous: string | undefined) =>
    (await connection.run([
      'EVAL',
      REPLACE_SCRIPT,
      '1',
      key,
      next,
      ...(previous === undefined ? [] : [previous]),
    ])) === 1;
  const store: RedisSignInStore = {
    connection,
    name,
    container: 'the key',
    loginCommand,
    signIn: `run ${loginCommand}`,
    flightKey: () => store,
    readText,
    async read(): Promise<StoredSignIn> {
      const text = await readText();
      if (text === undefined) {
        throw new LoadAPIKeyError({
          message: `No Codex sign-in found: ${name} does not exist. Run ${loginCommand}, or copy an auth.json there with \`npx ai-sdk-provider-codex import --redis <url> --key ${key}\`.`,
        });
      }
      return { content: parseSignIn(text, name, loginCommand), revision: text };
    },
    withRefreshLock: (refresh, settled) => withRedisLock(connection, lockTtlMs, refresh, settled),
    async write(read, next) {
      const written = await replaceIfUnchanged(JSON.stringify(next), read.revision);
      // Someone wrote the key since we read it: theirs is the newer sign-in.
      return written ? next : (await store.read()).content;
    },
    replace: (update, abortSignal) =>
      withRedisLock(
        connection,
        lockTtlMs,
        async () => {
          // A writer that takes no lock (a hand-made SET) is waited out: read and build again.
          for (;;) {
            const previous = await readText();
            const next = JSON.stringify(await update(previous));
            abortSignal?.throwIfAborted();
            if (await replaceIfUnchanged(next, previous)) return previous;
          }
        },
        undefined,
        abortSignal,
      ),
    remove: before =>
      withRedisLock(connection, lockTtlMs, async () => {
        const previous = await readText();
        if (previous === undefined) return undefined;
        await before?.(previous);
        await connection.run(['EVAL', REMOVE_SCRIPT, '1', key, previous]);
        return previous;
      }),
  };
  return store;
}

/** GET's answer: a string, or bytes from a client set to return buffers. */
function textOf(reply: unknown): string | undefined {
  if (reply == null) return undefined;
  return typeof reply === 'string' ? reply : new TextDecoder().decode(reply as Uint8Array);
}

function parseSignIn(text: string, name: string, loginCommand: string): AuthFileContent {
  let content: unknown;
  try {
    content = JSON.parse(text);
  } catch {
    // The parser's own message quotes the text, which holds tokens: say less.
    throw new LoadAPIKeyError({
      message: `${name} does not hold valid JSON; it was left untouched. Run ${loginCommand} to write a fresh sign-in there.`,
    });
  }
  if (content == null || typeof content !== 'object' || Array.isArray(content)) {
    throw new LoadAPIKeyError({
      message: `${name} does not hold a JSON object; it was left untouched. Run ${loginCommand} to write a fresh sign-in there.`,
    });
  }
  return content as AuthFileContent;
}
