import { APICallError } from '@ai-sdk/provider';
import { describe, expect, it } from 'vitest';
import {
  errorFrameCode,
  errorFrameToAPICallError,
  handshakeError,
  isRefusedUpgrade,
  isWrappedErrorFrame,
  socketFailure,
} from './websocket-errors';

// What a WebSocket failure turns into: the APICallError a caller reads (message, status,
// isRetryable), the same as the HTTP transport would have given.

const url = 'ws://127.0.0.1:1/backend-api/codex/responses';
const token = 'Bearer at-SECRET-websocket-errors-1234';

describe('isWrappedErrorFrame', () => {
  it('takes an error frame with a non-2xx status for an HTTP failure, at both edges of 2xx', () => {
    const frame = (status: number) => ({ type: 'error', status, error: { message: 'x' } });
    expect(isWrappedErrorFrame(frame(429))).toBe(true);
    expect(isWrappedErrorFrame(frame(199))).toBe(true);
    expect(isWrappedErrorFrame(frame(300))).toBe(true);
    expect(isWrappedErrorFrame(frame(200))).toBe(false);
    expect(isWrappedErrorFrame(frame(299))).toBe(false);
  });

  it('leaves a stream error event (no numeric status) to the part stream', () => {
    // a status that is not a number is no HTTP status: the part stream reports the event
    expect(isWrappedErrorFrame({ type: 'error', status: '500', message: 'boom' } as any)).toBe(
      false,
    );
    expect(
      isWrappedErrorFrame({ type: 'error', code: 'server_error', message: 'boom' } as any),
    ).toBe(false);
    expect(isWrappedErrorFrame({ type: 'error', error: { code: 'server_error' } } as any)).toBe(
      false,
    );
  });

  it('takes the connection age limit for a failure of the request even without a status', () => {
    const frame = { type: 'error', error: { code: 'websocket_connection_limit_reached' } };
    expect(isWrappedErrorFrame(frame)).toBe(true);
  });

  it('never takes another event for an error frame, whatever it carries', () => {
    const event = {
      type: 'response.failed',
      status: 500,
      error: { code: 'websocket_connection_limit_reached' },
    };
    expect(isWrappedErrorFrame(event)).toBe(false);
  });
});

describe('errorFrameCode', () => {
  it('is the error code, else its type, and only a string', () => {
    expect(
      errorFrameCode({
        type: 'error',
        status: 400,
        error: { code: 'previous_response_not_found', type: 'invalid_request_error' },
      }),
    ).toBe('previous_response_not_found');
    expect(
      errorFrameCode({
        type: 'error',
        status: 400,
        error: { code: null, type: 'invalid_request_error' },
      }),
    ).toBe('invalid_request_error');
    expect(errorFrameCode({ type: 'error', status: 400, error: { code: 42 } })).toBeUndefined();
    expect(errorFrameCode({ type: 'error', status: 502 })).toBeUndefined();
  });
});

describe('errorFrameToAPICallError', () => {
  it('gives the HTTP error of the frame: status, message, retryability, request id in the headers', async () => {
    const error = await errorFrameToAPICallError(
      {
        type: 'error',
        status: 503,
        error: { message: 'The server is overloaded', type: 'server_error' },
        headers: {
          'X-Request-Id': 'req_ws_1',
          'x-codex-primary-used-percent': 42,
          'x-codex-credits-unlimited': false,
          'x-nested': { not: 'a header' },
          'x-null': null,
          // the body rebuilt from the frame is JSON, whatever the frame's headers say
          'Content-Type': 'text/html',
        },
      },
      { url, requestBodyValues: { model: 'm' }, secrets: [] },
    );
    expect(APICallError.isInstance(error)).toBe(true);
    expect(error.statusCode).toBe(503);
    expect(error.isRetryable).toBe(true);
    expect(error.url).toBe(url);
    expect(error.requestBodyValues).toEqual({ model: 'm' });
    expect(error.message).toBe('The server is overloaded (server_error) [request id: req_ws_1]');
    expect(error.responseHeaders).toStrictEqual({
      'x-request-id': 'req_ws_1',
      'x-codex-primary-used-percent': '42',
      'x-codex-credits-unlimited': 'false',
      'content-type': 'application/json',
    });
  });

  it('keeps the edges of the error statuses, and reads anything else as a 400', async () => {
    const statusOf = async (status: number | undefined) =>
      (
        await errorFrameToAPICallError(
          { type: 'error', status, error: { message: 'm' } },
          { url, requestBodyValues: undefined, secrets: [] },
        )
      ).statusCode;
    expect(await statusOf(400)).toBe(400);
    expect(await statusOf(599)).toBe(599);
    expect(await statusOf(302)).toBe(400);
    expect(await statusOf(199)).toBe(400);
    expect(await statusOf(600)).toBe(400);
    expect(await statusOf(undefined)).toBe(400);
  });

  it('reads a status-less connection-limit frame as a 400 naming the limit', async () => {
    const error = await errorFrameToAPICallError(
      {
        type: 'error',
        error: { code: 'websocket_connection_limit_reached', message: 'Connection limit reached' },
      },
      { url, requestBodyValues: undefined, secrets: [] },
    );
    expect(error).toMatchObject({ statusCode: 400, isRetryable: false });
    expect(error.message).toBe('Connection limit reached (websocket_connection_limit_reached)');
    expect(error.responseHeaders).toStrictEqual({ 'content-type': 'application/json' });
  });

  it('gives a frame with a status only a generic message of that status', async () => {
    const error = await errorFrameToAPICallError(
      { type: 'error', status: 502 },
      { url, requestBodyValues: undefined, secrets: [] },
    );
    expect(error).toMatchObject({ statusCode: 502, isRetryable: true });
    expect(error.message).toBe('Codex request failed');
  });

  it('turns a usage-limit frame into the usage-limit error, never retryable', async () => {
    const error = await errorFrameToAPICallError(
      {
        type: 'error',
        status: 429,
        error: { type: 'usage_limit_reached', plan_type: 'plus', resets_in_seconds: 60 } as any,
      },
      { url, requestBodyValues: undefined, secrets: [] },
    );
    expect(error).toMatchObject({ statusCode: 429, isRetryable: false });
    expect(error.message).toContain('usage limit (plus plan)');
    expect(error.data).toMatchObject({ plan: 'plus', resetsAt: expect.any(Date) });
  });

  it('redacts the upgrade credentials a frame quotes', async () => {
    const error = await errorFrameToAPICallError(
      {
        type: 'error',
        status: 401,
        error: { message: `Malformed authorization header: ${token}` },
      },
      { url, requestBodyValues: undefined, secrets: [token] },
    );
    expect(error.statusCode).toBe(401);
    expect(error.message).toContain('Malformed authorization header: [redacted]');
    expect(JSON.stringify(error)).not.toContain('at-SECRET');
    expect(error.responseBody ?? '').not.toContain('at-SECRET');
  });
});

