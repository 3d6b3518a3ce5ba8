import { InvalidArgumentError } from '@ai-sdk/provider';
import type { AuthFileContent } from '../auth/auth-file-store';
import type { CodexAuthSource } from '../auth/codex-auth-source';
import type { CodexSignInTarget } from '../auth/sign-in-target';
import { createStoredAuth } from '../auth/stored-auth';
import { parseJsonRecord } from '../common/parse-json-record';
import { DEFAULT_REFRESH_TIMEOUT_MS } from '../auth/token-refresh';
import { openRedisConnection, type CodexRedisClient } from './redis-connection';
import { redisSignInStore, type RedisSignInStore } from './redis-sign-in-store';

export const DEFAULT_REDIS_KEY = 'codex:auth';

/** The refresh lock outlives a refresh's timeout by this much: the Redis work around it. */
const LOCK_MARGIN_MS = 5_000;

export type RedisAuthOptions = (
  | {
      /** `redis://[[user]:password@]host[:port][/db]`, or `rediss://` for TLS. */
      url: string;
      client?: undefined;
    }
  | {
      /** A connected client of the `redis` package (`createClient()`), which stays yours. */
      client: CodexRedisClient;
      url?: undefined;
    }
) & {
  /** The key holding the sign-in (JSON in the `auth.json` layout); default `codex:auth`. */
  key?: string | undefined;
  /**
   * How long a refresh may take before it is given up (retryable); default 30 s. The
   * refresh lock expires on its own 5 s later, so a process that died holding it stalls
   * the others no longer than that.
   */
  refreshTimeoutMs?: number | undefined;
};

/** `auth` for `createCodex()`, and a `saveTo` for the sign-in flows of `/login`. */
export type CodexRedisAuth = CodexAuthSource &
  CodexSignInTarget & {
    /** Closes the connection `redisAuth({ url })` opened (a client handed in stays open). */
    close(): Promise<void>;
  };

/**
 * One ChatGPT sign-in shared by every process and machine that uses the same Redis key:
 * each process keeps the access token in memory while it is good, and only one refreshes
 * it at a time, fleet-wide, under a lock in Redis. Node only; needs the `redis` package.
 */
export function redisAuth(options: RedisAuthOptions): CodexRedisAuth {
  return openRedisSignIn(options).auth;
}

/** `redisAuth`, and the store under it for the command's import, status and logout. */
export function openRedisSignIn(options: RedisAuthOptions): {
  auth: CodexRedisAuth;
  store: RedisSignInStore;
} {
  const key = readKey(options.key);
  const refreshTimeoutMs = readTimeout(options.refreshTimeoutMs);
  const hasUrl = options.url != null;
  if (hasUrl === (options.client != null)) {
    throw new InvalidArgumentError({
      argument: hasUrl ? 'client' : 'url',
      message:
        'redisAuth() takes either `url` or `client` (a connected node-redis client), not both or neither.',
    });
  }
  if (hasUrl && typeof options.url !== 'string') {
    throw new InvalidArgumentError({
      argument: 'url',
      message: 'The Redis `url` must be a string.',
    });
  }
  if (!hasUrl && typeof options.client?.sendCommand !== 'function') {
    throw new InvalidArgumentError({
      argument: 'client',
      message:
        'The Redis `client` must be a client of the `redis` package, from createClient() (createCluster() is not supported).',
    });
  }
  const connection = openRedisConnection(options, key);
  const store = redisSignInStore(connection, { lockTtlMs: refreshTimeoutMs + LOCK_MARGIN_MS });
  const source = createStoredAuth(store, { refreshTimeoutMs });
  const auth: CodexRedisAuth = {
    getCredentials: context => source.getCredentials(context),
    onUnauthorized: (rejected, context) => source.onUnauthorized!(rejected, context),
    describeSignInTarget: () => store.name,
    async replaceSignIn(build, abortSignal) {
      let previous: AuthFileContent = {};
      await store.replace(text => {
        // an unreadable value holds nothing worth keeping
        previous = parseJsonRecord(text) ?? {};
        return build(previous);
      }, abortSignal);
      return previous;
    },
    close: () => connection.close(),
  };
  return { auth, store };
}

function readKey(key: unknown): string {
  if (key === undefined) return DEFAULT_REDIS_KEY;
  // The key is named in messages and terminal lines: printable text only.
  if (typeof key !== 'string' || key === '' || /[\p{Cc}\s]/u.test(key)) {
    throw new InvalidArgumentError({
      argument: 'key',
      message: `The Redis \`key\` must be a non-empty string without spaces or control characters, like "${DEFAULT_REDIS_KEY}".`,
    });
  }
  return key;
}

function readTimeout(value: unknown): number {
  if (value === undefined) return DEFAULT_REFRESH_TIMEOUT_MS;
  if (typeof value !== 'number' || !Number.isFinite(value) || value <= 0) {
    throw new InvalidArgumentError({
      argument: 'refreshTimeoutMs',
      message: 'redisAuth `refreshTimeoutMs` must be a positive number of milliseconds.',
    });
  }
  return value;
}
