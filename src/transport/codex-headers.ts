import { VERSION } from '../version';

export const PACKAGE_NAME = 'ai-sdk-provider-codex';

const OS_NAMES: Record<string, string> = { darwin: 'Mac OS', linux: 'Linux', win32: 'Windows' };

type ProcessLike = {
  platform?: string;
  arch?: string;
  getBuiltinModule?: (id: string) => { release?: () => string } | undefined;
};

/** `<name>/<version> (<os> <release>; <arch>)`, from what the runtime tells without imports. */
export function getUserAgent(originator: string): string {
  const proc = (globalThis as { process?: ProcessLike }).process;
  let platform = '';
  if (proc?.platform != null) {
    const release = safeRelease(proc);
    const os = OS_NAMES[proc.platform] ?? proc.platform;
    platform = ` (${[os, release].filter(Boolean).join(' ')}; ${proc.arch ?? 'unknown'})`;
  }
  const ours = `${PACKAGE_NAME}/${VERSION}${platform}`;
  // An app that names itself as originator leads the User-Agent with the same name.
  return originator === PACKAGE_NAME ? ours : `${originator} ${ours}`;
}

function safeRelease(proc: ProcessLike): string | undefined {
  try {
    // `process.getBuiltinModule` (Node ≥ 20.16) avoids a static `node:os` import that
    // would break edge bundles.
    return proc.getBuiltinModule?.('os')?.release?.();
  } catch {
    return undefined;
  }
}

/**
 * Lower-cases names so that a user's header replaces ours instead of doubling it. The
 * exception is `user-agent`: a later one is appended to ours (the `withUserAgentSuffix`
 * convention), so that `ai`'s `ai/5.x` never hides who we are from the backend.
 */
export function mergeHeaders(
  ...sources: Array<Record<string, string | undefined> | undefined>
): Record<string, string> {
  const merged: Record<string, string> = {};
  for (const source of sources) {
    if (source == null) continue;
    for (const [name, value] of Object.entries(source)) {
      const key = name.toLowerCase();
      if (key === USER_AGENT) {
        if (value != null) merged[key] = appendUserAgent(merged[key], value);
      } else if (value == null) delete merged[key];
      else merged[key] = value;
    }
  }
  return merged;
}

const USER_AGENT = 'user-agent';

function appendUserAgent(ours: string | undefined, theirs: string): string {
  const suffix = theirs.trim();
  if (ours == null || suffix.startsWith(ours)) return suffix;
  // Already there (a caller handing our own headers back): keep it once.
  if (suffix === '' || ` ${ours} `.includes(` ${suffix} `)) return ours;
  return `${ours} ${suffix}`;
}

/**
 * Why `value` cannot be sent as a header value, or `undefined` when it can. `fetch` rejects
 * these with a message that quotes the value, which may be a token, so we check first.
 */
export function headerValueProblem(value: string): string | undefined {
  if (/[\r\n]/.test(value)) return 'a line break (CR or LF)';
  if (/[\x00-\x08\x0a-\x1f\x7f]/.test(value)) return 'a control character';
  if (/[^\x00-\xff]/.test(value)) return 'a character outside Latin-1';
  return undefined;
}

/** RFC 9110 token characters; `fetch` rejects any other header name. */
export function isValidHeaderName(name: string): boolean {
  return /^[!#$%&'*+.^_`|~0-9A-Za-z-]+$/.test(name);
}

export function createIdentityHeaders({
  originator,
  sessionId,
}: {
  originator: string;
  sessionId: string;
}): Record<string, string> {
  return {
    originator,
    'user-agent': getUserAgent(originator),
    accept: 'text/event-stream',
    'content-type': 'application/json',
    // The reference client spells it `session_id`, the official one `session-id`; both
    // are accepted and one stable id per conversation keeps the prompt cache warm.
    session_id: sessionId,
    'session-id': sessionId,
  };
}

/** The headers that carry credentials (`CodexCredentials` of the auth stage). */
export function credentialHeaders(credentials: {
  accessToken: string;
  accountId?: string | undefined;
}): Record<string, string> {
  return {
    authorization: `Bearer ${credentials.accessToken}`,
    ...(credentials.accountId ? { 'chatgpt-account-id': credentials.accountId } : {}),
  };
}
