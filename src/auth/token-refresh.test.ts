import { APICallError } from '@ai-sdk/provider';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { startMockTokenServer, type MockTokenServer } from '../../test/support/mock-token-server';
import { secretLeaks } from '../../test/support/secret-leaks';
import { DEFAULT_REFRESH_TIMEOUT_MS, refreshCodexTokens } from './token-refresh';

let tokens: MockTokenServer;
beforeEach(async () => {
  tokens = await startMockTokenServer();
});
afterEach(() => tokens.close());

describe('refreshCodexTokens', () => {
  it('gives up on a token endpoint that does not answer in time, as retryable', async () => {
    expect(DEFAULT_REFRESH_TIMEOUT_MS).toBe(30_000);
    tokens.validRefreshTokens.add('rt-SECRET-slow');
    tokens.delayMs = 5_000;
    const started = Date.now();
    const error = await refreshCodexTokens({
      tokenURL: tokens.tokenURL,
      refreshToken: 'rt-SECRET-slow',
      timeoutMs: 100,
    }).catch((e: unknown) => e);
    expect(Date.now() - started).toBeLessThan(2_000);
    expect(APICallError.isInstance(error)).toBe(true);
    expect((error as APICallError).message).toBe(
      'The ChatGPT token endpoint did not answer within 0.1 s. Try again shortly.',
    );
    expect((error as APICallError).isRetryable).toBe(true);
    expect((error as APICallError).requestBodyValues).toMatchObject({
      refresh_token: '[redacted]',
    });
  });

  it('answers within the timeout as usual', async () => {
    tokens.validRefreshTokens.add('rt-SECRET-ok');
    tokens.delayMs = 20;
    const fresh = await refreshCodexTokens({
      tokenURL: tokens.tokenURL,
      refreshToken: 'rt-SECRET-ok',
      timeoutMs: 2_000,
    });
    expect(fresh.refresh_token).toBe('rt-SECRET-rotated-1');
  });
});

describe('the request', () => {
  it('posts the refresh token as JSON with the Codex client id, asking for JSON', async () => {
    tokens.validRefreshTokens.add('rt-SECRET-json');
    await refreshCodexTokens({ tokenURL: tokens.tokenURL, refreshToken: 'rt-SECRET-json' });
    expect(tokens.requests).toEqual([
      {
        body: {
          client_id: 'app_EMoamEEZ73f0CkXaXp7hrann',
          grant_type: 'refresh_token',
          refresh_token: 'rt-SECRET-json',
        },
      },
    ]);
    expect(tokens.requestHeaders[0]).toMatchObject({
      'content-type': 'application/json',
      accept: 'application/json',
    });
  });

  it('leaves no timer behind to keep the process alive for the timeout', async () => {
    // An answer without a socket, so that the only timer in play is the refresh's own.
    const fetch = async () => Response.json({ access_token: 'at-SECRET-timer' });
    const timers = () => process.getActiveResourcesInfo().filter(r => r === 'Timeout').length;
    const before = timers();
    await refreshCodexTokens({ tokenURL: tokens.tokenURL, refreshToken: 'rt-SECRET-x', fetch });
    expect(timers()).toBe(before);
  });
});

describe('failures before an answer', () => {
  it('an endpoint that cannot be reached is a retryable error, not a timeout', async () => {
    const { tokenURL } = tokens;
    await tokens.close();
    const error = await failure(refreshCodexTokens({ tokenURL, refreshToken: 'rt-SECRET-x' }));
    expect(error.message).toMatch(
      /^Could not reach the ChatGPT token endpoint to refresh the sign-in \(.+\)\. Try again shortly\.$/,
    );
    expect(error.isRetryable).toBe(true);
    expect(error.url).toBe(tokenURL);
    expect(error.requestBodyValues).toEqual({
      client_id: 'app_EMoamEEZ73f0CkXaXp7hrann',
      grant_type: 'refresh_token',
      refresh_token: '[redacted]',
    });
    expect(secretLeaks(error)).toEqual([]);
  });

  it('an abort raised by a custom fetch passes through as it is', async () => {
    const abort = new DOMException('The operation was aborted.', 'AbortError');
    const error = await refreshCodexTokens({
      tokenURL: tokens.tokenURL,
      refreshToken: 'rt-SECRET-x',
      fetch: async () => {
        throw abort;
      },
    }).catch((e: unknown) => e);
    expect(error).toBe(abort);
  });

  it('the timeout also covers an answer whose body stalls after the headers', async () => {
    tokens.enqueue({ status: 200, body: { access_token: 'at-SECRET-late' }, bodyDelayMs: 3_000 });
    const error = await failure(
      refreshCodexTokens({
        tokenURL: tokens.tokenURL,
        refreshToken: 'rt-SECRET-x',
        timeoutMs: 200,
      }),
    );
    expect(error.message).toBe(
      'The ChatGPT token endpoint did not answer within 0.2 s. Try again shortly.',
    );
    expect(error.isRetryable).toBe(true);
  });

  it('an answer cut short is a failure with the status and an empty body', async () => {
    tokens.enqueue({ status: 502, rawBody: '<html>Bad gateway, try later</html>', cutBody: true });
    const error = await failure(
      refreshCodexTokens({ tokenURL: tokens.tokenURL, refreshToken: 'rt-SECRET-x' }),
    );
    expect(error.message).toBe(
      'Refreshing the ChatGPT sign-in failed (HTTP 502). Try again shortly.',
    );
    expect(error.statusCode).toBe(502);
    expect(error.responseBody).toBe('');
    expect(error.isRetryable).toBe(true);
  });
});

