import { APICallError } from '@ai-sdk/provider';
import { extractResponseHeaders, type FetchFunction } from '@ai-sdk/provider-utils';
import { CODEX_CLIENT_ID } from '../auth/token-refresh';
import { describeError } from '../common/describe-error';
import { redactSecrets } from '../common/redact-secrets';

const REVOKE_TIMEOUT_MS = 10_000;

/**
 * Asks the issuer to revoke a refresh token that is being thrown away (logout, or a new
 * sign-in replacing it), as the Codex CLI does. Resolves once the issuer confirmed it (a
 * 2xx, RFC 7009); anything else is an `APICallError` that says why and quotes no token.
 */
export async function revokeRefreshToken({
  issuer,
  refreshToken,
  fetch = globalThis.fetch,
}: {
  issuer: string;
  refreshToken: string;
  fetch?: FetchFunction;
}): Promise<void> {
  const url = `${issuer}/oauth/revoke`;
  const body = {
    token: refreshToken,
    token_type_hint: 'refresh_token',
    client_id: CODEX_CLIENT_ID,
  };
  const requestBodyValues = { ...body, token: '[redacted]' };
  let response: Response;
  try {
    response = await fetch(url, {
      method: 'POST',
      // the body is the refresh token: it goes to this issuer or nowhere
      redirect: 'manual',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify(body),
      signal: AbortSignal.timeout(REVOKE_TIMEOUT_MS),
    });
  } catch (error) {
    throw new APICallError({
      message: `Revoking the refresh token at ${issuer} failed: the issuer could not be reached (${redactSecrets(describeError(error), [refreshToken])}).`,
      url,
      requestBodyValues,
      isRetryable: true,
    });
  }
  await response.body?.cancel().catch(() => {});
  if (response.ok) return;
  throw new APICallError({
    message: `Revoking the refresh token at ${issuer} failed: the issuer answered HTTP ${response.status}.`,
    url,
    requestBodyValues,
    statusCode: response.status,
    responseHeaders: extractResponseHeaders(response),
    isRetryable: response.status === 429 || response.status >= 500,
  });
}
