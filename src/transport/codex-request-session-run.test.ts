import { APICallError } from '@ai-sdk/provider';
import { describe, expect, it } from 'vitest';
import type { CodexRetryPolicy } from './retry-policy';
import { CodexRequestSession } from './codex-request-session';

const URL = 'http://127.0.0.1:9/backend-api/codex/images/generations';

const fast: CodexRetryPolicy = {
  maxRetries: 2,
  initialRetryDelayMs: 1,
  maxRetryDelayMs: 1,
  streamIdleTimeoutMs: undefined,
};

function httpError(statusCode: number, isRetryable: boolean, n = 1): APICallError {
  return new APICallError({
    message: `Service Unavailable (${n})`,
    url: URL,
    requestBodyValues: { prompt: 'a cat' },
    statusCode,
    responseHeaders: { 'x-request-id': `req-${n}` },
    responseBody: '{"error":{"message":"busy"}}',
    data: { error: { message: 'busy' } },
    isRetryable,
  });
}

/** A `send` that fails with `errors` in turn, then answers `'image'`. */
function scripted(errors: unknown[]) {
  const calls = { count: 0 };
  const send = async () => {
    const error = errors[calls.count++];
    if (error !== undefined) throw error;
    return 'image';
  };
  return { send, calls };
}

async function rejection(promise: Promise<unknown>): Promise<unknown> {
  return promise.then(
    () => expect.fail('the call should have failed'),
    (error: unknown) => error,
  );
}

describe('CodexRequestSession.run', () => {
  it('retries transient failures until an attempt succeeds', async () => {
    const { send, calls } = scripted([httpError(503, true, 1), httpError(503, true, 2)]);
    await expect(new CodexRequestSession(fast, undefined).run(send)).resolves.toBe('image');
    expect(calls.count).toBe(3);
  });

  it('makes maxRetries + 1 attempts, then reports the last error as not retryable', async () => {
    const errors = [1, 2, 3, 4].map(n => httpError(503, true, n));
    const { send, calls } = scripted(errors);
    const error = await rejection(new CodexRequestSession(fast, undefined).run(send));
    expect(calls.count).toBe(3);
    expect(APICallError.isInstance(error)).toBe(true);
    const e = error as APICallError;
    expect({ ...e, message: e.message, cause: e.cause }).toEqual({
      ...errors[2],
      message: 'Service Unavailable (3) (gave up after 3 attempts)',
      isRetryable: false,
      cause: errors[2],
    });
  });

  it('throws a failure that is not retryable as it is, after one attempt', async () => {
    const badRequest = httpError(400, false);
    const broken = new TypeError('not JSON');
    for (const failure of [badRequest, broken]) {
      const { send, calls } = scripted([failure, httpError(503, true)]);
      expect(await rejection(new CodexRequestSession(fast, undefined).run(send))).toBe(failure);
      expect(calls.count).toBe(1);
    }
  });

  it('with maxRetries 0 leaves the error, still retryable, to the AI SDK', async () => {
    const unavailable = httpError(503, true);
    const { send, calls } = scripted([unavailable]);
    const error = await rejection(
      new CodexRequestSession({ ...fast, maxRetries: 0 }, undefined).run(send),
    );
    expect(error).toBe(unavailable);
    expect(unavailable.isRetryable).toBe(true);
    expect(calls.count).toBe(1);
  });

  it('throws the failure of an attempt the caller aborted, without a retry', async () => {
    const controller = new AbortController();
    const unavailable = httpError(503, true);
    let calls = 0;
    const send = async () => {
      calls++;
      controller.abort();
      throw unavailable;
    };
    expect(await rejection(new CodexRequestSession(fast, controller.signal).run(send))).toBe(
      unavailable,
    );
    expect(calls).toBe(1);
  });

  it("ends the wait before a retry at once on the caller's abort", async () => {
    const controller = new AbortController();
    const { send, calls } = scripted([httpError(503, true)]);
    const slow = { ...fast, initialRetryDelayMs: 60_000, maxRetryDelayMs: 60_000 };
    const pending = rejection(new CodexRequestSession(slow, controller.signal).run(send));
    setTimeout(() => controller.abort(), 20);
    const outcome = await Promise.race([
      pending,
      new Promise(resolve => setTimeout(() => resolve('still waiting'), 2_000)),
    ]);
    expect(outcome).toMatchObject({ name: 'AbortError' });
    expect(calls.count).toBe(1);
  });
});
