import { InvalidArgumentError } from '@ai-sdk/provider';
import type { FetchFunction } from '@ai-sdk/provider-utils';
import type { CodexSignInTarget } from '../auth/sign-in-target';
import { CODEX_CLIENT_ID } from '../auth/token-refresh';
import { PACKAGE_NAME } from '../common/package-identity';
import { callbackHandler, createSignInOutcome } from './callback-handler';
import { startCallbackServer } from './callback-server';
import { resolveAuthFile } from './codex-home';
import { normalizeIssuer } from './normalize-issuer';
import { CodexLoginError } from './login-error';
import { openBrowser as openDefaultBrowser } from './open-browser';
import { createPkce, createState } from './pkce';
import { saveSignIn, type CodexLoginResult } from './save-sign-in';
import { exchangeAuthorizationCode } from './token-exchange';

export const DEFAULT_CALLBACK_PORT = 1455;
/** As long as a device code lives: long enough to sign in, with a second factor. */
const DEFAULT_SIGN_IN_TIMEOUT_MS = 15 * 60 * 1000;
/** The issuer also accepts this redirect port; used when 1455 is taken. */
const FALLBACK_CALLBACK_PORT = 1457;
const SCOPES = 'openid profile email offline_access';

export type LoginWithBrowserOptions = {
  /** Where `auth.json` goes: default `$CODEX_HOME`, else `~/.codex`. */
  codexHome?: string;
  /** The auth file itself, instead of `<codexHome>/auth.json`. */
  authFile?: string;
  /** Default `https://auth.openai.com`. */
  issuer?: string;
  /**
   * The localhost callback port, default 1455 (then 1457 if 1455 is taken). OpenAI's
   * issuer only redirects to the ports registered for the Codex CLI.
   */
  port?: number;
  /** Open the authorize URL in the default browser (default), or call this function. */
  openBrowser?: boolean | ((url: string) => void | Promise<void>);
  /** Gets the authorize URL once the callback server listens, e.g. to print it. */
  onAuthorizeUrl?: (url: string) => void;
  /**
   * Told about requests that were refused but did not end the sign-in (a wrong `state`,
   * another `Host`): once per kind, however many come.
   */
  onWarning?: (message: string) => void;
  /**
   * Where the sign-in goes instead of `auth.json`: `redisAuth({ url, key })` from
   * `ai-sdk-provider-codex/redis` signs in straight into Redis.
   */
  saveTo?: CodexSignInTarget;
  /** Sent as `originator` on the authorize URL. Default `ai-sdk-provider-codex`. */
  originator?: string;
  /**
   * Give up when the sign-in has not completed after this long (default 15 minutes),
   * token exchange included: a `CodexLoginError` with reason `expired`, nothing written.
   */
  timeoutMs?: number;
  /** Cancels the sign-in: the promise rejects with the signal's reason, nothing is written. */
  abortSignal?: AbortSignal;
  fetch?: FetchFunction;
};

/**
 * Signs in with ChatGPT in the browser (OAuth authorization code + PKCE S256 + `state`)
 * and writes `auth.json` as `codex login` does. Node only.
 */
export async function loginWithBrowser(
  options: LoginWithBrowserOptions = {},
): Promise<CodexLoginResult> {
  const { fetch } = options;
  options.abortSignal?.throwIfAborted();
  const issuer = normalizeIssuer(options.issuer);
  const authFile = resolveAuthFile(options);
  const pkce = createPkce();
  const state = createState();
  const outcome = createSignInOutcome();
  const onWarning = once(options.onWarning);
  // The caller's cancel and our time limit, as one signal for the exchange and the write.
  const deadline = signInDeadline(options.timeoutMs ?? DEFAULT_SIGN_IN_TIMEOUT_MS);
  const abortSignal =
    options.abortSignal != null
      ? AbortSignal.any([options.abortSignal, deadline.signal])
      : deadline.signal;
  // Known once the server listens; no callback can reach `complete` before that.
  let redirectUri: string;

  let server;
  try {
    server = await startCallbackServer({
      port: options.port ?? DEFAULT_CALLBACK_PORT,
      fallbackPort: options.port == null ? FALLBACK_CALLBACK_PORT : undefined,
      onWarning,
      onCallback: callbackHandler({
        outcome,
        state,
        onWarning,
        complete: async code => {
          const tokens = await exchangeAuthorizationCode({
            issuer,
            code,
            codeVerifier: pkce.verifier,
            redirectUri,
            fetch,
            abortSignal,
          });
          return saveSignIn({ authFile, saveTo: options.saveTo, tokens, fetch, abortSignal });
        },
      }),
    });
  } catch (error) {
    deadline.clear();
    throw error;
  }
  redirectUri = server.redirectUri;
  // While the code is being traded, the exchange and the write see the signal themselves:
  // the sign-in is reported as it ends, never as failed while it is being saved.
  const onAbort = () => {
    if (outcome.phase === 'waiting') outcome.fail(abortSignal.reason);
  };
  abortSignal.addEventListener('abort', onAbort, { once: true });
  try {
    const url = buildAuthorizeUrl({
      issuer,
      redirectUri,
      challenge: pkce.challenge,
      state,
      originator: options.originator ?? PACKAGE_NAME,
    });
    options.onAuthorizeUrl?.(url);
    const open = options.openBrowser ?? true;
    if (typeof open === 'function') await open(url);
    else if (open) openDefaultBrowser(url);
    return await outcome.promise;
  } finally {
    abortSignal.removeEventListener('abort', onAbort);
    deadline.clear();
    await server.close();
  }
}

/** The longest delay a timer takes: a longer one fires at once. */
const MAX_TIMER_MS = 2_147_483_647;

/** A signal that aborts with an `expired` error once `timeoutMs` have passed. */
function signInDeadline(timeoutMs: number): { signal: AbortSignal; clear: () => void } {
  if (!(timeoutMs > 0 && timeoutMs <= MAX_TIMER_MS)) {
    throw new InvalidArgumentError({
      argument: 'timeoutMs',
      message: `\`timeoutMs\` must be a number of milliseconds from 1 to ${MAX_TIMER_MS} (about 24 days), not ${String(timeoutMs)}.`,
    });
  }
  const controller = new AbortController();
  const timer = setTimeout(() => {
    controller.abort(
      new CodexLoginError({
        reason: 'expired',
        message: `The sign-in was not completed within ${Math.round(timeoutMs / 60_000) || '<1'} minutes; nothing was written. Run it again.`,
      }),
    );
  }, timeoutMs);
  return { signal: controller.signal, clear: () => clearTimeout(timer) };
}

/** `warn`, told each distinct message once. */
function once(
  warn: ((message: string) => void) | undefined,
): ((message: string) => void) | undefined {
  if (warn == null) return undefined;
  const told = new Set<string>();
  return message => {
    if (told.has(message)) return;
    told.add(message);
    warn(message);
  };
}

export function buildAuthorizeUrl({
  issuer,
  redirectUri,
  challenge,
  state,
  originator,
}: {
  issuer: string;
  redirectUri: string;
  challenge: string;
  state: string;
  originator: string;
}): string {
  const query = new URLSearchParams({
    response_type: 'code',
    client_id: CODEX_CLIENT_ID,
    redirect_uri: redirectUri,
    scope: SCOPES,
    code_challenge: challenge,
    code_challenge_method: 'S256',
    id_token_add_organizations: 'true',
    codex_cli_simplified_flow: 'true',
    state,
    originator,
  });
  return `${issuer}/oauth/authorize?${query.toString().replace(/\+/g, '%20')}`;
}
