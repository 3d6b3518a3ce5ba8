import type { FetchFunction } from '@ai-sdk/provider-utils';
import { readFile } from 'node:fs/promises';
import {
  resolveAuthFilePath,
  withAuthFileLock,
  writeAuthFile,
  type AuthFileContent,
} from '../auth/auth-file-store';
import { unsendableCredential } from '../auth/codex-auth-source';
import type { CodexSignInTarget } from '../auth/sign-in-target';
import { parseJsonRecord } from '../common/parse-json-record';
import { readAccountClaims, type CodexAccountClaims } from './id-token-claims';
import { CodexLoginError } from './login-error';
import { revokeRefreshToken } from './revoke-token';
import { signInIssuer } from './sign-in-issuer';
import type { SignInTokens } from './token-exchange';

/**
 * What a finished sign-in tells the app: where the credentials went (the auth file, or
 * how a `saveTo` target names itself) and whose they are.
 */
export type CodexLoginResult = CodexAccountClaims & { authFile: string };

/**
 * Writes a fresh sign-in the way `codex login` does (`auth_mode`, `OPENAI_API_KEY`,
 * `tokens.{id_token, access_token, refresh_token, account_id}`, `last_refresh`), keeping
 * any other top-level field. It goes through the refresh's lock and atomic 0600 writer,
 * so a refresh running in another process can neither interleave nor be overwritten
 * half-way. The refresh token it replaces is then revoked (best effort) at the issuer that
 * issued it, which need not be the one signed in to now; when the replaced sign-in does
 * not say which issuer that was, it is not revoked anywhere.
 */
export async function saveSignIn({
  authFile,
  saveTo,
  tokens,
  fetch,
  abortSignal,
}: {
  authFile: string;
  /** Where the sign-in goes instead of `authFile` (a Redis key). */
  saveTo?: CodexSignInTarget | undefined;
  tokens: SignInTokens;
  fetch?: FetchFunction;
  /** A cancelled sign-in writes nothing, even when it is cancelled waiting for the lock. */
  abortSignal?: AbortSignal;
}): Promise<CodexLoginResult> {
  const claims = readAccountClaims(tokens.id_token, tokens.access_token);
  // a sign-in no request can carry must not replace (and revoke) one that works
  const unsendable = unsendableCredential({
    accessToken: tokens.access_token,
    accountId: claims.accountId,
  });
  if (unsendable != null) {
    throw new CodexLoginError({
      reason: 'invalid_response',
      message: `The ${unsendable.field === 'accessToken' ? 'access token' : 'account id'} the sign-in server answered with contains ${unsendable.problem}, so it cannot be sent; nothing was written. Start the sign-in again, or check the issuer.`,
    });
  }
  if (saveTo != null) {
    const previous = await saveTo.replaceSignIn(
      content => signInContent(content, tokens, claims),
      abortSignal,
    );
    await revokeReplaced(previous.tokens, tokens, fetch);
    return { authFile: saveTo.describeSignInTarget(), ...claims };
  }
  // A symlinked auth.json (dotfiles) stays a link: the lock and the write go to its target,
  // the same file a refresh locks and writes.
  const target = await resolveAuthFilePath(authFile);
  const replaced = await withAuthFileLock(
    target,
    async () => {
      abortSignal?.throwIfAborted();
      const previous = await readPreviousContent(target);
      await writeAuthFile(target, signInContent(previous, tokens, claims));
      return previous.tokens;
    },
    { abortSignal },
  );
  await revokeReplaced(replaced, tokens, fetch);
  return { authFile, ...claims };
}

/** The new sign-in in the `codex login` layout, over `previous`'s other fields. */
function signInContent(
  previous: AuthFileContent,
  tokens: SignInTokens,
  claims: CodexAccountClaims,
): AuthFileContent {
  return {
    ...previous,
    auth_mode: 'chatgpt',
    OPENAI_API_KEY: null,
    tokens: {
      id_token: tokens.id_token,
      access_token: tokens.access_token,
      refresh_token: tokens.refresh_token,
      ...(claims.accountId != null && { account_id: claims.accountId }),
    },
    last_refresh: new Date().toISOString(),
  };
}

/**
 * Revokes the replaced sign-in's refresh token at the issuer that issued it, never at the
 * issuer of the new sign-in. The new sign-in is saved whether or not that succeeds.
 */
async function revokeReplaced(
  replaced: AuthFileContent['tokens'],
  tokens: SignInTokens,
  fetch: FetchFunction | undefined,
): Promise<void> {
  const refreshToken = replaced?.refresh_token;
  const issuer = signInIssuer(replaced);
  if (
    typeof refreshToken === 'string' &&
    refreshToken !== '' &&
    refreshToken !== tokens.refresh_token &&
    issuer != null
  ) {
    await revokeRefreshToken({ issuer, refreshToken, fetch }).catch(() => {});
  }
}

/**
 * The file being replaced, for its other fields. A missing or unreadable one starts
 * afresh: the user asked for a new sign-in, and the old content cannot be used anyway.
 */
async function readPreviousContent(path: string): Promise<AuthFileContent> {
  return parseJsonRecord(await readFile(path, 'utf8').catch(() => undefined)) ?? {};
}
