import {
  classifyUsageWindow,
  classifyUsageWindows,
  type UsageWindowClass,
} from './usage-window-class';

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

/** A header that names a limit's family: `x-<limit>-primary-used-percent`. */
const FAMILY_HEADER = /^(x-.+)-primary-used-percent$/;

const num = (value: string | undefined): number | undefined => {
  // `Number('')` is 0: an empty header is no number
  const n = value?.trim() ? Number(value) : NaN;
  return Number.isFinite(n) ? n : undefined;
};

/** Fields read from the headers `<prefix><suffix>`: each field, its suffix and its parser. */
type HeaderFields<T> = ReadonlyArray<
  readonly [keyof T, string, (value: string | undefined) => T[keyof T] | undefined]
>;

/** The fields whose header is there and parses; `undefined` when none is. */
function readFields<T>(
  headers: Record<string, string>,
  prefix: string,
  fields: HeaderFields<T>,
): Partial<T> | undefined {
  let found: Partial<T> | undefined;
  for (const [field, suffix, parse] of fields) {
    const value = parse(headers[prefix + suffix]);
    if (value == null) continue;
    found ??= {};
    found[field] = value;
  }
  return found;
}

const WINDOW_FIELDS: HeaderFields<CodexRateLimitWindow> = [
  ['usedPercent', 'used-percent', num],
  ['windowMinutes', 'window-minutes', num],
  ['resetsAt', 'reset-at', num],
];

/** `true`/`1` or `false`/`0`, as the official client reads them; anything else is unknown. */
function flag(value: string | undefined): boolean | undefined {
  const v = value?.trim().toLowerCase();
  return v === 'true' || v === '1' ? true : v === 'false' || v === '0' ? false : undefined;
}

const CREDIT_FIELDS: HeaderFields<NonNullable<CodexRateLimits['credits']>> = [
  ['hasCredits', 'has-credits', flag],
  ['unlimited', 'unlimited', flag],
  ['balance', 'balance', num],
];

/** The windows of the header family `prefix` (`x-codex`, `x-codex-bengalfox`, …), if any. */
function windows(
  headers: Record<string, string>,
  prefix: string,
): CodexRateLimitWindows | undefined {
  const primary = readFields(headers, `${prefix}-primary-`, WINDOW_FIELDS);
  const secondary = readFields(headers, `${prefix}-secondary-`, WINDOW_FIELDS);
  if (!primary && !secondary) return undefined;
  return {
    ...(primary && { primary }),
    ...(secondary && { secondary }),
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
  if (!headers) return undefined;
  const limits: CodexRateLimits = { ...windows(headers, MAIN_LIMIT) };
  const additional: CodexAdditionalRateLimit[] = [];
  for (const name of Object.keys(headers)) {
    const prefix = FAMILY_HEADER.exec(name)?.[1];
    const found = prefix != null && prefix !== MAIN_LIMIT && windows(headers, prefix);
    if (!found) continue;
    const limitName = headers[`${prefix}-limit-name`]?.trim();
    additional.push({
      id: prefix.slice(2).replace(/-/g, '_'),
      ...(limitName && { name: limitName }),
      ...found,
    });
  }
  if (additional.length > 0) limits.additionalLimits = additional;
  const credits = readFields(headers, `${MAIN_LIMIT}-credits-`, CREDIT_FIELDS);
  if (credits) limits.credits = credits;
  return Object.keys(limits).length > 0 ? limits : undefined;
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
 * (100 %) limit named after the requested model (the request body's `model`), else the main
 * limit when it is used up, else any used-up limit. `undefined` when no header says a limit
 * is used up.
 */
export function reachedRateLimit(
  responseHeaders: Record<string, string> | undefined,
  requestBodyValues: unknown,
): ReachedRateLimit | undefined {
  // no headers: no window below is used up
  const limits = parseCodexRateLimits(responseHeaders) ?? {};
  const others = limits.additionalLimits ?? [];
  const model = requestedModel(requestBodyValues)?.toLowerCase();
  const candidates: Array<CodexRateLimitWindows & { id: string; name?: string }> = [
    ...others.filter(limit => model != null && limit.name?.toLowerCase() === model),
    { ...limits, id: 'codex' },
    ...others,
  ];
  for (const limit of candidates) {
    const full = [limit.weekly, limit.short, limit.primary, limit.secondary].find(
      w => (w?.usedPercent ?? 0) >= 100,
    );
    if (!full) continue;
    const window = classifyUsageWindow(full.windowMinutes);
    return { id: limit.id, ...(limit.name && { name: limit.name }), ...(window && { window }) };
  }
  return undefined;
}

/** The `model` of the request an error answers, if it had one. */
function requestedModel(body: unknown): string | undefined {
  return typeof body === 'object' &&
    body != null &&
    'model' in body &&
    typeof body.model === 'string'
    ? body.model
    : undefined;
}
