import { classifyUsageWindows, type UsageWindowClass } from './usage-window-class';

/** One usage window from the `x-<limit>-<primary|secondary>-*` response headers. */
export type CodexRateLimitWindow = {
  usedPercent?: number;
  windowMinutes?: number;
  /** Unix seconds at which the window resets, as the header sends it. */
  resetsAt?: number;
};

/** The windows of one limit, as sent and sorted by length. */
export type CodexRateLimitWindows = {
  primary?: CodexRateLimitWindow;
  secondary?: CodexRateLimitWindow;
  /** The ≈5-hour window, whichever slot it came in (told apart by `windowMinutes`). */
  short?: CodexRateLimitWindow;
  /** The weekly window, whichever slot it came in. */
  weekly?: CodexRateLimitWindow;
};

/**
 * A limit besides the account's main Codex limit, e.g. one that meters a single model:
 * the `x-<limit>-*` header family (`x-codex-bengalfox-primary-used-percent`, …).
 */
export type CodexAdditionalRateLimit = CodexRateLimitWindows & {
  /** The header family's name, `-` as `_` (`codex_bengalfox`): `/wham/usage`'s `metered_feature`. */
  id: string;
  /** What it meters, when the backend names it (`x-<limit>-limit-name`, e.g. a model). */
  name?: string;
};

/** `providerMetadata.codex.rateLimits`: what the backend says of the account's limits. */
export type CodexRateLimits = CodexRateLimitWindows & {
  credits?: { hasCredits?: boolean; unlimited?: boolean; balance?: number };
  /** Per-model or per-feature limits, in the order of their headers. */
  additionalLimits?: CodexAdditionalRateLimit[];
};

/** The main limit's header family: `x-codex-primary-used-percent`, … */
const MAIN_LIMIT = 'x-codex';
const USED_PERCENT = '-primary-used-percent';

const num = (value: string | undefined): number | undefined => {
  if (value == null || value.trim() === '') return undefined;
  const n = Number(value);
  return Number.isFinite(n) ? n : undefined;
};

function window(
  headers: Record<string, string>,
  prefix: string,
  slot: 'primary' | 'secondary',
): CodexRateLimitWindow | undefined {
  const w: CodexRateLimitWindow = {};
  const used = num(headers[`${prefix}-${slot}-used-percent`]);
  const minutes = num(headers[`${prefix}-${slot}-window-minutes`]);
  const resetsAt = num(headers[`${prefix}-${slot}-reset-at`]);
  if (used != null) w.usedPercent = used;
  if (minutes != null) w.windowMinutes = minutes;
  if (resetsAt != null) w.resetsAt = resetsAt;
  return used != null || minutes != null || resetsAt != null ? w : undefined;
}

/** The windows of the header family `prefix` (`x-codex`, `x-codex-bengalfox`, …). */
function windows(headers: Record<string, string>, prefix: string): CodexRateLimitWindows {
  const primary = window(headers, prefix, 'primary');
  const secondary = window(headers, prefix, 'secondary');
  return {
    ...(primary != null && { primary }),
    ...(secondary != null && { secondary }),
    ...classifyUsageWindows([primary, secondary]),
  };
}

/**
 * Parses the rate-limit headers (lower-case names); `undefined` when there are none. Runs
 * once per response: one pass over the header names finds the other limits' families.
 */
export function parseCodexRateLimits(
  headers: Record<string, string> | undefined,
): CodexRateLimits | undefined {
  if (headers == null) return undefined;
  const limits: CodexRateLimits = windows(headers, MAIN_LIMIT);
  const additional: CodexAdditionalRateLimit[] = [];
  for (const name of Object.keys(headers)) {
    if (!name.endsWith(USED_PERCENT) || !name.startsWith('x-')) continue;
    const prefix = name.slice(0, -USED_PERCENT.length);
    if (prefix === MAIN_LIMIT) continue;
    const found = windows(headers, prefix);
    if (found.primary == null && found.secondary == null) continue;
    const limitName = headers[`${prefix}-limit-name`]?.trim();
    additional.push({
      id: prefix.slice(2).replace(/-/g, '_'),
      ...(limitName && { name: limitName }),
      ...found,
    });
  }
  if (additional.length > 0) limits.additionalLimits = additional;
  const credits = parseCredits(headers);
  if (credits != null) limits.credits = credits;
  return Object.keys(limits).length > 0 ? limits : undefined;
}

function parseCredits(headers: Record<string, string>): CodexRateLimits['credits'] {
  const has = flag(headers['x-codex-credits-has-credits']);
  const unlimited = flag(headers['x-codex-credits-unlimited']);
  const balance = num(headers['x-codex-credits-balance']);
  if (has == null && unlimited == null && balance == null) return undefined;
  return {
    ...(has != null && { hasCredits: has }),
    ...(unlimited != null && { unlimited }),
    ...(balance != null && { balance }),
  };
}

/** `true`/`1` or `false`/`0`, as the official client reads them; anything else is unknown. */
function flag(value: string | undefined): boolean | undefined {
  const v = value?.trim().toLowerCase();
  if (v === 'true' || v === '1') return true;
  if (v === 'false' || v === '0') return false;
  return undefined;
}

/** A limit that is used up: which one, and which of its windows. */
export type ReachedRateLimit = {
  /** `codex` for the account's main limit, else the header family's id. */
  id: string;
  name?: string;
  /** The used-up window, by length, when it says how long it is. */
  window?: UsageWindowClass;
};

/**
 * Which limit a usage-limit answer is about, from the answer's rate-limit headers: a used-up
 * (100 %) limit named after the requested model, else the main limit when it is used up,
 * else any used-up limit. `undefined` when no header says a limit is used up.
 */
export function reachedRateLimit(
  limits: CodexRateLimits | undefined,
  modelId: string | undefined,
): ReachedRateLimit | undefined {
  if (limits == null) return undefined;
  const others = limits.additionalLimits ?? [];
  const model = modelId?.toLowerCase();
  const candidates: Array<CodexRateLimitWindows & { id: string; name?: string | undefined }> = [
    ...others.filter(limit => model != null && limit.name?.toLowerCase() === model),
    { ...limits, id: 'codex', name: undefined },
    ...others,
  ];
  for (const limit of candidates) {
    const full = [limit.weekly, limit.short, limit.primary, limit.secondary].find(
      w => w?.usedPercent != null && w.usedPercent >= 100,
    );
    if (full == null) continue;
    const window = full === limit.weekly ? 'weekly' : full === limit.short ? 'short' : undefined;
    return {
      id: limit.id,
      ...(limit.name != null && { name: limit.name }),
      ...(window != null && { window }),
    };
  }
  return undefined;
}
