import { APICallError } from '@ai-sdk/provider';
import { extractResponseHeaders, type FetchFunction } from '@ai-sdk/provider-utils';
import type { CodexSignInTarget } from '../auth/sign-in-target';
import { CODEX_CLIENT_ID } from '../auth/token-refresh';
import { resolveAuthFile } from './codex-home';
import { normalizeIssuer } from './normalize-issuer';
import { CodexLoginError } from './login-error';
import { parseJsonObject, postSignInRequest, readSignInAnswer } from './post-sign-in-request';
import { saveSignIn, type CodexLoginResult } from './save-sign-in';
import { exchangeAuthorizationCode } from './token-exchange';

/** How long a device code stays valid, as the Codex CLI gives it. */
const DEVICE_CODE_LIFETIME_MS = 15 * 60 * 1000;
const DEFAULT_POLL_INTERVAL_S = 5;
/** However short an interval the server asks for: a tiny one must not spin. */
const MIN_POLL_INTERVAL_S = 1;
/** Added to the interval on `slow_down` or a 429 (RFC 8628 §3.5). */
const SLOW_DOWN_S = 5;

/** What the user needs to approve the sign-in on another device. */
export type CodexDeviceCode = {
  /** The page to open, on any device with a browser. */
  verificationUrl: string;
  /** The one-time code to type there. Not a credential, but do not let it be phished. */
  userCode: string;
  expiresAt: Date;
};

export type LoginWithDeviceCodeOptions = {
  /** Gets the URL and code to show the user; polling starts once it returns. */
  onUserCode: (code: CodexDeviceCode) => void | Promise<void>;
  /** Where `auth.json` goes: default `$CODEX_HOME`, else `~/.codex`. */
  codexHome?: string;
  /** The auth file itself, instead of `<codexHome>/auth.json`. */
  authFile?: string;
  /** Default `https://auth.openai.com`. */
  issuer?: string;
  /**
   * Where the sign-in goes instead of `auth.json`: `redisAuth({ url, key })` from
   * `ai-sdk-provider-codex/redis` signs in straight into Redis.
   */
  saveTo?: CodexSignInTarget;
  /** Give up after this long; default 15 minutes, the life of a device code. */
  timeoutMs?: number;
  /** Cancels the sign-in: the promise rejects with the signal's reason, nothing is written. */
  abortSignal?: AbortSignal;
  fetch?: FetchFunction;
};

/**
 * Signs in with ChatGPT from a machine without a browser (SSH, containers): the user
 * opens a URL elsewhere and types a code; this polls until the sign-in is approved,
 * then writes `auth.json` as `codex login --device-auth` does. Node only.
 */
export async function loginWithDeviceCode(
  options: LoginWithDeviceCodeOptions,
): Promise<CodexLoginResult> {
  const { abortSignal, fetch = globalThis.fetch } = options;
  abortSignal?.throwIfAborted();
  const issuer = normalizeIssuer(options.issuer);
  const authFile = resolveAuthFile(options);
  const api = `${issuer}/api/accounts/deviceauth`;
  const timeoutMs = options.timeoutMs ?? DEVICE_CODE_LIFETIME_MS;

  const device = await requestDeviceCode(api, issuer, fetch, abortSignal);
  const startedAt = Date.now();
  await options.onUserCode({
    verificationUrl: `${issuer}/codex/device`,
    userCode: device.userCode,
    expiresAt: new Date(startedAt + timeoutMs),
  });
  const approval = await pollForApproval(api, device, { startedAt, timeoutMs }, fetch, abortSignal);
  const tokens = await exchangeAuthorizationCode({
    issuer,
    code: approval.code,
    codeVerifier: approval.verifier,
    redirectUri: `${issuer}/deviceauth/callback`,
    fetch,
    abortSignal,
  });
  return saveSignIn({ authFile, saveTo: options.saveTo, tokens, fetch, abortSignal });
}

type DeviceCode = { deviceAuthId: string; userCode: string; intervalMs: number };

async function requestDeviceCode(
  api: string,
  issuer: string,
  fetch: FetchFunction,
  abortSignal: AbortSignal | undefined,
): Promise<DeviceCode> {
  const issued = await postJson(
    `${api}/usercode`,
    { client_id: CODEX_CLIENT_ID },
    fetch,
    abortSignal,
  );
  if (issued.status === 404) {
    throw new CodexLoginError({
      reason: 'device_code_unavailable',
      message: `${issuer} does not offer device-code sign-in (404). Use the browser sign-in (\`npx ai-sdk-provider-codex login\` without --device), or check --issuer.`,
    });
  }
  if (!issued.ok) throw httpError(issued, 'Requesting a device code failed');
  const body = issued.body ?? {};
  const deviceAuthId = text(body.device_auth_id);
  const userCode = text(body.user_code) ?? text(body.usercode);
  if (deviceAuthId == null || userCode == null) {
    throw new CodexLoginError({
      reason: 'invalid_response',
      message: 'The sign-in server answered the device-code request without a code. Try again.',
    });
  }
  return { deviceAuthId, userCode, intervalMs: pollInterval(body.interval) * 1000 };
}