describe('a successful answer', () => {
  it.each([
    ['null', { body: null }],
    ['an HTML page', { rawBody: '<html>Welcome</html>' }],
    ['no access token', { body: { refresh_token: 'rt-SECRET-next' } }],
    ['a numeric access token', { body: { access_token: 42 } }],
    ['an empty access token', { body: { access_token: '' } }],
    ['an access token with a line break', { body: { access_token: 'at-SECRET-nl\n' } }],
  ])('with %s is a retryable error that quotes nothing', async (_, answer) => {
    tokens.enqueue({ status: 200, ...answer });
    const error = await failure(
      refreshCodexTokens({ tokenURL: tokens.tokenURL, refreshToken: 'rt-SECRET-x' }),
    );
    expect(error.message).toBe(
      'The ChatGPT token endpoint answered without a usable access token; the auth file was left as it was. Try again, or run `codex login`.',
    );
    expect(error.statusCode).toBe(200);
    expect(error.isRetryable).toBe(true);
    expect(secretLeaks(error)).toEqual([]);
  });

  it('keeps the id and refresh tokens only where the answer has them as strings', async () => {
    tokens.enqueue(
      { status: 200, body: { access_token: 'at-SECRET-only' } },
      { status: 200, body: { access_token: 'at-SECRET-odd', id_token: null, refresh_token: 42 } },
    );
    const refresh = () =>
      refreshCodexTokens({ tokenURL: tokens.tokenURL, refreshToken: 'rt-SECRET-x' });
    expect(await refresh()).toStrictEqual({ access_token: 'at-SECRET-only' });
    expect(await refresh()).toStrictEqual({ access_token: 'at-SECRET-odd' });
  });
});

describe('a refused refresh', () => {
  const SIGN_IN_AGAIN = (why: string) =>
    `Your ChatGPT sign-in can no longer be refreshed (${why}). Run \`codex login\` to sign in again.`;
  const TRY_AGAIN = (why: string) =>
    `Refreshing the ChatGPT sign-in failed (${why}). Try again shortly.`;

  it.each([
    // the error code as a string, in an error object (code or type), or at the top level
    [400, { error: 'invalid_grant' }, SIGN_IN_AGAIN('invalid_grant'), 'invalid_grant', false],
    [
      400,
      { error: { code: 'refresh_token_expired', message: 'expired' } },
      SIGN_IN_AGAIN('refresh_token_expired'),
      'refresh_token_expired',
      false,
    ],
    [
      400,
      { error: { type: 'refresh_token_invalidated' } },
      SIGN_IN_AGAIN('refresh_token_invalidated'),
      'refresh_token_invalidated',
      false,
    ],
    [
      400,
      { code: 'refresh_token_reused' },
      SIGN_IN_AGAIN('refresh_token_reused'),
      'refresh_token_reused',
      false,
    ],
    [
      400,
      { error: { message: 'no code here' }, code: 'refresh_token_expired' },
      SIGN_IN_AGAIN('refresh_token_expired'),
      'refresh_token_expired',
      false,
    ],
    [
      400,
      { error: null, code: 'refresh_token_expired' },
      SIGN_IN_AGAIN('refresh_token_expired'),
      'refresh_token_expired',
      false,
    ],
    // any 401 is permanent, whatever its body
    [401, { error: { message: 'Unauthorized' } }, SIGN_IN_AGAIN('HTTP 401'), undefined, false],
    // another code: neither permanent nor worth retrying as it is
    [400, { error: 'invalid_request' }, TRY_AGAIN('invalid_request'), 'invalid_request', false],
    // codes that are no strings are no codes
    [400, { error: { code: 42 }, code: 7 }, TRY_AGAIN('HTTP 400'), undefined, false],
    // busy or broken endpoints are worth retrying
    [429, {}, TRY_AGAIN('HTTP 429'), undefined, true],
    [503, null, TRY_AGAIN('HTTP 503'), undefined, true],
    [500, 'oops', TRY_AGAIN('HTTP 500'), undefined, true],
  ] as const)('%i %j', async (status, body, message, code, isRetryable) => {
    tokens.enqueue({ status, body });
    const error = await failure(
      refreshCodexTokens({ tokenURL: tokens.tokenURL, refreshToken: 'rt-SECRET-x' }),
    );
    expect(error.message).toBe(message);
    expect(error.statusCode).toBe(status);
    expect(error.data).toStrictEqual({ code });
    expect(error.isRetryable).toBe(isRetryable);
    expect(error.responseBody).toBe(JSON.stringify(body));
  });

  it('an HTML error page is a failure with its status', async () => {
    tokens.enqueue({ status: 500, rawBody: '<html>Internal error</html>' });
    const error = await failure(
      refreshCodexTokens({ tokenURL: tokens.tokenURL, refreshToken: 'rt-SECRET-x' }),
    );
    expect(error.message).toBe(TRY_AGAIN('HTTP 500'));
    expect(error.responseBody).toBe('<html>Internal error</html>');
    expect(error.isRetryable).toBe(true);
  });
});

async function failure(promise: Promise<unknown>): Promise<APICallError> {
  const error = await promise.then(
    () => undefined,
    (e: unknown) => e,
  );
  if (!APICallError.isInstance(error))
    throw new Error(`expected an APICallError, got ${String(error)}`);
  return error;
}
