import { createHash, randomBytes } from 'node:crypto';

export type Pkce = { verifier: string; challenge: string };

/**
 * An RFC 7636 pair: a 64-byte random verifier (86 base64url characters, inside the 43–128
 * the spec allows) and its S256 challenge.
 */
export function createPkce(): Pkce {
  const verifier = randomBytes(64).toString('base64url');
  return { verifier, challenge: pkceChallenge(verifier) };
}

export function pkceChallenge(verifier: string): string {
  return createHash('sha256').update(verifier).digest('base64url');
}

/** The OAuth `state`: unguessable, so that a forged callback cannot finish our sign-in. */
export function createState(): string {
  return randomBytes(32).toString('base64url');
}
