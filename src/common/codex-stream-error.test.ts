import { describe, expect, it } from 'vitest';
import { CODEX_STREAM_ERROR_CODES, createStreamError } from './codex-stream-error';

// An error inside a 2xx stream: `code: message`, or what to do for the failures a user must
// act on, with the answer's ids; retryable by its code; never quoting the credentials.

const answer = {
  url: 'https://chatgpt.example/backend-api/codex/responses',
  requestBodyValues: { model: 'gpt-5.3-codex' },
  responseHeaders: { 'x-request-id': 'req-9' },
};

describe('createStreamError', () => {
  it('says `code: message` with the request id, on a 200', () => {
    const error = createStreamError({ ...answer, code: 'server_error', message: 'Oops', data: 1 });
    expect(error).toMatchObject({
      message: 'server_error: Oops [request id: req-9]',
      statusCode: 200,
      isRetryable: true,
      data: 1,
      url: answer.url,
      requestBodyValues: answer.requestBodyValues,
    });
    expect(createStreamError({ ...answer, code: null, message: '', data: {} }).message).toBe(
      'The Codex response failed [request id: req-9]',
    );
  });

  it.each([
    ...Object.values(CODEX_STREAM_ERROR_CODES),
    'server_is_overloaded',
    'rate_limit_exceeded',
    'server_error',
  ])('retries %s', code => {
    expect(createStreamError({ ...answer, code, message: 'm', data: {} }).isRetryable).toBe(true);
  });

  it.each([null, 'invalid_prompt', 'context_length_exceeded', 'usage_limit_reached'])(
    'does not retry %s',
    code => {
      expect(createStreamError({ ...answer, code, message: 'm', data: {} }).isRetryable).toBe(
        false,
      );
    },
  );

  it('names the used-up limit and the plan of a usage limit, by code or by the error type', () => {
    const headers = {
      'x-codex-primary-used-percent': '100',
      'x-codex-primary-window-minutes': '10080',
    };
    for (const [code, data] of [
      ['usage_limit_reached', { plan_type: 'pro', resets_in_seconds: 120 }],
      ['x', { type: 'usage_limit_reached', plan_type: 'pro', resets_in_seconds: 120 }],
    ] as const) {
      const error = createStreamError({
        ...answer,
        responseHeaders: headers,
        code,
        message: 'limit',
        data,
      });
      expect(error.message).toBe(
        'You have hit your ChatGPT usage limit (pro plan; its weekly window is used up). Try again in ~2 min.',
      );
    }
  });

  it('reads a usage limit whose reset time is none a Date can hold (no wait given)', () => {
    const error = createStreamError({
      ...answer,
      code: 'usage_limit_reached',
      message: 'limit',
      data: { plan_type: 'pro', resets_at: 8.7e12 },
    });
    expect(error.message).toBe(
      'You have hit your ChatGPT usage limit (pro plan). [request id: req-9]',
    );
  });

  it('says what to do of a plan without Codex (with its plan) and of an input too long', () => {
    expect(
      createStreamError({
        ...answer,
        code: 'usage_not_included',
        message: 'x',
        data: { plan_type: 'free' },
      }).message,
    ).toMatch(/^Your ChatGPT plan \(free\) does not include Codex \(usage_not_included\): /);
    expect(
      createStreamError({
        ...answer,
        code: 'context_length_exceeded',
        message: 'Too long',
        data: {},
      }).message,
    ).toMatch(/^context_length_exceeded: Too long\. Automatic compaction is off/);
  });

  it('redacts the credentials from the message and the data', () => {
    const error = createStreamError({
      ...answer,
      code: 'invalid_request',
      message: 'bad header Bearer at-SECRET-stream',
      data: { echoed: 'at-SECRET-stream' },
      secrets: ['Bearer at-SECRET-stream'],
    });
    expect(error.message).toBe('invalid_request: bad header [redacted] [request id: req-9]');
    expect(error.data).toEqual({ echoed: '[redacted]' });
  });
});
