import { APICallError } from '@ai-sdk/provider';
import { describe, expect, it } from 'vitest';
import { redactAPICallError, redactSecrets, unexpectedAnswerError } from './redact-secrets';

const TOKEN = 'at-SECRET-1234.payload-SECRET';
const AUTHORIZATION = `Bearer ${TOKEN}`;
const URL_ = 'https://backend.test/codex/responses';

const apiError = (fields: Partial<ConstructorParameters<typeof APICallError>[0]> = {}) =>
  new APICallError({
    message: 'Bad request',
    url: URL_,
    requestBodyValues: { model: 'gpt-5' },
    statusCode: 400,
    responseHeaders: { 'content-type': 'application/json', 'x-request-id': 'req_1' },
    responseBody: '{"error":{"message":"Bad request"}}',
    data: { error: { message: 'Bad request' } },
    isRetryable: false,
    ...fields,
  });

describe('redactSecrets', () => {
  it('redacts a secret whole when another secret is part of it, whatever their order', () => {
    const accountId = 'at-SECRET-1234';
    const text = `invalid header value "${AUTHORIZATION}"`;
    expect(redactSecrets(text, [accountId, AUTHORIZATION])).toBe(
      'invalid header value "[redacted]"',
    );
    expect(redactSecrets(text, [AUTHORIZATION, accountId])).toBe(
      'invalid header value "[redacted]"',
    );
  });

  it('redacts a word of a secret from eight characters on, and leaves shorter words', () => {
    expect(redactSecrets('got abcdefgh', ['Bearer abcdefgh'])).toBe('got [redacted]');
    expect(redactSecrets('got Bearer abcdefg', ['Bearer abcdefg'])).toBe('got [redacted]');
    expect(redactSecrets('a Bearer for abcdefg', ['Bearer abcdefg'])).toBe('a Bearer for abcdefg');
  });

  it('redacts a quoted value whole when the setting had surrounding whitespace (fetch strips it)', () => {
    expect(redactSecrets(`invalid header value "${AUTHORIZATION}"`, [` ${AUTHORIZATION}\t`])).toBe(
      'invalid header value "[redacted]"',
    );
  });
});

describe('redactAPICallError', () => {
  it('drops response headers whose JSON a secret straddled, rather than keep the secret', () => {
    const secret = 'tok-SECRET","x-b';
    const error = apiError({ responseHeaders: { 'x-a': 'tok-SECRET', 'x-b': '1' } });
    const redacted = redactAPICallError(error, [secret]);
    expect(redacted).not.toBe(error);
    expect(redacted.responseHeaders).toBeUndefined();
    expect(JSON.stringify(redacted)).not.toContain('tok-SECRET');
  });

  it('leaves an error alone whose fields only meet where a secret would be', () => {
    // the message ends and the body starts with the two halves of the token
    const error = apiError({ message: 'Bad at-SECRET', responseBody: '-1234 request' });
    expect(redactAPICallError(error, ['at-SECRET-1234'])).toBe(error);
  });

  it('returns the error itself when nothing in it is secret', () => {
    const error = apiError();
    expect(redactAPICallError(error, [AUTHORIZATION, undefined])).toBe(error);
    const bare = apiError({ responseHeaders: undefined, responseBody: undefined, data: undefined });
    expect(redactAPICallError(bare, [AUTHORIZATION])).toBe(bare);
  });

  it('redacts response headers that echo the credentials (a proxy), and only them', () => {
    const error = apiError({
      responseHeaders: { 'x-echo-authorization': AUTHORIZATION, 'x-request-id': 'req_1' },
    });
    const redacted = redactAPICallError(error, [AUTHORIZATION]);
    expect(redacted.responseHeaders).toEqual({
      'x-echo-authorization': '[redacted]',
      'x-request-id': 'req_1',
    });
    expect(redacted.message).toBe('Bad request');
    expect(redacted.responseBody).toBe(error.responseBody);
    expect(redacted.data).toEqual(error.data);
    expect(redacted.statusCode).toBe(400);
    expect(redacted.isRetryable).toBe(false);
  });

  it('redacts error data that quotes the token (a message about a malformed token)', () => {
    const error = apiError({
      data: { error: { message: `Malformed token ${TOKEN}`, code: 'invalid_token' } },
    });
    const redacted = redactAPICallError(error, [AUTHORIZATION]);
    expect(redacted.data).toEqual({
      error: { message: 'Malformed token [redacted]', code: 'invalid_token' },
    });
    expect(redacted.responseHeaders).toEqual(error.responseHeaders);
    expect(redacted.message).toBe('Bad request');
  });

  it('redacts a token quoted only in the message (an error without a body)', () => {
    const error = apiError({ message: `Invalid header value ${TOKEN}` });
    const redacted = redactAPICallError(error, [AUTHORIZATION]);
    expect(redacted.message).toBe('Invalid header value [redacted]');
    expect(redacted.responseBody).toBe(error.responseBody);
  });

  it('redacts message and body, and hands on data that needs no redacting as it was', () => {
    const resetsAt = new Date('2030-01-01T00:00:00Z');
    const error = apiError({
      message: `Proxy refused ${AUTHORIZATION}`,
      responseBody: `<pre>Authorization: ${AUTHORIZATION}</pre>`,
      data: { plan: 'plus', resetsAt },
    });
    const redacted = redactAPICallError(error, [AUTHORIZATION]);
    expect(redacted.message).toBe('Proxy refused [redacted]');
    expect(redacted.responseBody).toBe('<pre>Authorization: [redacted]</pre>');
    expect(redacted.data).toEqual({ plan: 'plus', resetsAt });
    expect((redacted.data as { resetsAt: unknown }).resetsAt).toBeInstanceOf(Date);
    expect(redacted.responseHeaders).toEqual(error.responseHeaders);
  });
});

describe('unexpectedAnswerError', () => {
  const answer = (cause: unknown, message: string) =>
    unexpectedAnswerError({
      message,
      notJsonMessage: 'It was not JSON.',
      url: URL_,
      response: new Response(null, { status: 200, headers: { 'x-request-id': 'req_2' } }),
      text: `<html>signed in as ${AUTHORIZATION}</html>`,
      cause,
      secrets: [AUTHORIZATION],
    });

  it('says "not JSON" for a body that is none, and drops the parser error', () => {
    const error = answer(new SyntaxError('Unexpected token < in JSON'), 'It answered oddly.');
    expect(error.message).toBe('It was not JSON.');
    expect(error.cause).toBeUndefined();
    expect(error.responseBody).toBe('<html>signed in as [redacted]</html>');
    expect(error.statusCode).toBe(200);
    expect(error.responseHeaders).toMatchObject({ 'x-request-id': 'req_2' });
    expect(error.isRetryable).toBe(false);
  });

  it('keeps the message and the cause of a shape error', () => {
    const cause = new Error('expected object');
    const error = answer(cause, 'The usage endpoint answered unexpectedly.');
    expect(error.message).toBe('The usage endpoint answered unexpectedly.');
    expect(error.cause).toBe(cause);
  });
});
