/** An unsigned JWT with the claims the provider reads; tests only. */
export function makeJwt({
  exp,
  accountId,
  marker = 'x',
  claims,
}: {
  exp: number;
  accountId?: string;
  marker?: string;
  /** More payload claims (email, plan, ...). */
  claims?: Record<string, unknown>;
}): string {
  const enc = (v: unknown) => Buffer.from(JSON.stringify(v)).toString('base64url');
  const payload = {
    exp,
    marker,
    // a claim no output should show: printing the decoded payload is a leak too
    jti: `SECRET-jti-${marker}`,
    ...(accountId != null && { 'https://api.openai.com/auth': { chatgpt_account_id: accountId } }),
    ...claims,
  };
  return `${enc({ alg: 'none', typ: 'JWT' })}.${enc(payload)}.SECRET-sig-${marker}`;
}

export const nowSeconds = () => Math.floor(Date.now() / 1000);
