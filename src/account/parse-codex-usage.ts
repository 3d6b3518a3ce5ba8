import { resetTime } from '../common/reset-time';
import { classifyUsageWindows } from '../common/usage-window-class';

/** One usage window of the account, as `codex.getUsage()` reports it. */
export type CodexUsageWindow = {
  /** Share of the window's allowance already used, 0–100. */
  usedPercent: number;
  /** Length of the window (≈300 for the 5-hour window, 10080 for the weekly one). */
  windowMinutes: number;
  resetsAt: Date;
};

/** The short (≈5 h) and the weekly window, told apart by length; either may be absent. */
export type CodexUsageWindows = { short?: CodexUsageWindow; weekly?: CodexUsageWindow };

/** What `codex.getUsage()` resolves to: the account's plan, quota windows and credits. */
export type CodexUsage = {
  /** The ChatGPT plan, e.g. `plus`, `pro`, `business`; absent when the backend omits it. */
  planType?: string;
  windows: CodexUsageWindows;
  credits?: { hasCredits: boolean; unlimited: boolean; balance?: number };
  /** True when the backend says requests are being refused for now. */
  limitReached: boolean;
  /** Why, when the backend says (e.g. `rate_limit_reached`, `workspace_member_credits_depleted`). */
  limitReachedType?: string;
  /** Limits beyond the Codex one (other metered features), when the backend lists any. */
  additionalLimits?: Array<{
    id: string;
    name: string;
    windows: CodexUsageWindows;
    limitReached: boolean;
  }>;
};

// The payload is read field by field: every field is optional, unknown fields are ignored,
// and a field of an unexpected type counts as absent, so that a new payload shape still
// gives what it can instead of failing the call.
type JsonObject = { [key: string]: unknown };

const isObject = (value: unknown): value is JsonObject =>
  typeof value === 'object' && value !== null && !Array.isArray(value);
const objectOf = (value: unknown): JsonObject => (isObject(value) ? value : {});
const numberOf = (value: unknown) => (typeof value === 'number' ? value : undefined);
const stringOf = (value: unknown) => (typeof value === 'string' ? value : undefined);

/**
 * Normalises a `GET /wham/usage` body (`RateLimitStatusPayload`); `now` dates relative
 * resets. A body that is no object at all is no usage: it throws.
 */
export function toCodexUsage(payload: unknown, now = Date.now()): CodexUsage {
  if (!isObject(payload)) throw new TypeError('The usage payload is not a JSON object.');
  // `{ type }` on the wire (the official client's serde renames its `kind` field to it)
  const reached = objectOf(payload.rate_limit_reached_type);
  const reachedType = stringOf(reached.type) ?? stringOf(reached.kind);
  const planType = stringOf(payload.plan_type);
  const { credits } = payload;
  const rawBalance = objectOf(credits).balance;
  const balance =
    typeof rawBalance === 'number' || typeof rawBalance === 'string' ? Number(rawBalance) : NaN;
  const list = payload.additional_rate_limits;
  const additional = (Array.isArray(list) ? list.filter(isObject) : []).map(limit => {
    const feature = stringOf(limit.metered_feature);
    const name = stringOf(limit.limit_name);
    return {
      id: feature ?? name ?? 'unknown',
      name: name ?? feature ?? 'unknown',
      ...limitOf(limit.rate_limit, now),
    };
  });
  const main = limitOf(payload.rate_limit, now);
  return {
    ...(planType != null && { planType }),
    windows: main.windows,
    ...(isObject(credits) && {
      credits: {
        hasCredits: credits.has_credits === true,
        unlimited: credits.unlimited === true,
        ...(Number.isFinite(balance) && { balance }),
      },
    }),
    limitReached: main.limitReached || reachedType != null,
    ...(reachedType != null && { limitReachedType: reachedType }),
    ...(additional.length > 0 && { additionalLimits: additional }),
  };
}

/** A `rate_limit`'s windows, and whether requests are refused. */
function limitOf(value: unknown, now: number) {
  const rateLimit = objectOf(value);
  return {
    windows: classifyUsageWindows([
      toWindow(rateLimit.primary_window, now),
      toWindow(rateLimit.secondary_window, now),
    ]),
    limitReached: rateLimit.limit_reached === true || rateLimit.allowed === false,
  };
}

/**
 * A window needs its usage, its length and a reset time (absolute, or relative to `now`);
 * one missing any of them is left out rather than filled with a guess. A length of
 * zero or less is dropped where windows are classified by length.
 */
function toWindow(value: unknown, now: number): CodexUsageWindow | undefined {
  const window = objectOf(value);
  const usedPercent = numberOf(window.used_percent);
  const seconds = numberOf(window.limit_window_seconds);
  const resetsAt = resetTime(numberOf(window.reset_at), numberOf(window.reset_after_seconds), now);
  if (usedPercent == null || seconds == null || resetsAt == null) return undefined;
  return { usedPercent, windowMinutes: Math.ceil(seconds / 60), resetsAt };
}
