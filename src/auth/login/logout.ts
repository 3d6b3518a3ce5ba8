import type { FetchFunction } from '@ai-sdk/provider-utils';
import { readFile, rm } from 'node:fs/promises';
import { withAuthFileLock } from '../auth-file-store';
import { normalizeIssuer, resolveAuthFile } from './codex-home';
import { revokeRefreshToken } from './revoke-token';

export type LogoutOptions = {
  /** Default `$CODEX_HOME`, else `~/.codex`. */
  codexHome?: string;
  /** The auth file itself, instead of `<codexHome>/auth.json`. */
  authFile?: string;
  /** Where the refresh token is revoked; default `https://auth.openai.com`. */
  issuer?: string;
  /** Revoke the refresh token at the issuer too (default), as `codex logout` does. */
  revoke?: boolean;
  fetch?: FetchFunction;
};

export type LogoutResult = {
  authFile: string;
  /** False when there was no file to remove. */
  removed: boolean;
  /** Whether the issuer confirmed the revocation; absent when none was attempted. */
  revoked?: boolean;
};

/**
 * Signs out: removes the auth file (under the refresh lock, so a refresh in flight cannot
 * write it back), then revokes its refresh token, best effort. Node only.
 */
export async function logout(options: LogoutOptions = {}): Promise<LogoutResult> {
  const authFile = resolveAuthFile(options);
  const { removed, refreshToken } = await withAuthFileLock(authFile, async () => {
    let text: string;
    try {
      text = await readFile(authFile, 'utf8');
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code === 'ENOENT') return { removed: false };
      throw error;
    }
    await rm(authFile, { force: true });
    return { removed: true, refreshToken: refreshTokenIn(text) };
  });
  if (!removed || refreshToken == null || options.revoke === false) {
    return { authFile, removed };
  }
  const revoked = await revokeRefreshToken({
    issuer: normalizeIssuer(options.issuer),
    refreshToken,
    fetch: options.fetch,
  });
  return { authFile, removed, revoked };
}

function refreshTokenIn(text: string): string | undefined {
  try {
    const token = JSON.parse(text)?.tokens?.refresh_token;
    return typeof token === 'string' && token !== '' ? token : undefined;
  } catch {
    return undefined;
  }
}
