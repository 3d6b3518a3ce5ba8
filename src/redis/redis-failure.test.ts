import { APICallError, LoadAPIKeyError } from '@ai-sdk/provider';
import { ClientOfflineError, ConnectionTimeoutError, SimpleError } from 'redis';
import { describe, expect, it } from 'vitest';
import { secretLeaks } from '../../test/support/secret-leaks';
import { redisFailure, RedisTimeoutError } from './redis-failure';

// The errors node-redis gives (its own classes), as the user sees them. Against a real
// Redis: test/redis/.

const context = { url: 'redis://127.0.0.1:6379/0', key: 'codex:auth' };
const on = 'Redis at redis://127.0.0.1:6379/0 (key "codex:auth")';
const socketError = (code: string) => Object.assign(new Error(`connect ${code}`), { code });

describe('error replies of Redis', () => {
  it.each([
    ['WRONGPASS invalid username-password pair or user is disabled.', 'WRONGPASS'],
    ['NOAUTH Authentication required.', 'NOAUTH'],
  ])('%s: the password, not retryable', (reply, code) => {
    const error = redisFailure(new SimpleError(reply), context);
    expect(LoadAPIKeyError.isInstance(error)).toBe(true);
    expect(error.message).toBe(
      `${on} refused the sign-in to Redis (${code}). Check the user and password in the Redis URL.`,
    );
  });

  it('NOPERM names the commands and keys to allow', () => {
    const error = redisFailure(
      new SimpleError("NOPERM User reader has no permissions to run the 'set' command"),
      context,
    );
    expect(LoadAPIKeyError.isInstance(error)).toBe(true);
    expect(error.message).toBe(
      `${on}: the Redis user may not run a command the Codex sign-in needs (NOPERM). Allow GET, SET, DEL and EVAL on "codex:auth" and "codex:auth:refresh-lock".`,
    );
  });

  it('WRONGTYPE: the key holds something else, left untouched', () => {
    const error = redisFailure(
      new SimpleError('WRONGTYPE Operation against a key holding the wrong kind of value'),
      context,
    );
    expect(LoadAPIKeyError.isInstance(error)).toBe(true);
    expect(error.message).toBe(
      `${on} holds another type of value, not a Codex sign-in (a string of JSON); it was left untouched. Choose another key, or remove this one.`,
    );
  });

  it('the code is the first word only, and a long reply is cut at 80 characters', () => {
    const late = redisFailure(new SimpleError('oops LOADING later'), context);
    expect(late.message).toBe(`${on} refused a command (oops LOADING later).`);
    expect((late as APICallError).isRetryable).toBe(false);
    const long = redisFailure(new SimpleError(`ERR ${'x'.repeat(200)}`), context);
    expect(long.message).toBe(`${on} refused a command (ERR ${'x'.repeat(76)}).`);
  });

  it('READONLY says to use the primary', () => {
    const error = redisFailure(
      new SimpleError("READONLY You can't write against a read only replica."),
      context,
    );
    expect(LoadAPIKeyError.isInstance(error)).toBe(true);
    expect(error.message).toBe(
      `${on} is a read-only replica (READONLY): a refresh must write the sign-in. Point the URL at the primary.`,
    );
  });

  it.each([
    [
      'LOADING Redis is loading the dataset in memory',
      'LOADING Redis is loading the dataset in memory',
    ],
    ['BUSY Redis is busy running a script.', 'BUSY Redis is busy running a script.'],
    [
      'TRYAGAIN Multiple keys request during rehashing of slot',
      'TRYAGAIN Multiple keys request during rehashing of slot',
    ],
    ['MASTERDOWN Link with MASTER is down', 'MASTERDOWN Link with MASTER is down'],
    [
      "OOM command not allowed when used memory > 'maxmemory'.",
      'OOM command not allowed when used memory >',
    ],
  ])('%s passes: retryable', (reply, summary) => {
    const error = redisFailure(new SimpleError(reply), context);
    expect(APICallError.isInstance(error)).toBe(true);
    expect(error.message).toBe(`${on} refused a command (${summary}). Try again shortly.`);
    expect((error as APICallError).isRetryable).toBe(true);
    expect((error as APICallError).url).toBe(context.url);
    expect((error as APICallError).requestBodyValues).toEqual({ key: 'codex:auth' });
  });

  it('quotes no argument of what was sent: a reply that echoes them is cut at the first quote', () => {
    const echo = new SimpleError(
      "ERR unknown command 'EVAL', with args beginning with: 'if' '1' 'codex:auth' '{\"tokens\":{\"access_token\":\"at-SECRET-1\"}}'",
    );
    const error = redisFailure(echo, context);
    expect(error.message).toBe(`${on} refused a command (ERR unknown command).`);
    expect((error as APICallError).isRetryable).toBe(false);
    expect(secretLeaks(error)).toEqual([]);
  });

  it('a reply without a code word is an ERR', () => {
    expect(redisFailure(new SimpleError('something odd'), context).message).toBe(
      `${on} refused a command (something odd).`,
    );
  });
});

