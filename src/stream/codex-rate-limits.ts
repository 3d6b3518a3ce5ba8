import { classifyUsageWindows } from '../common/usage-window-class';

/** One usage window from the `x-codex-<primary|secondary>-*` response headers. */
export type CodexRateLimitWindow = {
  usedPercent?: number;
  windowMinutes?: number;
  /** Unix seconds at which the window resets, as the header sends it. */
  resetsAt?: number;
};

/** `providerMetadata.codex.rateLimits`: what the backend says of the account's limits. */
export type CodexRateLimits = {
  primary?: CodexRateLimitWindow;
  secondary?: CodexRateLimitWindow;
  /** The ≈5-hour window, whichever slot it came in (told apart by `windowMinutes`). */
  short?: CodexRateLimitWindow;
  /** The weekly window, whichever slot it came in. */
  weekly?: CodexRateLimitWindow;
  credits?: { hasCredits?: boolean; balance?: number };
};

const num = (value: string | undefined): number | undefined => {
  if (value == null || value.trim() === '') return undefined;
  const n = Number(value);
  return Number.isFinite(n) ? n : undefined;
};

function window(headers: Record<string, string>, name: string): CodexRateLimitWindow | undefined {
  const w: CodexRateLimitWindow = {};
  const used = num(headers[`x-codex-${name}-used-percent`]);
  const minutes = num(headers[`x-codex-${name}-window-minutes`]);
  const resetsAt = num(headers[`x-codex-${name}-reset-at`]);
  if (used != null) w.usedPercent = used;
  if (minutes != null) w.windowMinutes = minutes;
  if (resetsAt != null) w.resetsAt = resetsAt;
  return Object.keys(w).length > 0 ? w : undefined;
}

/** Parses the rate-limit headers (lower-case names); `undefined` when there are none. */
export function parseCodexRateLimits(
  headers: Record<string, string> | undefined,
): CodexRateLimits | undefined {
  if (headers == null) return undefined;
  const limits: CodexRateLimits = {};
  const primary = window(headers, 'primary');
  const secondary = window(headers, 'secondary');
  if (primary) limits.primary = primary;
  if (secondary) limits.secondary = secondary;
  Object.assign(limits, classifyUsageWindows([primary, secondary]));
  const has = headers['x-codex-credits-has-credits'];
  const balance = num(headers['x-codex-credits-balance']);
  if (has != null || balance != null) {
    limits.credits = {
      ...(has != null && { hasCredits: has.trim().toLowerCase() === 'true' }),
      ...(balance != null && { balance }),
    };
  }
  return Object.keys(limits).length > 0 ? limits : undefined;
}
