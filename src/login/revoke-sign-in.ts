import type { FetchFunction } from '@ai-sdk/provider-utils';
import { revokeRefreshToken } from './revoke-token';
import { signInIssuer } from './sign-in-issuer';

/**
 * Revokes a stored sign-in's refresh token (`logout`, `logout --redis`) where it belongs: at
 * the issuer its tokens name, else at `fallbackIssuer` (`--issuer`, which a sign-in naming
 * another issuer never reaches). Resolves false when the sign-in holds no refresh token;
 * throws `revokeRefreshToken`'s `APICallError` when the issuer does not confirm.
 */
export async function revokeSignIn(
  tokens: unknown,
  fallbackIssuer: string,
  fetch?: FetchFunction,
): Promise<boolean> {
  if (tokens == null || typeof tokens !== 'object') return false;
  const { refresh_token: refreshToken } = tokens as { refresh_token?: unknown };
  if (typeof refreshToken !== 'string' || refreshToken === '') return false;
  const issuer = signInIssuer(tokens) ?? fallbackIssuer;
  await revokeRefreshToken({ issuer, refreshToken, fetch });
  return true;
}
