import * as z from 'zod/v4';
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

// Every field is optional, unknown fields pass (unread, so dropped), and a field of an unexpected type counts as
// absent: a new payload shape should still give what it can instead of failing the call.
const lenient = <T extends z.ZodType>(schema: T) => schema.nullish().catch(undefined);

const windowSchema = z.object({
  used_percent: lenient(z.number()),
  limit_window_seconds: lenient(z.number()),
  reset_after_seconds: lenient(z.number()),
  reset_at: lenient(z.number()),
});

const rateLimitSchema = z.object({
  allowed: lenient(z.boolean()),
  limit_reached: lenient(z.boolean()),
  primary_window: lenient(windowSchema),
  secondary_window: lenient(windowSchema),
});

export const codexUsagePayloadSchema = z.object({
  plan_type: lenient(z.string()),
  rate_limit: lenient(rateLimitSchema),
  credits: lenient(
    z.object({
      has_credits: lenient(z.boolean()),
      unlimited: lenient(z.boolean()),
      balance: lenient(z.union([z.string(), z.number()])),
    }),
  ),
  // `{ type }` on the wire (the official client's serde renames its `kind` field to it)
  rate_limit_reached_type: lenient(
    z.object({ type: lenient(z.string()), kind: lenient(z.string()) }),
  ),
  additional_rate_limits: lenient(
    z.array(
      z.object({
        limit_name: lenient(z.string()),
        metered_feature: lenient(z.string()),
        rate_limit: lenient(rateLimitSchema),
      }),
    ),
  ),
});

type UsagePayload = z.infer<typeof codexUsagePayloadSchema>;
type WindowPayload = z.infer<typeof windowSchema>;
type RateLimitPayload = z.infer<typeof rateLimitSchema>;

/** Normalises a `GET /wham/usage` body (`RateLimitStatusPayload`); `now` dates relative resets. */
export function toCodexUsage(payload: UsagePayload, now = Date.now()): CodexUsage {
  const reached = payload.rate_limit_reached_type;
  const reachedType = reached?.type ?? reached?.kind ?? undefined;
  const credits = payload.credits;
  const balance = credits?.balance != null ? Number(credits.balance) : undefined;
  const additional = (payload.additional_rate_limits ?? []).map(limit => ({
    id: limit.metered_feature ?? limit.limit_name ?? 'unknown',
    name: limit.limit_name ?? limit.metered_feature ?? 'unknown',
    windows: windowsOf(limit.rate_limit, now),
    limitReached: isReached(limit.rate_limit),
  }));
  return {
    ...(payload.plan_type != null && { planType: payload.plan_type }),
    windows: windowsOf(payload.rate_limit, now),
    ...(credits != null && {
      credits: {
        hasCredits: credits.has_credits === true,
        unlimited: credits.unlimited === true,
        ...(balance != null && Number.isFinite(balance) && { balance }),
      },
    }),
    limitReached: isReached(payload.rate_limit) || reachedType != null,
    ...(reachedType != null && { limitReachedType: reachedType }),
    ...(additional.length > 0 && { additionalLimits: additional }),
  };
}

function isReached(rateLimit: RateLimitPayload | null | undefined): boolean {
  return rateLimit?.limit_reached === true || rateLimit?.allowed === false;
}

function windowsOf(rateLimit: RateLimitPayload | null | undefined, now: number): CodexUsageWindows {
  return classifyUsageWindows([
    toWindow(rateLimit?.primary_window, now),
    toWindow(rateLimit?.secondary_window, now),
  ]);
}

/**
 * A window needs its usage, its length and a reset time (absolute, or relative to `now`);
 * one missing any of them is left out rather than filled with a guess. A length of
 * zero or less is dropped where windows are classified by length.
 */
function toWindow(
  window: WindowPayload | null | undefined,
  now: number,
): CodexUsageWindow | undefined {
  if (window?.used_percent == null || window.limit_window_seconds == null) return undefined;
  const resetsAtMs =
    window.reset_at != null
      ? window.reset_at * 1000
      : window.reset_after_seconds != null
        ? now + window.reset_after_seconds * 1000
        : undefined;
  // a reset beyond what a Date can hold would be an Invalid Date, which breaks printing it
  if (resetsAtMs == null || Number.isNaN(new Date(resetsAtMs).getTime())) return undefined;
  return {
    usedPercent: window.used_percent,
    windowMinutes: Math.ceil(window.limit_window_seconds / 60),
    resetsAt: new Date(resetsAtMs),
  };
}
