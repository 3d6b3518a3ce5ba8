import { LoadAPIKeyError } from '@ai-sdk/provider';
import type { FetchFunction } from '@ai-sdk/provider-utils';
import {
  assertSendableCredentials,
  type CodexAuthSource,
  type CodexCredentials,
} from './codex-auth-source';
import {
  defaultAuthFilePath,
  readAuthFile,
  resolveAuthFilePath,
  withAuthFileLock,
  writeAuthFile,
  type AuthFileContent,
} from './auth-file-store';
import { explainMissingAuthFile } from './credentials-store-mode';
import { getChatGPTAccountId, getJwtExpiry } from './jwt';
import { refreshCodexTokens } from './token-refresh';

/** Refresh this long before `exp`, as the official client does. */
const REFRESH_MARGIN_MS = 5 * 60 * 1000;

type Tokens = {
  access_token: string;
  refresh_token?: string;
  id_token?: string;
  account_id?: string;
};

// One refresh at a time per file within this process, shared by every provider instance
// that reads the same file; the lock file does the same across processes.
const refreshesInFlight = new Map<string, Promise<AuthFileContent>>();

/** Credentials from `auth.json` (`$CODEX_HOME/auth.json` by default), refreshed as needed. */
export async function createFileAuth({
  authFile,
  tokenURL,
  accountId,
  fetch,
}: {
  authFile?: string;
  tokenURL: string;
  accountId?: string;
  fetch?: FetchFunction;
}): Promise<CodexAuthSource> {
  const path = authFile ?? (await defaultAuthFilePath());
  let cached: AuthFileContent | undefined;

  const credentialsOf = (content: AuthFileContent) => toCredentials(content, path, accountId);
  const refresh = (staleAccessToken: string) =>
    refreshAuthFile({ path, tokenURL, fetch }, staleAccessToken);

  return {
    async getCredentials() {
      cached ??= await readAuthFile(path).catch(error => explainMissingAuthFile(error, path));
      const tokens = tokensOf(cached, path);
      if (expiresSoon(tokens.access_token)) cached = await refresh(tokens.access_token);
      return credentialsOf(cached);
    },

    async onUnauthorized(rejected) {
      // First, the file: another process may hold a newer token than our cache.
      const current = await readAuthFile(path);
      if (tokensOf(current, path).access_token !== rejected.accessToken) {
        cached = current;
        return credentialsOf(current);
      }
      cached = await refresh(rejected.accessToken);
      const next = credentialsOf(cached);
      return next.accessToken !== rejected.accessToken ? next : undefined;
    },
  };
}

function toCredentials(
  content: AuthFileContent,
  path: string,
  accountId: string | undefined,
): CodexCredentials {
  const tokens = tokensOf(content, path);
  const id =
    accountId ??
    tokens.account_id ??
    getChatGPTAccountId(tokens.access_token) ??
    getChatGPTAccountId(tokens.id_token);
  const credentials = { accessToken: tokens.access_token, accountId: id };
  assertSendableCredentials(
    credentials,
    field => `${field === 'accessToken' ? 'access_token' : 'account_id'} in ${path}`,
    'Run `codex login` to write a fresh sign-in.',
  );
  return credentials;
}

/**
 * Refreshes the tokens of `path` once per process at a time (callers share the flight) and
 * under the file lock across processes. `staleAccessToken` is the token the caller gave up
 * on (expiring, or rejected by the backend): the file still holding it means no one has
 * refreshed yet.
 */
function refreshAuthFile(
  { path, tokenURL, fetch }: { path: string; tokenURL: string; fetch?: FetchFunction },
  staleAccessToken: string,
): Promise<AuthFileContent> {
  return resolveAuthFilePath(path).then(target => {
    let flight = refreshesInFlight.get(target);
    if (flight == null) {
      flight = withAuthFileLock(target, () =>
        refreshUnderLock({ path, target, tokenURL, fetch }, staleAccessToken),
      ).finally(() => refreshesInFlight.delete(target));
      refreshesInFlight.set(target, flight);
    }
    return flight;
  });
}

async function refreshUnderLock(
  {
    path,
    target,
    tokenURL,
    fetch,
  }: { path: string; target: string; tokenURL: string; fetch?: FetchFunction },
  staleAccessToken: string,
): Promise<AuthFileContent> {
  // Re-read under the lock: another process may have refreshed already, and its rotated
  // refresh token is the only one still valid. The stale token itself is always refreshed
  // (it expires soon, or the backend rejected it).
  const current = await readAuthFile(target);
  const tokens = tokensOf(current, path);
  if (tokens.access_token !== staleAccessToken && !expiresSoon(tokens.access_token)) {
    return current;
  }
  if (!tokens.refresh_token) {
    throw new LoadAPIKeyError({
      message: `The ChatGPT access token in ${path} has expired and the file has no refresh token. Run \`codex login\` to sign in again.`,
    });
  }
  const fresh = await refreshCodexTokens({ tokenURL, refreshToken: tokens.refresh_token, fetch });
  const updated: AuthFileContent = {
    ...current,
    tokens: {
      ...current.tokens,
      access_token: fresh.access_token,
      refresh_token: fresh.refresh_token ?? tokens.refresh_token,
      // JSON.stringify leaves the key out when neither has one
      id_token: fresh.id_token ?? tokens.id_token,
    },
    last_refresh: new Date().toISOString(),
  };
  await writeAuthFile(target, updated);
  return updated;
}

function expiresSoon(accessToken: string): boolean {
  // a token without `exp` is never refreshed ahead; a 401 still renews it
  return (getJwtExpiry(accessToken) ?? Infinity) - Date.now() < REFRESH_MARGIN_MS;
}

function tokensOf(content: AuthFileContent, path: string): Tokens {
  const tokens = content.tokens;
  if (tokens == null || typeof tokens.access_token !== 'string' || tokens.access_token === '') {
    if (typeof content.OPENAI_API_KEY === 'string' && content.OPENAI_API_KEY !== '') {
      throw new LoadAPIKeyError({
        message: `${path} holds an OpenAI API key, not a ChatGPT sign-in. The Codex backend needs a ChatGPT login: run \`codex login\` and choose "Sign in with ChatGPT".`,
      });
    }
    throw new LoadAPIKeyError({
      message: `${path} has no ChatGPT tokens. Run \`codex login\` (choose "Sign in with ChatGPT").`,
    });
  }
  return tokens as Tokens;
}
