import { APICallError } from '@ai-sdk/provider';
import { delay } from '@ai-sdk/provider-utils';
import { copyAPICallError } from '../common/copy-api-call-error';
import type { CodexResponseStream } from './codex-transport';
import { retryDelay } from './retry-delay';
import type { CodexRetryPolicy } from './retry-policy';
import { onAbort } from '../common/on-abort';
import { withAbort } from '../common/with-abort';

/** One attempt's response, with the handles the retry logic needs. */
export type CodexConnection = CodexResponseStream & {
  /** Aborts this attempt's request (idle timeout, retry) without touching the caller's signal. */
  abort: (reason?: unknown) => void;
  /** Detaches from the caller's signal once the attempt is over. */
  release: () => void;
};

export function isRetryableError(error: unknown): error is APICallError & { isRetryable: true } {
  return APICallError.isInstance(error) && error.isRetryable;
}

/**
 * The attempts of one call, and the one retry loop of this package: every failure is
 * either waited out and tried again, or final. Streams (`connect`, and the part stream's
 * retries before content) and one-shot requests (`run`: images, account requests) share
 * the rules, and a call's HTTP and stream retries share one budget, so it never makes
 * more than `maxRetries + 1` requests.
 */
export class CodexRequestSession {
  #retries = 0;
  #requests = 0;
  readonly #policy: CodexRetryPolicy;
  readonly #callerSignal: AbortSignal | undefined;

  constructor(policy: CodexRetryPolicy, callerSignal: AbortSignal | undefined) {
    this.#policy = policy;
    this.#callerSignal = callerSignal;
  }

  /** `attempt` until it succeeds, or its failure is not worth another try. */
  async run<T>(attempt: () => Promise<T>): Promise<T> {
    for (;;) {
      this.#requests++;
      try {
        return await attempt();
      } catch (error) {
        await this.backoffOrThrow(error);
      }
    }
  }

  /** Sends (retrying transient HTTP failures) until a response has started. */
  connect(send: (signal: AbortSignal) => Promise<CodexResponseStream>): Promise<CodexConnection> {
    return this.run(async () => {
      const controller = new AbortController();
      const caller = this.#callerSignal;
      const release = caller ? onAbort(caller, () => controller.abort(caller.reason)) : () => {};
      try {
        // `send` may first wait for credentials (an `auth` function, a token refresh, the
        // auth file lock), which know nothing of the signal: the abort must not wait for them.
        const sending = send(controller.signal);
        const response = await withAbort(sending, controller.signal).catch((error: unknown) => {
          // A response that still arrives after the abort is never read: free its connection.
          // (Had `sending` itself failed, there is no response to free.)
          sending.then(
            late => late.openEvents(() => {}).cancel(error),
            () => {},
          );
          throw error;
        });
        return { ...response, abort: reason => controller.abort(reason), release };
      } catch (error) {
        release();
        throw error;
      }
    });
  }

  get callerAborted(): boolean {
    return this.#callerSignal?.aborted === true;
  }

  canRetry(error: unknown): boolean {
    return (
      isRetryableError(error) && this.#retries < this.#policy.maxRetries && !this.callerAborted
    );
  }

  /**
   * Waits before the next attempt, or throws the error as final. The caller's abort wins,
   * and ends the wait at once.
   */
  async backoffOrThrow(error: unknown): Promise<void> {
    if (this.callerAborted) throw error;
    if (!this.canRetry(error)) throw this.finalError(error);
    await delay(retryDelay(error, ++this.#retries, this.#policy), {
      abortSignal: this.#callerSignal,
    });
  }

  /**
   * Once our own retries are spent, a retryable error is reported as not retryable, so the
   * AI SDK's `maxRetries` does not multiply the attempts. With `maxRetries: 0` the error
   * stays as it is and the SDK may retry it.
   */
  finalError(error: unknown): unknown {
    const attempts = this.#requests;
    if (!isRetryableError(error) || this.#policy.maxRetries === 0) return error;
    return copyAPICallError(error, {
      message: `${error.message} (gave up after ${attempts} attempt${attempts === 1 ? '' : 's'})`,
      cause: error,
      isRetryable: false,
    });
  }
}
