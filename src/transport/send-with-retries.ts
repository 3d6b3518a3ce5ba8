import { delay } from '@ai-sdk/provider-utils';
import { finalRetryError, isRetryableError } from './codex-request-session';
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
        throw finalRetryError(error, attempt, policy);
      }
      await delay(retryDelay(error, attempt, policy), { abortSignal });
    }
  }
}
