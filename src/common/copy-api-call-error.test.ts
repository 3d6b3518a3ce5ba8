import { APICallError } from '@ai-sdk/provider';
import { describe, expect, it } from 'vitest';
import { copyAPICallError } from './copy-api-call-error';

describe('copyAPICallError', () => {
  const cause = new Error('reset');
  const original = new APICallError({
    message: 'The Codex backend failed',
    url: 'https://chatgpt.example/backend-api/codex/responses',
    requestBodyValues: { model: 'gpt-5.3-codex' },
    statusCode: 503,
    responseHeaders: { 'x-request-id': 'req-1' },
    responseBody: '{"detail":"down"}',
    cause,
    isRetryable: true,
    data: { detail: 'down' },
  });
  const fields = (error: APICallError) => ({
    name: error.name,
    message: error.message,
    url: error.url,
    requestBodyValues: error.requestBodyValues,
    statusCode: error.statusCode,
    responseHeaders: error.responseHeaders,
    responseBody: error.responseBody,
    cause: error.cause,
    isRetryable: error.isRetryable,
    data: error.data,
  });

  it('keeps every field it does not replace', () => {
    const copy = copyAPICallError(original, {});
    expect(copy).not.toBe(original);
    expect(APICallError.isInstance(copy)).toBe(true);
    expect(fields(copy)).toEqual(fields(original));
    expect(copy.cause).toBe(cause);
  });

  it('replaces what it is given, a falsy value included', () => {
    const copy = copyAPICallError(original, { message: 'gave up', isRetryable: false, data: 0 });
    expect(fields(copy)).toEqual({
      ...fields(original),
      message: 'gave up',
      isRetryable: false,
      data: 0,
    });
    // a status whose default would say retryable stays as the original said
    const notRetryable = new APICallError({ ...fields(original), isRetryable: false });
    expect(copyAPICallError(notRetryable, { message: 'm' }).isRetryable).toBe(false);
  });
});
