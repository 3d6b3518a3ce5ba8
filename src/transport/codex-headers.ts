import { getUserAgent } from '../common/package-identity';

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
    for (const [name, value] of Object.entries(source ?? {})) {
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

export function createIdentityHeaders({
  originator,
  sessionId,
}: {
  originator: string;
  sessionId: string;
}): Record<string, string> {
  return {
    originator,
    [USER_AGENT]: getUserAgent(originator),
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
    ...(credentials.accountId && { 'chatgpt-account-id': credentials.accountId }),
  };
}
