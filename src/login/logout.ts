import { LoadAPIKeyError } from '@ai-sdk/provider';
import type { FetchFunction } from '@ai-sdk/provider-utils';
import { lstat, readFile, rm } from 'node:fs/promises';
import {
  resolveAuthFilePath,
  withAuthFileLock,
  writeAuthFile,
  type AuthFileContent,
} from '../auth/auth-file-store';
import { parseJsonRecord } from '../common/parse-json-record';
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
  /** False when there were no credentials to remove. */
  removed: boolean;
  /** Whether the issuer confirmed the revocation; absent when none was attempted. */
  revoked?: boolean;
  /**
   * Set when `authFile` is a symlink: the file it points at, which the credentials were
   * taken out of. The link and that file's other fields are kept.
   */
  linkTarget?: string;
};

/**
 * The fields of a sign-in, as the Codex CLI writes them (its newer credential kinds
 * included). Logout takes them out of a linked auth file and keeps the rest.
 */
const SIGN_IN_FIELDS = [
  'auth_mode',
  'OPENAI_API_KEY',
  'tokens',
  'last_refresh',
  'agent_identity',
  'personal_access_token',
];

/**
 * Signs out: removes the auth file (under the refresh lock, so a refresh in flight cannot
 * write it back), then revokes its refresh token, best effort. A symlinked auth file
 * (dotfiles) is not removed: the link may point into a repository or a synced folder that
 * the user set up, so the credentials are taken out of its target (atomically, 0600) and
 * the link and the target's other fields stay, ready for the next sign-in. Node only.
 */
export async function logout(options: LogoutOptions = {}): Promise<LogoutResult> {
  const authFile = resolveAuthFile(options);
  const linked = await isSymlink(authFile);
  const target = linked ? await resolveAuthFilePath(authFile) : authFile;
  const { removed, refreshToken } = await withAuthFileLock(target, async () => {
    let text: string;
    try {
      text = await readFile(target, 'utf8');
    } catch (error) {
      const code = (error as NodeJS.ErrnoException).code;
      if (code === 'ENOENT') return { removed: false };
      throw new LoadAPIKeyError({
        message: `Cannot read the Codex auth file ${target} (${code ?? 'unknown error'}${code === 'EISDIR' ? ': it is a directory' : ''}); nothing was removed.`,
      });
    }
    const content = parseJsonRecord(text);
    const refreshToken = refreshTokenIn(content);
    if (!linked) {
      await rm(authFile, { force: true });
      return { removed: true, refreshToken };
    }
    const kept: AuthFileContent = { OPENAI_API_KEY: null };
    let signedIn = false;
    for (const [key, value] of Object.entries(content ?? {})) {
      if (!SIGN_IN_FIELDS.includes(key)) kept[key] = value;
      else if (value != null) signedIn = true;
    }
    // A file that is no JSON object may hold a torn token: it goes too.
    if (!signedIn && content != null) return { removed: false };
    await writeAuthFile(target, kept);
    return { removed: true, refreshToken };
  });
  const link = linked && target !== authFile ? { linkTarget: target } : {};
  if (!removed || refreshToken == null || options.revoke === false) {
    return { authFile, removed, ...link };
  }
  const revoked = await revokeRefreshToken({
    issuer: normalizeIssuer(options.issuer),
    refreshToken,
    fetch: options.fetch,
  });
  return { authFile, removed, revoked, ...link };
}

async function isSymlink(path: string): Promise<boolean> {
  try {
    return (await lstat(path)).isSymbolicLink();
  } catch {
    return false;
  }
}

function refreshTokenIn(content: Record<string, unknown> | undefined): string | undefined {
  const tokens = content?.tokens as { refresh_token?: unknown } | null | undefined;
  const token = tokens?.refresh_token;
  return typeof token === 'string' && token !== '' ? token : undefined;
}
