import { APICallError, LoadAPIKeyError } from '@ai-sdk/provider';

/** Which Redis and key a failure is about, and the client's latest socket error. */
export type RedisFailureContext = {
  /** `redis://host:6379/0`: no user, password or query; `undefined` for a client handed in. */
  url: string | undefined;
  key: string;
  /** The latest `error` event of a client we opened: why it is offline. */
  lastError?: unknown;
};

/** Redis did not answer in time (the client may still be waiting to connect). */
export class RedisTimeoutError extends Error {
  constructor(readonly timeoutMs: number) {
    super(`no answer within ${timeoutMs / 1000} s`);
  }
}

/** Error replies a later try can get past: Redis is starting, busy, failing over, full. */
const PASSING_REPLIES = new Set(['LOADING', 'BUSY', 'TRYAGAIN', 'MASTERDOWN', 'OOM']);
/** Socket errors of a host that is there but not answering now. */
const PASSING_SOCKET_CODES = new Set([
  'ECONNREFUSED',
  'ECONNRESET',
  'ETIMEDOUT',
  'EPIPE',
  'EHOSTUNREACH',
  'ENETUNREACH',
  'EAI_AGAIN',
]);
/** The classes node-redis gives an error reply of Redis (5 and 6). */
const REPLY_ERRORS = new Set(['ErrorReply', 'SimpleError', 'BlobError']);
/** node-redis errors of a connection that is down for now. */
const OFFLINE_ERRORS = new Set([
  'ClientOfflineError',
  'ClientClosedError',
  'SocketClosedUnexpectedlyError',
  'ConnectionTimeoutError',
  'ReconnectStrategyError',
  'RedisTimeoutError',
]);

/**
 * A failed Redis command as an error that names Redis and the key, says what to do, and is
 * retryable only when trying again can help. It never quotes a value or the URL: a reply
 * like `ERR unknown command …, with args beginning with: …` quotes what was sent, so only
 * its first words are kept.
 */
export function redisFailure(error: unknown, context: RedisFailureContext): Error {
  const on = `${describeRedis(context.url)} (key "${context.key}")`;
  const reply = errorReply(error);
  if (reply != null) {
    switch (reply.code) {
      case 'WRONGPASS':
      case 'NOAUTH':
        return new LoadAPIKeyError({
          message: `${on} refused the sign-in to Redis (${reply.code}). Check the user and password in the Redis URL.`,
        });
      case 'NOPERM':
        return new LoadAPIKeyError({
          message: `${on}: the Redis user may not run a command the Codex sign-in needs (NOPERM). Allow GET, SET, DEL and EVAL on "${context.key}" and "${context.key}:refresh-lock".`,
        });
      case 'WRONGTYPE':
        return new LoadAPIKeyError({
          message: `${on} holds another type of value, not a Codex sign-in (a string of JSON); it was left untouched. Choose another key, or remove this one.`,
        });
      case 'READONLY':
        return new LoadAPIKeyError({
          message: `${on} is a read-only replica (READONLY): a refresh must write the sign-in. Point the URL at the primary.`,
        });
    }
    return new APICallError({
      message: `${on} refused a command (${reply.summary}).${PASSING_REPLIES.has(reply.code) ? ' Try again shortly.' : ''}`,
      url: urlOf(context),
      requestBodyValues: { key: context.key },
      isRetryable: PASSING_REPLIES.has(reply.code),
    });
  }
  const name = kindOf(error);
  const code = socketCode(error) ?? socketCode(context.lastError);
  const offline = OFFLINE_ERRORS.has(name) || PASSING_SOCKET_CODES.has(code ?? '');
  const why = error instanceof RedisTimeoutError ? error.message : (code ?? name);
  return new APICallError({
    message: offline
      ? `Cannot reach ${on} for the Codex sign-in (${why}). Check that Redis is up and the URL is right; try again shortly.`
      : `Cannot use ${on} for the Codex sign-in (${why}). Check the Redis URL and its TLS settings.`,
    url: urlOf(context),
    requestBodyValues: { key: context.key },
    isRetryable: offline,
  });
}

/** The code (first word) and the safe start of an error reply of Redis. */
function errorReply(error: unknown): { code: string; summary: string } | undefined {
  if (!REPLY_ERRORS.has(kindOf(error))) return undefined;
  const message = String((error as Error).message);
  const code = /^[A-Z]+/.exec(message)?.[0] ?? 'ERR';
  const summary = message
    .split(/['"`:,]/)[0]!
    .trim()
    .slice(0, 80);
  return { code, summary };
}

/** The class of what was thrown: `SimpleError`, `Error`, … (`unknown error` for nothing). */
function kindOf(error: unknown): string {
  const kind =
    error == null ? undefined : (error as { constructor?: { name?: string } }).constructor;
  return kind?.name ?? 'unknown error';
}

function socketCode(error: unknown): string | undefined {
  const code = (error as { code?: unknown } | undefined)?.code;
  return typeof code === 'string' ? code : undefined;
}

/** `Redis at redis://host:6379`, as messages name it. */
export function describeRedis(url: string | undefined): string {
  return url != null ? `Redis at ${url}` : 'Redis (the client passed to redisAuth)';
}

function urlOf(context: RedisFailureContext): string {
  return context.url ?? 'redis:';
}
