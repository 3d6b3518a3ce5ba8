import { APICallError, LoadAPIKeyError } from '@ai-sdk/provider';
import {
  assertSendableCredentials,
  type CodexAuthContext,
  type CodexAuthSource,
  type CodexCredentials,
} from './codex-auth-source';
import type { AuthFileContent } from './auth-file-store';
import { getChatGPTAccountId, getJwtExpiry } from './jwt';
import type { SignInStore } from './sign-in-store';
import { DEFAULT_REFRESH_TIMEOUT_MS, DEFAULT_TOKEN_URL, refreshCodexTokens } from './token-refresh';

/** Refresh this long before `exp`, as the official client does. */
const REFRESH_MARGIN_MS = 5 * 60 * 1000;

const DEFAULT_CONTEXT: CodexAuthContext = { tokenURL: DEFAULT_TOKEN_URL, fetch: undefined };

type Tokens = {
  access_token: string;
  refresh_token?: string;
  id_token?: string;
  account_id?: string;
};

/** A sign-in ready to hand out: checked once, not on every call. */
type CachedSignIn = {
  content: AuthFileContent;
  credentials: CodexCredentials;
  /** Epoch ms after which the access token is refreshed ahead of its expiry. */
  refreshAt: number;
};

// One refresh at a time per store within this process, shared by every source that reads
// the same store; the store's lock does the same across processes.
const refreshesInFlight = new Map<unknown, Promise<AuthFileContent>>();

/**
 * Credentials from a sign-in store (the auth file, a Redis key): kept in memory while the
 * access token is good, refreshed once per store at a time, re-read after a 401.
 */
export function createStoredAuth(
  store: SignInStore,
  {
    accountId,
    refreshTimeoutMs = DEFAULT_REFRESH_TIMEOUT_MS,
    context: defaultContext = DEFAULT_CONTEXT,
  }: {
    accountId?: string | undefined;
    refreshTimeoutMs?: number;
    /** Where to refresh when a caller passes no context. */
    context?: CodexAuthContext;
  } = {},
): CodexAuthSource {
  let cached: CachedSignIn | undefined;
  let loading: Promise<CachedSignIn> | undefined;

  const cache = (content: AuthFileContent) => (cached = toCachedSignIn(content, store, accountId));
  // Concurrent first calls share one read.
  const load = () =>
    (loading ??= store
      .read()
      .then(({ content }) => cache(content))
      .finally(() => (loading = undefined)));
  const refresh = async (staleAccessToken: string, context: CodexAuthContext) =>
    cache(await refreshShared(store, { ...context, refreshTimeoutMs }, staleAccessToken));

  return {
    async getCredentials(context = defaultContext) {
      let signIn = cached ?? (await load());
      if (Date.now() > signIn.refreshAt) {
        signIn = await refresh(signIn.credentials.accessToken, context);
      }
      return signIn.credentials;
    },

    async onUnauthorized(rejected, context = defaultContext) {
      // First, the store: another process may hold a newer token than our cache.
      const current = toCachedSignIn((await store.read()).content, store, accountId);
      if (current.credentials.accessToken !== rejected.accessToken) {
        cached = current;
        return current.credentials;
      }
      const next = (await refresh(rejected.accessToken, context)).credentials;
      return next.accessToken !== rejected.accessToken ? next : undefined;
    },
  };
}

type RefreshOptions = CodexAuthContext & { refreshTimeoutMs: number };

/**
 * Refreshes the tokens of `store` once per process at a time (callers share the flight)
 * and under the store's lock across processes. `staleAccessToken` is the token the caller
 * gave up on (expiring, or rejected by the backend): the store still holding it means no
 * one has refreshed yet.
 */
async function refreshShared(
  store: SignInStore,
  options: RefreshOptions,
  staleAccessToken: string,
): Promise<AuthFileContent> {
  const key = await store.flightKey();
  let flight = refreshesInFlight.get(key);
  if (flight == null) {
    const settled = async () => {
      const { content } = await store.read();
      return isRefreshed(tokensOf(content, store), staleAccessToken) ? content : undefined;
    };
    flight = store
      .withRefreshLock(() => refreshUnderLock(store, options, staleAccessToken), settled)
      .finally(() => refreshesInFlight.delete(key));
    refreshesInFlight.set(key, flight);
  }
  return flight;
}

