import { APICallError } from '@ai-sdk/provider';
import { extractResponseHeaders, type FetchFunction } from '@ai-sdk/provider-utils';
import { CODEX_CLIENT_ID } from '../auth/token-refresh';
import { parseJsonObject, postSignInRequest, readSignInAnswer } from './post-sign-in-request';

export type SignInTokens = { id_token: string; access_token: string; refresh_token: string };

/**
 * Trades an authorization code (browser or device flow) for tokens at
 * `{issuer}/oauth/token`. The code and the PKCE verifier are secrets too: they never
 * appear in an error, and an echoed one is scrubbed from the response body.
 */
export async function exchangeAuthorizationCode({
  issuer,
  code,
  codeVerifier,
  redirectUri,
  fetch = globalThis.fetch,
  abortSignal,
}: {
  issuer: string;
  code: string;
  codeVerifier: string;
  redirectUri: string;
  fetch?: FetchFunction;
  abortSignal?: AbortSignal;
}): Promise<SignInTokens> {
  const url = `${issuer}/oauth/token`;
  const redactedBody = {
    grant_type: 'authorization_code',
    client_id: CODEX_CLIENT_ID,
    redirect_uri: redirectUri,
    code: '[redacted]',
    code_verifier: '[redacted]',
  };
  const scrub = (text: string) =>
    text.split(code).join('[redacted]').split(codeVerifier).join('[redacted]');

  const response = await postSignInRequest({
    url,
    contentType: 'application/x-www-form-urlencoded',
    body: new URLSearchParams({ ...redactedBody, code, code_verifier: codeVerifier }).toString(),
    requestBodyValues: redactedBody,
    fetch,
    abortSignal,
  });

  const text = await readSignInAnswer(response, url, redactedBody);
  const body = parseJsonObject(text);
  const responseHeaders = extractResponseHeaders(response);

  if (!response.ok) {
    throw new APICallError({
      // scrubbed before the description cuts the text short, which could halve a code
      message: `The sign-in server refused the authorization code (HTTP ${response.status}: ${scrub(describeTokenError(body, scrub(text)))}). Start the sign-in again.`,
      url,
      requestBodyValues: redactedBody,
      statusCode: response.status,
      responseHeaders,
      responseBody: scrub(text),
      isRetryable: response.status === 429 || response.status >= 500,
    });
  }
  return signInTokens(body, { url, redactedBody, status: response.status, responseHeaders });
}

/** All three tokens of a successful answer, or a permanent error if one is missing. */
function signInTokens(
  body: Record<string, unknown> | undefined,
  answer: {
    url: string;
    redactedBody: Record<string, string>;
    status: number;
    responseHeaders: Record<string, string>;
  },
): SignInTokens {
  const tokens = {
    id_token: body?.id_token,
    access_token: body?.access_token,
    refresh_token: body?.refresh_token,
  };
  if (!Object.values(tokens).every(t => typeof t === 'string' && t !== '')) {
    throw new APICallError({
      message:
        'The sign-in server answered without an id, access and refresh token. Start the sign-in again.',
      url: answer.url,
      requestBodyValues: answer.redactedBody,
      statusCode: answer.status,
      responseHeaders: answer.responseHeaders,
      isRetryable: false,
    });
  }
  return tokens as SignInTokens;
}

/** `error_description`, else `error.message`, else the error code, else the body itself. */
function describeTokenError(body: Record<string, unknown> | undefined, text: string): string {
  const error = body?.error;
  // `error` may be an object with these, or a plain code (whose fields read as undefined)
  const nested = error as { message?: unknown; code?: unknown } | null | undefined;
  for (const candidate of [body?.error_description, nested?.message, error, nested?.code]) {
    if (typeof candidate === 'string' && candidate.trim() !== '') return candidate.trim();
  }
  return text.trim().slice(0, 200) || 'no details';
}
