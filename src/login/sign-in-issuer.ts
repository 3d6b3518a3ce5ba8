import { decodeJwtPayload } from '../auth/jwt';
import { normalizeIssuer } from './normalize-issuer';

/**
 * The issuer that issued a sign-in's tokens: the `iss` claim of its id token (an OpenID
 * id token always has one), else of its access token, if it is an issuer URL we would
 * accept (`normalizeIssuer`). A refresh token is revoked there and nowhere else: an issuer
 * given for a new sign-in or a logout may be another one (a typo, or a hostile server),
 * and must not receive it.
 */
export function signInIssuer(
  tokens: { id_token?: unknown; access_token?: unknown } | null | undefined,
): string | undefined {
  const claims = [tokens?.id_token, tokens?.access_token].map(token =>
    typeof token === 'string' ? decodeJwtPayload(token)?.iss : undefined,
  );
  const iss = claims.find(claim => claim !== undefined);
  if (typeof iss !== 'string') return undefined;
  try {
    return normalizeIssuer(iss);
  } catch {
    // not an issuer we would send a token to
    return undefined;
  }
}
