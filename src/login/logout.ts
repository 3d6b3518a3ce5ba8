import { APICallError, LoadAPIKeyError } from '@ai-sdk/provider';
import type { FetchFunction } from '@ai-sdk/provider-utils';
import { lstat, readFile, rm } from 'node:fs/promises';
import {
  resolveAuthFilePath,
  withAuthFileLock,
  writeAuthFile,
  type AuthFileContent,
} from '../auth/auth-file-store';
import { parseJsonRecord } from '../common/parse-json-record';
import { resolveAuthFile } from './codex-home';
import { normalizeIssuer } from './normalize-issuer';
import { revokeSignIn } from './revoke-sign-in';
import { copyAPICallError } from '../common/copy-api-call-error';

export type LogoutOptions = {
  /** Default `$CODEX_HOME`, else `~/.codex`. */
  codexHome?: string;
  /** The auth file itself, instead of `<codexHome>/auth.json`. */
  authFile?: string;
  /**
   * Where to revoke a refresh token whose sign-in does not name its issuer; default
   * `https://auth.openai.com`. A token that names one (its id token's `iss`) is revoked
   * there only.
   */
  issuer?: string;
  /** Revoke the refresh token at the issuer first (default), as `codex logout` does. */
  revoke?: boolean;
  /**
   * Remove the credentials even when revoking the refresh token fails (it then stays valid
   * until it expires). Without it such a logout throws and removes nothing.
   */
  force?: boolean;
  fetch?: FetchFunction;
};

export type LogoutResult = {
  authFile: string;
  /** False when there were no credentials to remove. */
  removed: boolean;
  /** Whether the issuer confirmed the revocation; absent when none was attempted. */
  revoked?: boolean;
  /** Why the revocation failed, when `force` removed the credentials all the same. */
  revokeFailure?: string;
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
 * Signs out: revokes the refresh token at the issuer that issued it, then removes the
 * auth file, all under the refresh lock (a refresh in flight can neither write the file
 * back nor rotate the token between the two). When the revocation fails nothing is
 * removed (an `APICallError` says why), unless `force` is set: a user must never believe
 * a token is dead when it is not. A symlinked auth file (dotfiles) is not removed: the
 * link may point into a repository or a synced folder that the user set up, so the
 * credentials are taken out of its target (atomically, 0600) and the link and the
 * target's other fields stay, ready for the next sign-in. Node only.
 */
export async function logout(options: LogoutOptions = {}): Promise<LogoutResult> {
  const fallbackIssuer = normalizeIssuer(options.issuer);
  const authFile = resolveAuthFile(options);
  const linked = await isSymlink(authFile);
  const target = linked ? await resolveAuthFilePath(authFile) : authFile;
  const link = linked && target !== authFile ? { linkTarget: target } : {};
  return withAuthFileLock(target, async () => {
    let text: string;
    try {
      text = await readFile(target, 'utf8');
    } catch (error) {
      const code = (error as NodeJS.ErrnoException).code;
      if (code === 'ENOENT') return { authFile, removed: false, ...link };
      throw new LoadAPIKeyError({
        message: `Cannot read the Codex auth file ${target} (${code ?? 'unknown error'}${code === 'EISDIR' ? ': it is a directory' : ''}); nothing was removed.`,
      });
    }
    const content = parseJsonRecord(text);
    const kept: AuthFileContent = { OPENAI_API_KEY: null };
    let signedIn = false;
    for (const [key, value] of Object.entries(content ?? {})) {
      if (!SIGN_IN_FIELDS.includes(key)) kept[key] = value;
      else if (value != null) signedIn = true;
    }
    // A linked file without a sign-in is left alone; one that is no JSON object may hold
    // a torn token, so it goes.
    if (linked && !signedIn && content != null) return { authFile, removed: false, ...link };

    const revocation =
      options.revoke === false ? {} : await revoke(content, fallbackIssuer, options, target);
    if (linked) await writeAuthFile(target, kept);
    else await rm(authFile, { force: true });
    return { authFile, removed: true, ...revocation, ...link };
  });
}

/**
 * Revokes at the issuer the sign-in names, else at `fallbackIssuer`. A failure keeps the
 * sign-in (the error says so) unless `force` is set.
 */
async function revoke(
  content: Record<string, unknown> | undefined,
  fallbackIssuer: string,
  { force, fetch }: LogoutOptions,
  target: string,
): Promise<{ revoked?: boolean; revokeFailure?: string }> {
  try {
    return (await revokeSignIn(content?.tokens, fallbackIssuer, fetch)) ? { revoked: true } : {};
  } catch (error) {
    if (!APICallError.isInstance(error)) throw error;
    if (force === true) return { revoked: false, revokeFailure: error.message };
    throw copyAPICallError(error, {
      message: `${error.message} Nothing was removed: ${target} still holds the sign-in. Try again, or remove it anyway with \`force: true\` (\`logout --force\`): the refresh token then stays valid until it expires.`,
    });
  }
}

async function isSymlink(path: string): Promise<boolean> {
  try {
    return (await lstat(path)).isSymbolicLink();
  } catch {
    return false;
  }
}