describe('connections', () => {
  it.each([
    'ECONNREFUSED',
    'ECONNRESET',
    'ETIMEDOUT',
    'EPIPE',
    'EHOSTUNREACH',
    'ENETUNREACH',
    'EAI_AGAIN',
  ])('%s: Redis is away for now, retryable', code => {
    const error = redisFailure(socketError(code), context);
    expect(APICallError.isInstance(error)).toBe(true);
    expect(error.message).toBe(
      `Cannot reach ${on} for the Codex sign-in (${code}). Check that Redis is up and the URL is right; try again shortly.`,
    );
    expect((error as APICallError).isRetryable).toBe(true);
  });

  it.each(['ENOTFOUND', 'ERR_TLS_CERT_ALTNAME_INVALID', 'DEPTH_ZERO_SELF_SIGNED_CERT'])(
    '%s: a wrong host or TLS setup, not retryable',
    code => {
      const error = redisFailure(socketError(code), context);
      expect(error.message).toBe(
        `Cannot use ${on} for the Codex sign-in (${code}). Check the Redis URL and its TLS settings.`,
      );
      expect((error as APICallError).isRetryable).toBe(false);
    },
  );

  it('an offline client is named by the socket error that took it offline', () => {
    const error = redisFailure(new ClientOfflineError(), {
      ...context,
      lastError: socketError('ECONNRESET'),
    });
    expect(error.message).toBe(
      `Cannot reach ${on} for the Codex sign-in (ECONNRESET). Check that Redis is up and the URL is right; try again shortly.`,
    );
    expect((error as APICallError).isRetryable).toBe(true);
    // without one, by the client's error
    expect(redisFailure(new ConnectionTimeoutError(), context).message).toContain(
      '(ConnectionTimeoutError)',
    );
  });

  it('no answer in time is retryable', () => {
    const error = redisFailure(new RedisTimeoutError(5_000), context);
    expect(error.message).toBe(
      `Cannot reach ${on} for the Codex sign-in (no answer within 5 s). Check that Redis is up and the URL is right; try again shortly.`,
    );
    expect((error as APICallError).isRetryable).toBe(true);
  });

  it('a code that is no string is no code', () => {
    const error = redisFailure(Object.assign(new Error('x'), { code: -111 }), context);
    expect(error.message).toBe(
      `Cannot use ${on} for the Codex sign-in (Error). Check the Redis URL and its TLS settings.`,
    );
  });

  it('nothing thrown at all is an unknown error', () => {
    for (const thrown of [undefined, null, Object.create(null)]) {
      expect(redisFailure(thrown, context).message).toBe(
        `Cannot use ${on} for the Codex sign-in (unknown error). Check the Redis URL and its TLS settings.`,
      );
    }
  });

  it('anything else is named by its kind, not retried', () => {
    expect(redisFailure(new TypeError('x'), context).message).toBe(
      `Cannot use ${on} for the Codex sign-in (TypeError). Check the Redis URL and its TLS settings.`,
    );
    expect(redisFailure('a string', { url: undefined, key: 'k' })).toMatchObject({
      message:
        'Cannot use Redis (the client passed to redisAuth) (key "k") for the Codex sign-in (String). Check the Redis URL and its TLS settings.',
      url: 'redis:',
      isRetryable: false,
    });
  });
});
