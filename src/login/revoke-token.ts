import type { FetchFunction } from '@ai-sdk/provider-utils';
import { CODEX_CLIENT_ID } from '../auth/token-refresh';

const REVOKE_TIMEOUT_MS = 10_000;

/**
 * Asks the issuer to revoke a refresh token that is being thrown away (logout, or a new
 * sign-in replacing it), as the Codex CLI does. Best effort: `false` when it did not work,
 * and the local change goes ahead either way.
 */
export async function revokeRefreshToken({
  issuer,
  refreshToken,
  fetch = globalThis.fetch,
}: {
  issuer: string;
  refreshToken: string;
  fetch?: FetchFunction;
}): Promise<boolean> {
  try {
    const response = await fetch(`${issuer}/oauth/revoke`, {
      method: 'POST',
      redirect: 'manual',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({
        token: refreshToken,
        token_type_hint: 'refresh_token',
        client_id: CODEX_CLIENT_ID,
      }),
      signal: AbortSignal.timeout(REVOKE_TIMEOUT_MS),
    });
    await response.body?.cancel().catch(() => {});
    return response.ok;
  } catch {
    return false;
  }
}
