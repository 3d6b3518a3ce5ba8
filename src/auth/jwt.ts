// JWT payload reading for expiry and account id. No signature check: the token came from
// our own auth file or token endpoint, and the backend is the one that verifies it.

const AUTH_CLAIM = 'https://api.openai.com/auth';

export function decodeJwtPayload(token: string | undefined): Record<string, unknown> | undefined {
  if (typeof token !== 'string') return undefined;
  const parts = token.split('.');
  if (parts.length !== 3) return undefined;
  let payload: unknown;
  try {
    // base64url differs from base64 only in two letters: atob's forgiving decode takes the
    // missing padding as it is.
    const base64 = parts[1]!.replace(/-/g, '+').replace(/_/g, '/');
    const json = new TextDecoder().decode(Uint8Array.from(atob(base64), c => c.charCodeAt(0)));
    payload = JSON.parse(json);
  } catch {
    // Not base64 JSON: a token we cannot read, like an opaque one.
  }
  return payload != null && typeof payload === 'object'
    ? (payload as Record<string, unknown>)
    : undefined;
}

/** Expiry in epoch milliseconds, if the token is a JWT with a numeric `exp`. */
export function getJwtExpiry(token: string | undefined): number | undefined {
  const exp = decodeJwtPayload(token)?.exp;
  // Number.isFinite is false for anything but a number (no coercion), and for 1e999.
  return Number.isFinite(exp) ? (exp as number) * 1000 : undefined;
}

export function getChatGPTAccountId(token: string | undefined): string | undefined {
  const claim = decodeJwtPayload(token)?.[AUTH_CLAIM] as
    { chatgpt_account_id?: unknown } | null | undefined;
  const id = claim?.chatgpt_account_id;
  return typeof id === 'string' && id !== '' ? id : undefined;
}
