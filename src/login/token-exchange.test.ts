import { APICallError } from '@ai-sdk/provider';
import { afterEach, describe, expect, it } from 'vitest';
import { startRecordingServer, type RecordingServer } from '../../test/support/recording-server';
import { exchangeAuthorizationCode } from './token-exchange';

let server: RecordingServer | undefined;
afterEach(async () => {
  await server?.close();
  server = undefined;
});

/** The token endpoint answers `status` with `body`; the exchange's error, if it fails. */
async function exchange(status: number, body: string) {
  server = await startRecordingServer((_, res) => {
    res.writeHead(status, { 'content-type': 'application/json' });
    res.end(body);
  });
  return exchangeAuthorizationCode({
    issuer: server.url,
    code: 'ac-SECRET-code',
    codeVerifier: 'SECRET-verifier',
    redirectUri: 'http://localhost:1455/auth/callback',
  }).catch((e: unknown) => e as APICallError);
}

describe('exchangeAuthorizationCode', () => {
  it('posts the code as a form and returns the three tokens', async () => {
    const tokens = { id_token: 'i', access_token: 'a', refresh_token: 'r', extra: 1 };
    expect(await exchange(200, JSON.stringify(tokens))).toStrictEqual({
      id_token: 'i',
      access_token: 'a',
      refresh_token: 'r',
    });
    const hit = server!.hits[0]!;
    expect(hit.method).toBe('POST');
    expect(hit.url).toBe('/oauth/token');
    expect(hit.headers['content-type']).toBe('application/x-www-form-urlencoded');
    expect(Object.fromEntries(new URLSearchParams(hit.body))).toEqual({
      grant_type: 'authorization_code',
      client_id: 'app_EMoamEEZ73f0CkXaXp7hrann',
      redirect_uri: 'http://localhost:1455/auth/callback',
      code: 'ac-SECRET-code',
      code_verifier: 'SECRET-verifier',
    });
  });

  it('an answer missing a token is a permanent error that names what is missing', async () => {
    for (const body of [
      { id_token: 'i', access_token: 'a' },
      { id_token: 'i', access_token: '', refresh_token: 'r' },
      { id_token: 5, access_token: 'a', refresh_token: 'r' },
    ]) {
      const error = (await exchange(200, JSON.stringify(body))) as APICallError;
      expect(APICallError.isInstance(error)).toBe(true);
      expect(error.message).toBe(
        'The sign-in server answered without an id, access and refresh token. Start the sign-in again.',
      );
      expect(error).toMatchObject({ isRetryable: false, statusCode: 200 });
      expect(error.requestBodyValues).toEqual(expect.objectContaining({ code: '[redacted]' }));
      await server!.close();
      server = undefined;
    }
  });

  it('describes a refusal by error_description, error.message, error, error.code, or the text', async () => {
    const cases: Array<[string, string]> = [
      [
        JSON.stringify({ error: 'invalid_grant', error_description: ' Code expired ' }),
        'Code expired',
      ],
      [
        JSON.stringify({ error: { message: 'Nested message', code: 'nested_code' } }),
        'Nested message',
      ],
      [JSON.stringify({ error: 'invalid_grant', error_description: '  ' }), 'invalid_grant'],
      [JSON.stringify({ error: { code: 'nested_code' } }), 'nested_code'],
      ['  Bad Gateway  ', 'Bad Gateway'],
      [JSON.stringify({ error: null }), '{"error":null}'],
      [JSON.stringify({ error: 42, code: 'top_level' }), '{"error":42,"code":"top_level"}'],
      ['', 'no details'],
    ];
    for (const [body, why] of cases) {
      const error = (await exchange(400, body)) as APICallError;
      expect(error.message).toBe(
        `The sign-in server refused the authorization code (HTTP 400: ${why}). Start the sign-in again.`,
      );
      await server!.close();
      server = undefined;
    }
  });

  it('shows [redacted] wherever a refusal echoes the code or the verifier', async () => {
    const echo = 'code ac-SECRET-code does not match verifier SECRET-verifier';
    const error = (await exchange(
      400,
      JSON.stringify({ error_description: echo }),
    )) as APICallError;
    expect(error.message).toBe(
      'The sign-in server refused the authorization code (HTTP 400: code [redacted] does not match verifier [redacted]). Start the sign-in again.',
    );
    expect(error.responseBody).toBe(
      JSON.stringify({ error_description: 'code [redacted] does not match verifier [redacted]' }),
    );
    // what was sent, as the error tells it
    expect(error.requestBodyValues).toStrictEqual({
      grant_type: 'authorization_code',
      client_id: 'app_EMoamEEZ73f0CkXaXp7hrann',
      redirect_uri: 'http://localhost:1455/auth/callback',
      code: '[redacted]',
      code_verifier: '[redacted]',
    });
  });

  it('a success answer that is no JSON object is the permanent missing-tokens error, not a crash', async () => {
    for (const body of ['<html>ok</html>', '', 'null', '["i", "a", "r"]']) {
      const error = (await exchange(200, body)) as APICallError;
      expect(APICallError.isInstance(error)).toBe(true);
      expect(error).toMatchObject({
        message:
          'The sign-in server answered without an id, access and refresh token. Start the sign-in again.',
        isRetryable: false,
      });
      await server!.close();
      server = undefined;
    }
  });

  it('a long refusal text is cut to 200 characters in the message, kept whole in the body', async () => {
    const text = 'x'.repeat(300);
    const error = (await exchange(400, text)) as APICallError;
    expect(error.message).toContain(`(HTTP 400: ${'x'.repeat(200)})`);
    expect(error.message).not.toContain('x'.repeat(201));
    expect(error.responseBody).toBe(text);
  });

  it('a torn refusal is still reported with its status', async () => {
    server = await startRecordingServer((_, res) => {
      res.writeHead(502, { 'content-type': 'application/json', 'content-length': '100' });
      res.write('{"err');
      setTimeout(() => res.destroy(), 20);
    });
    const error = await exchangeAuthorizationCode({
      issuer: server.url,
      code: 'ac-SECRET-code',
      codeVerifier: 'SECRET-verifier',
      redirectUri: 'http://localhost:1455/auth/callback',
    }).catch((e: unknown) => e as APICallError);
    expect(error).toMatchObject({
      message:
        'The sign-in server refused the authorization code (HTTP 502: no details). Start the sign-in again.',
      statusCode: 502,
      isRetryable: true,
      responseBody: '',
    });
  });

  it('retries only what the server may answer differently later', async () => {
    expect(await exchange(429, '{}')).toMatchObject({ isRetryable: true, statusCode: 429 });
    await server!.close();
    expect(await exchange(500, '{}')).toMatchObject({ isRetryable: true });
    await server!.close();
    expect(await exchange(499, '{}')).toMatchObject({ isRetryable: false });
  });

  it('an answer over 4 MiB is not read: the error names the limit and keeps no code', async () => {
    for (const [status, retryable] of [
      [200, false],
      [502, true],
    ] as const) {
      const error = await exchange(
        status,
        `{"echo":"ac-SECRET-code","pad":"${'x'.repeat(5 * 1024 * 1024)}"}`,
      );
      expect(APICallError.isInstance(error)).toBe(true);
      expect(error).toMatchObject({
        message: `The sign-in server at ${server!.url}/oauth/token answered (HTTP ${status}) with more than 4 MiB; it was not read. ${retryable ? 'Try again shortly.' : 'Start the sign-in again.'}`,
        statusCode: status,
        isRetryable: retryable,
        responseBody: undefined,
      });
      expect(JSON.stringify(error)).not.toContain('SECRET');
      await server!.close();
    }
  });
});
