import { APICallError } from '@ai-sdk/provider';
import { extractResponseHeaders, isAbortError, type FetchFunction } from '@ai-sdk/provider-utils';
import { describeError } from '../common/describe-error';
import { headerValueProblem } from '../common/header-checks';
import { redactAPICallError } from '../common/redact-secrets';
import { redirectError } from '../common/redirect-error';
import { ANSWER_LIMIT_BYTES, formatLimit, readLimitedText } from '../common/read-limited-text';

export const CODEX_CLIENT_ID = 'app_EMoamEEZ73f0CkXaXp7hrann';
export const DEFAULT_TOKEN_URL = 'https://auth.openai.com/oauth/token';

export type RefreshedTokens = { access_token: string; id_token?: string; refresh_token?: string };

/** A refresh that takes longer is given up (retryable): it holds the auth file lock. */
export const DEFAULT_REFRESH_TIMEOUT_MS = 30_000;

const PERMANENT_CODES = new Set<string | undefined>([
  'refresh_token_expired',
  'refresh_token_reused',
  'refresh_token_invalidated',
  'invalid_grant',
]);

const AUTH_FILE = { container: 'the auth file', loginCommand: '`codex login`' };

type RefreshRequest = {
  tokenURL: string;
  store: { container: string; loginCommand: string };
  /** The request body as errors may show it. */
  redactedBody: { client_id: string; grant_type: string; refresh_token: string };
};

/**
 * Trades a refresh token for new tokens. Failures are `APICallError`s whose request body,
 * response body and message never contain a token.
 */
export async function refreshCodexTokens({
  tokenURL,
  refreshToken,
  fetch = globalThis.fetch,
  timeoutMs = DEFAULT_REFRESH_TIMEOUT_MS,
  store = AUTH_FILE,
}: {
  tokenURL: string;
  refreshToken: string;
  fetch?: FetchFunction;
  timeoutMs?: number;
  /** Where the sign-in is kept, as the failures name it and say how to renew it. */
  store?: { container: string; loginCommand: string };
}): Promise<RefreshedTokens> {
  const request: RefreshRequest = {
    tokenURL,
    store,
    redactedBody: {
      client_id: CODEX_CLIENT_ID,
      grant_type: 'refresh_token',
      refresh_token: '[redacted]',
    },
  };
  const { response, text } = await postRefreshToken(request, refreshToken, fetch, timeoutMs);
  const responseHeaders = extractResponseHeaders(response);
  let body: unknown;
  try {
    body = JSON.parse(text);
  } catch {
    // Not JSON (an HTML error page, a torn answer): no tokens and no error code.
  }
  if (response.ok) return usableTokens(request, response, responseHeaders, body);
  throw refreshFailure(request, refreshToken, response, responseHeaders, body, text);
}

/** POSTs the refresh token and reads the answer's text, within `timeoutMs`. */
async function postRefreshToken(
  { tokenURL, redactedBody }: RefreshRequest,
  refreshToken: string,
  fetch: FetchFunction,
  timeoutMs: number,
): Promise<{ response: Response; text: string }> {
  // Not the caller's signal: one refresh serves every waiter, and a caller that gives up
  // must not cancel it for the others. The timeout bounds it instead.
  const timeout = new AbortController();
  const timer = setTimeout(() => timeout.abort(), timeoutMs);
  const timedOut = () =>
    new APICallError({
      message: `The ChatGPT token endpoint did not answer within ${timeoutMs / 1000} s. Try again shortly.`,
      url: tokenURL,
      requestBodyValues: redactedBody,
      isRetryable: true,
    });
  // Unread, so nothing in it is known: its status decides, as for an unusable answer.
  const tooLarge = (response: Response) => {
    const retryable = response.ok || response.status === 429 || response.status >= 500;
    return new APICallError({
      message: `The ChatGPT token endpoint answered (HTTP ${response.status}) with more than ${formatLimit(ANSWER_LIMIT_BYTES)}; it was not read, and the auth file was left as it was. ${retryable ? 'Try again shortly.' : 'Run `codex login` to sign in again.'}`,
      url: tokenURL,
      requestBodyValues: redactedBody,
      statusCode: response.status,
      responseHeaders: extractResponseHeaders(response),
      isRetryable: retryable,
    });
  };
  try {
    let response: Response;
    try {
      response = await fetch(tokenURL, {
        method: 'POST',
        headers: { 'content-type': 'application/json', accept: 'application/json' },
        body: JSON.stringify({ ...redactedBody, refresh_token: refreshToken }),
        signal: timeout.signal,
        // The body is the refresh token: never re-post it to wherever `Location` points.
        redirect: 'manual',
      });
    } catch (error) {
      if (timeout.signal.aborted) throw timedOut();
      if (isAbortError(error)) throw error;
      throw new APICallError({
        message: `Could not reach the ChatGPT token endpoint to refresh the sign-in (${describeError(error)}). Try again shortly.`,
        url: tokenURL,
        requestBodyValues: redactedBody,
        isRetryable: true,
      });
    }
    const redirect = redirectError(
      response,
      tokenURL,
      redactedBody,
      'The ChatGPT token endpoint',
      'tokenURL',
    );
    if (redirect != null) throw redirect;
    const text = await readLimitedText(response, tokenURL, ANSWER_LIMIT_BYTES).catch(() => '');
    if (timeout.signal.aborted) throw timedOut();
    if (text === undefined) throw tooLarge(response);
    return { response, text };
  } finally {
    clearTimeout(timer);
  }
}

