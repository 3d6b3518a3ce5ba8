import { decodeJwtPayload } from '../auth/jwt';

/** Who is signed in, as far as the tokens' claims tell. Never contains a token. */
export type CodexAccountClaims = {
  email?: string;
  /** The ChatGPT plan at sign-in, e.g. `plus`, `pro`, `business`. */
  planType?: string;
  accountId?: string;
};

const AUTH_CLAIM = 'https://api.openai.com/auth';
const PROFILE_CLAIM = 'https://api.openai.com/profile';

/** Reads email, plan and account from the id token, falling back to the access token. */
export function readAccountClaims(idToken?: string, accessToken?: string): CodexAccountClaims {
  const id = decodeJwtPayload(idToken) ?? {};
  const access = decodeJwtPayload(accessToken) ?? {};
  const auth = (payload: Record<string, unknown>) => record(payload[AUTH_CLAIM]);
  const email = text(id.email) ?? text(record(id[PROFILE_CLAIM]).email) ?? text(access.email);
  const planType = text(auth(id).chatgpt_plan_type) ?? text(auth(access).chatgpt_plan_type);
  const accountId = text(auth(id).chatgpt_account_id) ?? text(auth(access).chatgpt_account_id);
  return {
    ...(email != null && { email }),
    ...(planType != null && { planType }),
    ...(accountId != null && { accountId }),
  };
}

function record(value: unknown): Record<string, unknown> {
  return value != null && typeof value === 'object' ? (value as Record<string, unknown>) : {};
}

function text(value: unknown): string | undefined {
  return typeof value === 'string' && value !== '' ? value : undefined;
}