describe('handshakeError', () => {
  const refused = (status: number) =>
    handshakeError({ url, status, responseHeaders: { 'x-request-id': 'req_up' } });

  it('says a 401 upgrade rejected the access token, with the URL and the request id; not retryable', () => {
    const error = refused(401);
    expect(error.message).toBe(
      `The Codex backend refused the WebSocket upgrade at ${url} (HTTP 401: the access token was rejected). [request id: req_up]`,
    );
    expect(error).toMatchObject({ statusCode: 401, isRetryable: false, url });
    expect(error.responseHeaders).toEqual({ 'x-request-id': 'req_up' });
    expect(isRefusedUpgrade(error)).toBe(true);
  });

  it('says a 426 upgrade means the backend wants HTTP, and any other status is unexpected', () => {
    expect(refused(426).message).toContain('(HTTP 426: the backend wants HTTP)');
    expect(refused(426).isRetryable).toBe(false);
    expect(refused(503).message).toContain('(HTTP 503: unexpected answer to the upgrade)');
    expect(refused(503).isRetryable).toBe(false);
  });

  it('is the only kind of error taken for a refused upgrade', () => {
    const other = new APICallError({
      message: 'm',
      url,
      requestBodyValues: undefined,
      statusCode: 426,
    });
    expect(isRefusedUpgrade(other)).toBe(false);
    expect(isRefusedUpgrade(new Error('x'))).toBe(false);
  });
});

describe('socketFailure', () => {
  it('is retryable and says only what happened when there is no cause', () => {
    const error = socketFailure({
      url,
      message: 'The WebSocket upgrade took too long',
      secrets: [token],
    });
    expect(error).toMatchObject({ isRetryable: true, url });
    expect(error.message).toBe('The WebSocket upgrade took too long');
    expect(error.cause).toBeUndefined();
  });

  it('adds the network error code behind a generic failure and keeps that cause', () => {
    const cause = Object.assign(new TypeError('fetch failed'), {
      cause: Object.assign(new Error('connect ECONNREFUSED 127.0.0.1:1'), { code: 'ECONNREFUSED' }),
    });
    const error = socketFailure({
      url,
      message: 'Cannot open a WebSocket',
      cause,
      secrets: [token],
    });
    expect(error.message).toBe('Cannot open a WebSocket: ECONNREFUSED');
    expect(error.isRetryable).toBe(true);
    expect(error.cause).toBe(cause);
  });

  it('drops a cause that quotes the credentials, keeping its redacted text', () => {
    const cause = new Error(`proxy refused authorization ${token}`);
    const error = socketFailure({
      url,
      message: 'Cannot open a WebSocket',
      cause,
      secrets: [token],
    });
    expect(error.message).toBe('Cannot open a WebSocket: proxy refused authorization [redacted]');
    expect(error.cause).not.toBe(cause);
    expect((error.cause as Error).message).toBe('proxy refused authorization [redacted]');
    expect(error.isRetryable).toBe(true);
  });
});