/** The tokens of a successful answer, or a retryable error if it has no usable access token. */
function usableTokens(
  { tokenURL, redactedBody, store }: RefreshRequest,
  response: Response,
  responseHeaders: Record<string, string>,
  body: unknown,
): RefreshedTokens {
  const tokens = body as Partial<RefreshedTokens> | undefined;
  if (
    typeof tokens?.access_token !== 'string' ||
    tokens.access_token === '' ||
    headerValueProblem(tokens.access_token) != null
  ) {
    throw new APICallError({
      message: `The ChatGPT token endpoint answered without a usable access token; ${store.container} was left as it was. Try again, or run ${store.loginCommand}.`,
      url: tokenURL,
      requestBodyValues: redactedBody,
      statusCode: response.status,
      responseHeaders,
      isRetryable: true,
    });
  }
  // an empty token is none: stored, it would replace a good one (the next refresh needs it)
  return {
    access_token: tokens.access_token,
    ...(typeof tokens.id_token === 'string' &&
      tokens.id_token !== '' && { id_token: tokens.id_token }),
    ...(typeof tokens.refresh_token === 'string' &&
      tokens.refresh_token !== '' && { refresh_token: tokens.refresh_token }),
  };
}

/** The error for a refused refresh: permanent (sign in again) or worth retrying. */
function refreshFailure(
  { tokenURL, redactedBody, store }: RefreshRequest,
  refreshToken: string,
  response: Response,
  responseHeaders: Record<string, string>,
  body: unknown,
  text: string,
): APICallError {
  const code = errorCode(body);
  const permanent = response.status === 401 || PERMANENT_CODES.has(code);
  const why = code ?? `HTTP ${response.status}`;
  // An error answer should quote no token, but one that echoes the refresh token we sent
  // (in its body, its error code, or a proxy's header) must not carry it into the error.
  return redactAPICallError(
    new APICallError({
      message: permanent
        ? `Your ChatGPT sign-in can no longer be refreshed (${why}). Run ${store.loginCommand} to sign in again.`
        : `Refreshing the ChatGPT sign-in failed (${why}). Try again shortly.`,
      url: tokenURL,
      requestBodyValues: redactedBody,
      statusCode: response.status,
      responseHeaders,
      responseBody: text,
      data: { code },
      isRetryable: !permanent && (response.status === 429 || response.status >= 500),
    }),
    [refreshToken],
  );
}

function errorCode(body: unknown): string | undefined {
  // A primitive body or `error` has neither field: only null and undefined need a guard.
  const answer = body as { error?: unknown; code?: unknown } | null | undefined;
  const error = answer?.error as { code?: unknown; type?: unknown } | string | null | undefined;
  if (typeof error === 'string') return error;
  const nested = error?.code ?? error?.type;
  if (typeof nested === 'string') return nested;
  const code = answer?.code;
  return typeof code === 'string' ? code : undefined;
}
