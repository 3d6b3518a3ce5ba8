import { APICallError } from '@ai-sdk/provider';
import { delay } from '@ai-sdk/provider-utils';
import { isRetryableError } from './codex-request-session';
import { retryDelay } from './retry-delay';
import type { CodexRetryPolicy } from './retry-policy';

/**
 * Runs a one-shot request (no stream) with the provider's retry policy: transient
 * failures are retried with backoff, and once the retries are spent the error reports
 * `isRetryable: false` so the AI SDK does not multiply them (`maxRetries: 0` leaves the
 * error as it is and retrying to the SDK). The caller's abort ends the waiting at once.
 */
export async function sendWithRetries<T>({
  policy,
  abortSignal,
  send,
}: {
  policy: CodexRetryPolicy;
  abortSignal: AbortSignal | undefined;
  send: () => Promise<T>;
}): Promise<T> {
  for (let attempt = 1; ; attempt++) {
    try {
      return await send();
    } catch (error) {
      if (abortSignal?.aborted) throw error;
      if (!isRetryableError(error) || attempt > policy.maxRetries) {
        throw giveUpError(error, attempt, policy);
      }
      await delay(retryDelay(error, attempt, policy), { abortSignal });
    }
  }
}

function giveUpError(error: unknown, attempts: number, policy: CodexRetryPolicy): unknown {
  if (!isRetryableError(error) || policy.maxRetries === 0) return error;
  const e = error as APICallError;
  return new APICallError({
    message: `${e.message} (gave up after ${attempts} ${attempts === 1 ? 'attempt' : 'attempts'})`,
    url: e.url,
    requestBodyValues: e.requestBodyValues,
    statusCode: e.statusCode,
    responseHeaders: e.responseHeaders,
    responseBody: e.responseBody,
    cause: e,
    data: e.data,
    isRetryable: false,
  });
}
