// JWT payload reading for expiry and account id. No signature check: the token came from
// our own auth file or token endpoint, and the backend is the one that verifies it.

const AUTH_CLAIM = 'https://api.openai.com/auth';

export function decodeJwtPayload(token: string | undefined): Record<string, unknown> | undefined {
  if (typeof token !== 'string') return undefined;
  const parts = token.split('.');
  if (parts.length !== 3 || parts[1] === '') return undefined;
  try {
    const base64 = parts[1]!.replace(/-/g, '+').replace(/_/g, '/');
    const padded = base64 + '='.repeat((4 - (base64.length % 4)) % 4);
    const json = new TextDecoder().decode(Uint8Array.from(atob(padded), c => c.charCodeAt(0)));
    const payload: unknown = JSON.parse(json);
    return payload != null && typeof payload === 'object'
      ? (payload as Record<string, unknown>)
      : undefined;
  } catch {
    return undefined;
  }
}

/** Expiry in epoch milliseconds, if the token is a JWT with a numeric `exp`. */
export function getJwtExpiry(token: string | undefined): number | undefined {
  const exp = decodeJwtPayload(token)?.exp;
  return typeof exp === 'number' && Number.isFinite(exp) ? exp * 1000 : undefined;
}

export function getChatGPTAccountId(token: string | undefined): string | undefined {
  const claim = decodeJwtPayload(token)?.[AUTH_CLAIM];
  if (claim == null || typeof claim !== 'object') return undefined;
  const id = (claim as Record<string, unknown>).chatgpt_account_id;
  return typeof id === 'string' && id !== '' ? id : undefined;
}
