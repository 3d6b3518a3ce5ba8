import { APICallError } from '@ai-sdk/provider';
import { getEventListeners } from 'node:events';
import { describe, expect, it } from 'vitest';
import { CodexRequestSession } from './codex-request-session';
import type { CodexResponseStream } from './codex-transport';
import type { CodexRetryPolicy } from './retry-policy';

const policy: CodexRetryPolicy = {
  maxRetries: 2,
  initialRetryDelayMs: 0,
  maxRetryDelayMs: 0,
  streamIdleTimeoutMs: undefined,
};

function unavailable(): APICallError {
  return new APICallError({
    message: 'Service Unavailable',
    url: 'http://127.0.0.1:9/backend-api/codex/responses',
    requestBodyValues: {},
    statusCode: 503,
    isRetryable: true,
  });
}

/** A response whose events are never read; records the reason it was cancelled with. */
function response() {
  const cancelled: unknown[] = [];
  const stream: CodexResponseStream = {
    responseHeaders: { 'x-request-id': 'req-1' },
    openEvents: () => ({
      read: async () => 'end',
      cancel: reason => void cancelled.push(reason),
    }),
  };
  return { stream, cancelled };
}

describe('CodexRequestSession', () => {
  it("aborts only its own attempt's request, with the reason given", async () => {
    const caller = new AbortController();
    const signals: AbortSignal[] = [];
    const send = async (signal: AbortSignal) => (signals.push(signal), response().stream);
    const session = new CodexRequestSession(policy, caller.signal);
    const connection = await session.connect(send);
    expect(connection.responseHeaders).toEqual({ 'x-request-id': 'req-1' });
    expect(signals[0]!.aborted).toBe(false);
    const idle = new Error('idle timeout');
    connection.abort(idle);
    expect(signals[0]!.aborted).toBe(true);
    expect(signals[0]!.reason).toBe(idle);
    expect(caller.signal.aborted).toBe(false);
  });

  it('frees a response that arrives after the caller aborted, and throws the abort', async () => {
    const caller = new AbortController();
    const late = response();
    let answer!: (stream: CodexResponseStream) => void;
    let sends = 0;
    const send = () => (sends++, new Promise<CodexResponseStream>(resolve => (answer = resolve)));
    const session = new CodexRequestSession(policy, caller.signal);
    const connecting = session.connect(send);
    const stop = new Error('stop');
    caller.abort(stop);
    await expect(connecting).rejects.toBe(stop);
    answer(late.stream);
    await new Promise(resolve => setTimeout(resolve, 0));
    expect(late.cancelled).toEqual([stop]);
    expect(sends).toBe(1);
  });

  it('after the caller aborted, reports a retryable failure as final and not retryable', async () => {
    const caller = new AbortController();
    const send = async () => response().stream;
    const session = new CodexRequestSession(policy, caller.signal);
    await session.connect(send);
    caller.abort();
    const error = unavailable();
    expect(session.canRetry(error)).toBe(false);
    // one request was made: the message says so in the singular
    expect(session.finalError(error)).toMatchObject({
      message: 'Service Unavailable (gave up after 1 attempt)',
      isRetryable: false,
      cause: error,
    });
  });

  it('counts every request of the call in the final error', async () => {
    let sends = 0;
    const send = async () => {
      if (sends++ < 2) throw unavailable();
      return response().stream;
    };
    const session = new CodexRequestSession({ ...policy, maxRetries: 3 }, undefined);
    await session.connect(send);
    expect(sends).toBe(3);
    expect(session.finalError(unavailable())).toMatchObject({
      message: 'Service Unavailable (gave up after 3 attempts)',
      isRetryable: false,
    });
  });

  it("leaves no listener on the caller's signal once it aborted, even if never released", async () => {
    const caller = new AbortController();
    const send = async () => response().stream;
    const session = new CodexRequestSession(policy, caller.signal);
    await session.connect(send);
    expect(getEventListeners(caller.signal, 'abort')).toHaveLength(1);
    caller.abort();
    expect(getEventListeners(caller.signal, 'abort')).toHaveLength(0);
  });
});