/** Polls until the user approves the device code; gives up once `timeoutMs` has passed. */
async function pollForApproval(
  api: string,
  { deviceAuthId, userCode, intervalMs }: DeviceCode,
  { startedAt, timeoutMs }: { startedAt: number; timeoutMs: number },
  fetch: FetchFunction,
  abortSignal: AbortSignal | undefined,
): Promise<{ code: string; verifier: string }> {
  let interval = intervalMs;
  for (;;) {
    abortSignal?.throwIfAborted();
    const poll = await postJson(
      `${api}/token`,
      { device_auth_id: deviceAuthId, user_code: userCode },
      fetch,
      abortSignal,
    );
    if (poll.ok) {
      const code = text(poll.body?.authorization_code);
      const verifier = text(poll.body?.code_verifier);
      if (code == null || verifier == null) {
        throw new CodexLoginError({
          reason: 'invalid_response',
          message:
            'The sign-in server approved the device code but sent no authorization code. Start the sign-in again.',
        });
      }
      return { code, verifier };
    }
    if (isSlowDown(poll)) interval += SLOW_DOWN_S * 1000;
    // 403 and 404 mean "not approved yet"
    else if (poll.status !== 403 && poll.status !== 404) {
      throw httpError(poll, 'Checking the device code failed');
    }
    const remaining = timeoutMs - (Date.now() - startedAt);
    if (remaining <= 0) {
      throw new CodexLoginError({
        reason: 'expired',
        message: `The device code was not approved within ${Math.round(timeoutMs / 60_000) || '<1'} minutes and has expired; nothing was written. Run the sign-in again for a new code.`,
      });
    }
    await sleep(Math.min(interval, remaining), abortSignal);
  }
}

/**
 * The server sends seconds, as a string (`Number` ignores surrounding blanks); anything
 * unusable falls back to 5 s, and less than a second counts as one.
 */
function pollInterval(value: unknown): number {
  const seconds = typeof value === 'string' || typeof value === 'number' ? Number(value) : NaN;
  if (!Number.isFinite(seconds) || seconds <= 0) return DEFAULT_POLL_INTERVAL_S;
  return Math.max(seconds, MIN_POLL_INTERVAL_S);
}

/** "Poll less often": a 429, or the `slow_down` error of RFC 8628 (a code or `error.code`). */
function isSlowDown({ status, body }: JsonAnswer): boolean {
  if (status === 429) return true;
  const error = body?.error as { code?: unknown } | string | null | undefined;
  return (typeof error === 'string' ? error : error?.code) === 'slow_down';
}

type JsonAnswer = {
  url: string;
  ok: boolean;
  status: number;
  body: Record<string, unknown> | undefined;
  text: string;
  headers: Record<string, string>;
};

async function postJson(
  url: string,
  body: unknown,
  fetch: FetchFunction,
  abortSignal: AbortSignal | undefined,
): Promise<JsonAnswer> {
  const response = await postSignInRequest({
    url,
    contentType: 'application/json',
    body: JSON.stringify(body),
    requestBodyValues: undefined,
    fetch,
    abortSignal,
  });
  const text = await readSignInAnswer(response, url, undefined);
  return {
    url,
    ok: response.ok,
    status: response.status,
    body: parseJsonObject(text),
    text,
    headers: extractResponseHeaders(response),
  };
}

// The device flow's bodies carry no credentials until approval, and the approval body
// (authorization code and verifier) is only read on success, never quoted.
function httpError(answer: JsonAnswer, what: string): APICallError {
  const retryable = answer.status === 429 || answer.status >= 500;
  return new APICallError({
    message: `${what} (HTTP ${answer.status}). ${retryable ? 'Try again shortly.' : 'Start the sign-in again.'}`,
    url: answer.url,
    requestBodyValues: undefined,
    statusCode: answer.status,
    responseHeaders: answer.headers,
    responseBody: answer.text.slice(0, 2000),
    isRetryable: retryable,
  });
}

function text(value: unknown): string | undefined {
  return typeof value === 'string' && value !== '' ? value : undefined;
}

function sleep(ms: number, signal: AbortSignal | undefined): Promise<void> {
  return new Promise((resolve, reject) => {
    // an abort that came with the last answer fires no more events: do not wait it out
    if (signal?.aborted) return reject(signal.reason);
    const timer = setTimeout(() => {
      signal?.removeEventListener('abort', onAbort);
      resolve();
    }, ms);
    const onAbort = () => {
      clearTimeout(timer);
      reject(signal!.reason);
    };
    // no `once` needed: a signal aborts at most once
    signal?.addEventListener('abort', onAbort);
  });
}
