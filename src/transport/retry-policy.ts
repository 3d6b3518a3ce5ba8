/** How the provider retries. Plain data with documented defaults (the shape ky uses). */
export type CodexRetryPolicy = {
  /** Retries after the first attempt; 0 leaves retrying to the AI SDK. Default 4. */
  maxRetries: number;
  /** First backoff delay; doubles each retry. Default 200 ms. */
  initialRetryDelayMs: number;
  /** Cap on any single wait, `Retry-After` included. Default 10 s. */
  maxRetryDelayMs: number;
  /** Abort a stream that sends nothing for this long. Default 300 s. */
  streamIdleTimeoutMs: number;
};

export const DEFAULT_RETRY_POLICY: Readonly<CodexRetryPolicy> = {
  maxRetries: 4,
  initialRetryDelayMs: 200,
  maxRetryDelayMs: 10_000,
  streamIdleTimeoutMs: 300_000,
};

export function normalizeRetryPolicy(settings: Partial<CodexRetryPolicy>): CodexRetryPolicy {
  const pick = (key: keyof CodexRetryPolicy, min: number) => {
    const value = settings[key];
    if (value == null) return DEFAULT_RETRY_POLICY[key];
    if (typeof value !== 'number' || !Number.isFinite(value) || value < min) {
      throw new RangeError(`${key} must be a number ≥ ${min}, got ${String(value)}`);
    }
    return value;
  };
  return {
    maxRetries: Math.floor(pick('maxRetries', 0)),
    initialRetryDelayMs: pick('initialRetryDelayMs', 0),
    maxRetryDelayMs: pick('maxRetryDelayMs', 0),
    streamIdleTimeoutMs: pick('streamIdleTimeoutMs', 1),
  };
}
