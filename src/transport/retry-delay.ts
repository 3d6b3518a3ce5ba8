import { APICallError } from '@ai-sdk/provider';
import type { CodexRetryPolicy } from './retry-policy';

/**
 * What the server asked us to wait, in ms: `retry-after-ms`, `Retry-After` (seconds or an
 * HTTP date), or a "try again in 11.054s" in the error message (`rate_limit_exceeded`).
 */
export function serverRequestedDelay(error: APICallError, now = Date.now()): number | undefined {
  const headers = error.responseHeaders ?? {};
  const ms = parseFloat(headers['retry-after-ms'] ?? '');
  if (ms >= 0 && ms < Infinity) return ms;
  const retryAfter = headers['retry-after']?.trim();
  if (retryAfter) {
    const seconds = Number(retryAfter);
    if (seconds >= 0 && seconds < Infinity) return seconds * 1000;
    // A number is never a date: `Date.parse` would take "-1" for the year 2001 (no wait).
    const date = Number.isNaN(seconds) ? Date.parse(retryAfter) : NaN;
    if (Number.isFinite(date)) return Math.max(0, date - now);
  }
  const match = /try again in\s+(\d+(?:\.\d+)?)\s*(ms|s)\b/i.exec(error.message);
  if (match != null) return Number(match[1]) * (match[2]!.toLowerCase() === 'ms' ? 1 : 1000);
  return undefined;
}

/**
 * The wait before retry `attempt` (1-based): what the server asked, with jitter only upwards
 * (its ask is a floor), else exponential backoff with ±10 % jitter; the cap bounds both.
 */
export function retryDelay(
  error: unknown,
  attempt: number,
  policy: CodexRetryPolicy,
  random = Math.random,
): number {
  const requested = APICallError.isInstance(error) ? serverRequestedDelay(error) : undefined;
  const wait =
    requested != null
      ? requested * (1 + 0.1 * random())
      : policy.initialRetryDelayMs * 2 ** (attempt - 1) * (0.9 + 0.2 * random());
  return Math.round(Math.min(policy.maxRetryDelayMs, wait));
}
