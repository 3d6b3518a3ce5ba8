import { InvalidArgumentError } from '@ai-sdk/provider';

/** How the provider retries. Plain data with documented defaults (the shape ky uses). */
export type CodexRetryPolicy = {
  /** Retries after the first attempt; 0 leaves retrying to the AI SDK. Default 4. */
  maxRetries: number;
  /** First backoff delay; doubles each retry. Default 200 ms. */
  initialRetryDelayMs: number;
  /** Cap on any single wait, `Retry-After` included. Default 10 s. */
  maxRetryDelayMs: number;
  /** Abort a stream that sends nothing for this long; `undefined` when turned off (`0`). Default 300 s. */
  streamIdleTimeoutMs: number | undefined;
};

export const DEFAULT_RETRY_POLICY: Readonly<CodexRetryPolicy> = {
  maxRetries: 4,
  initialRetryDelayMs: 200,
  maxRetryDelayMs: 10_000,
  streamIdleTimeoutMs: 300_000,
};

/** Timers fire at once for longer delays (Node, browsers): the 32-bit signed maximum. */
export const MAX_TIMER_MS = 2 ** 31 - 1;

type RetrySettings = {
  [K in keyof CodexRetryPolicy]?: number;
};

export function normalizeRetryPolicy(settings: RetrySettings): CodexRetryPolicy {
  const pick = (key: keyof CodexRetryPolicy, max: number, hint = '') => {
    const value = settings[key];
    if (value == null) return DEFAULT_RETRY_POLICY[key];
    // (a string from an untyped config is no number either)
    if (!Number.isFinite(value) || value < 0 || value > max) {
      throw new InvalidArgumentError({
        argument: key,
        message: `${key} must be a number from 0 to ${max}, got ${value}.${hint}`,
      });
    }
    return value;
  };
  const idle = pick('streamIdleTimeoutMs', MAX_TIMER_MS, ' Use 0 to turn it off.');
  return {
    maxRetries: Math.floor(pick('maxRetries', Number.MAX_SAFE_INTEGER)!),
    initialRetryDelayMs: pick('initialRetryDelayMs', MAX_TIMER_MS)!,
    maxRetryDelayMs: pick('maxRetryDelayMs', MAX_TIMER_MS)!,
    streamIdleTimeoutMs: idle || undefined,
  };
}
