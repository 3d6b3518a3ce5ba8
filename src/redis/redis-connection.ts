import { InvalidArgumentError } from '@ai-sdk/provider';
import {
  describeRedis,
  redisFailure,
  RedisTimeoutError,
  type RedisFailureContext,
} from './redis-failure';

/**
 * What `redisAuth` needs of a client of the `redis` package (node-redis): raw commands.
 * A client from `createClient()` fits, connected; a cluster client (`createCluster()`)
 * does not.
 */
export type CodexRedisClient = {
  sendCommand(args: string[]): Promise<unknown>;
};

/** One Redis, for one sign-in key: commands whose failures name Redis and the key. */
export type RedisConnection = {
  /** `redis://host:port/db`: the URL without user, password or query; unset for a client. */
  url: string | undefined;
  /** `Redis at redis://host:port/db`, as messages name it. */
  where: string;
  key: string;
  /** Runs one command; a failure is an error that names Redis and the key, never a value. */
  run(args: string[]): Promise<unknown>;
  /** Closes a client this connection opened; a client handed in stays open. */
  close(): Promise<void>;
};

/** A command that takes longer is given up (retryable): Redis answers in milliseconds. */
const COMMAND_TIMEOUT_MS = 5_000;
const CONNECT_TIMEOUT_MS = 5_000;

type NodeRedisClient = CodexRedisClient & {
  connect(): Promise<unknown>;
  destroy(): void;
  ref(): void;
  unref(): void;
  on(event: 'error', listener: (error: Error) => void): unknown;
};

export function openRedisConnection(
  options: { url: string; client?: undefined } | { client: CodexRedisClient; url?: undefined },
  key: string,
): RedisConnection {
  if (options.client != null) {
    const client = options.client;
    const context: RedisFailureContext = { url: undefined, key };
    return {
      url: undefined,
      where: describeRedis(undefined),
      key,
      run: args => command(client.sendCommand(args), context),
      close: async () => {},
    };
  }
  const url = describeRedisUrl(options.url);
  const context: RedisFailureContext = { url, key };
  let connecting: Promise<NodeRedisClient> | undefined;
  let running = 0;
  const connected = () =>
    (connecting ??= connect(options.url, context).catch(error => {
      // the next command tries again: Redis may be up by then
      connecting = undefined;
      throw error;
    }));
  return {
    url,
    where: describeRedis(url),
    key,
    async run(args) {
      const client = await connected();
      // Our socket keeps the process alive only while one of our commands waits: a script
      // that is done must be able to exit without closing the provider.
      if (running++ === 0) client.ref();
      try {
        return await command(client.sendCommand(args), context);
      } finally {
        if (--running === 0) client.unref();
      }
    },
    async close() {
      const opened = connecting;
      connecting = undefined;
      (await opened?.catch(() => undefined))?.destroy();
    },
  };
}

async function connect(url: string, context: RedisFailureContext): Promise<NodeRedisClient> {
  let redis: typeof import('redis');
  try {
    redis = await import('redis');
  } catch {
    throw new InvalidArgumentError({
      argument: 'url',
      message:
        'Using Redis needs the `redis` package (node-redis), which is not installed: run `npm install redis` (with npx: `npx -p ai-sdk-provider-codex -p redis ai-sdk-provider-codex …`).',
    });
  }
  let ready = false;
  // Commands fail at once while Redis is away instead of queueing: a call should fail with
  // a clear error, not hang. Once connected, the client reconnects on its own.
  const client: NodeRedisClient = redis.createClient({
    url,
    disableOfflineQueue: true,
    socket: {
      connectTimeout: CONNECT_TIMEOUT_MS,
      reconnectStrategy: retries => (ready ? Math.min(50 * 2 ** retries, 2_000) : false),
    },
  });
  // node-redis emits every socket error, and an unheard `error` event would end the
  // process. The command that meets the failure reports it; the latest names its cause.
  client.on('error', error => {
    context.lastError = error;
  });
  try {
    await command(client.connect(), context);
  } catch (error) {
    client.destroy();
    throw error;
  }
  ready = true;
  client.unref();
  return client;
}

async function command<T>(pending: Promise<T>, context: RedisFailureContext): Promise<T> {
  let timer: ReturnType<typeof setTimeout> | undefined;
  const timeout = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(new RedisTimeoutError(COMMAND_TIMEOUT_MS)), COMMAND_TIMEOUT_MS);
  });
  try {
    return await Promise.race([pending, timeout]);
  } catch (error) {
    throw redisFailure(error, context);
  } finally {
    clearTimeout(timer);
  }
}

/**
 * The URL without what may be secret (user, password, query), for messages. A URL that is
 * no `redis:` or `rediss:` URL is refused here, without quoting it (it may hold a password).
 */
export function describeRedisUrl(url: string): string {
  let parsed: URL | undefined;
  try {
    parsed = new URL(url);
  } catch {
    // not a URL
  }
  if (parsed == null || (parsed.protocol !== 'redis:' && parsed.protocol !== 'rediss:')) {
    throw new InvalidArgumentError({
      argument: 'url',
      message:
        'The Redis `url` must be a redis:// or rediss:// URL, like redis://:password@host:6379/0.',
    });
  }
  const path = parsed.pathname === '/' ? '' : parsed.pathname;
  return `${parsed.protocol}//${parsed.host}${path}`;
}