async function refreshUnderLock(
  store: SignInStore,
  { tokenURL, fetch, refreshTimeoutMs }: RefreshOptions,
  staleAccessToken: string,
): Promise<AuthFileContent> {
  // Re-read under the lock: another process may have refreshed already, and its rotated
  // refresh token is the only one still valid. The stale token itself is always refreshed
  // (it expires soon, or the backend rejected it).
  const read = await store.read();
  const tokens = tokensOf(read.content, store);
  if (isRefreshed(tokens, staleAccessToken)) return read.content;
  if (!tokens.refresh_token) {
    throw new LoadAPIKeyError({
      message: `The ChatGPT access token in ${store.name} has expired and ${store.container} has no refresh token. Run ${store.loginCommand} to sign in again.`,
    });
  }
  let fresh;
  try {
    fresh = await refreshCodexTokens({
      tokenURL,
      refreshToken: tokens.refresh_token,
      fetch,
      timeoutMs: refreshTimeoutMs,
      store,
    });
  } catch (error) {
    // A refused refresh token (`refresh_token_reused`) may have been spent by a client that
    // does not take our lock (the Codex CLI), which then stored its rotated tokens.
    // A store that cannot be read now leaves the refusal as the answer.
    if (APICallError.isInstance(error) && !error.isRetryable) {
      const again = await store.read().catch(() => undefined);
      if (again != null && tokensOf(again.content, store).refresh_token !== tokens.refresh_token) {
        return again.content;
      }
    }
    throw error;
  }
  const updated: AuthFileContent = {
    ...read.content,
    tokens: {
      ...read.content.tokens,
      access_token: fresh.access_token,
      refresh_token: fresh.refresh_token ?? tokens.refresh_token,
      // JSON.stringify leaves the key out when neither has one
      id_token: fresh.id_token ?? tokens.id_token,
    },
    last_refresh: new Date().toISOString(),
  };
  return store.write(read, updated);
}

/** Whether someone refreshed since `staleAccessToken` was given up on. */
function isRefreshed(tokens: Tokens, staleAccessToken: string): boolean {
  return tokens.access_token !== staleAccessToken && Date.now() <= refreshAt(tokens.access_token);
}

function refreshAt(accessToken: string): number {
  // a token without `exp` is never refreshed ahead; a 401 still renews it
  return (getJwtExpiry(accessToken) ?? Infinity) - REFRESH_MARGIN_MS;
}

function toCachedSignIn(
  content: AuthFileContent,
  store: SignInStore,
  accountId: string | undefined,
): CachedSignIn {
  const tokens = tokensOf(content, store);
  const id =
    accountId ??
    tokens.account_id ??
    getChatGPTAccountId(tokens.access_token) ??
    getChatGPTAccountId(tokens.id_token);
  const credentials = { accessToken: tokens.access_token, accountId: id };
  assertSendableCredentials(
    credentials,
    field => `${field === 'accessToken' ? 'access_token' : 'account_id'} in ${store.name}`,
    `Run ${store.loginCommand} to write a fresh sign-in.`,
  );
  return { content, credentials, refreshAt: refreshAt(tokens.access_token) };
}

function tokensOf(content: AuthFileContent, store: SignInStore): Tokens {
  const tokens = content.tokens;
  if (tokens == null || typeof tokens.access_token !== 'string' || tokens.access_token === '') {
    if (typeof content.OPENAI_API_KEY === 'string' && content.OPENAI_API_KEY !== '') {
      throw new LoadAPIKeyError({
        message: `${store.name} holds an OpenAI API key, not a ChatGPT sign-in. The Codex backend needs a ChatGPT login: ${store.signIn}.`,
      });
    }
    throw new LoadAPIKeyError({
      message: `${store.name} has no ChatGPT tokens. ${store.signIn[0]!.toUpperCase()}${store.signIn.slice(1)}.`,
    });
  }
  return tokens as Tokens;
}
