import { APICallError } from '@ai-sdk/provider';
import { extractResponseHeaders, isAbortError, type FetchFunction } from '@ai-sdk/provider-utils';
import { describeError } from '../common/describe-error';
import { ANSWER_LIMIT_BYTES, formatLimit, readLimitedText } from '../common/read-limited-text';

/**
 * POSTs to the sign-in server. A redirect would resend the body (codes, verifiers) to
 * another origin, so it is answered, not followed; a network failure becomes a retryable
 * error that quotes only `requestBodyValues`, the caller's redacted copy of the body.
 */
export async function postSignInRequest({
  url,
  contentType,
  body,
  requestBodyValues,
  fetch,
  abortSignal,
}: {
  url: string;
  contentType: 'application/json' | 'application/x-www-form-urlencoded';
  body: string;
  requestBodyValues: unknown;
  fetch: FetchFunction;
  abortSignal: AbortSignal | undefined;
}): Promise<Response> {
  try {
    return await fetch(url, {
      method: 'POST',
      redirect: 'manual',
      headers: { 'content-type': contentType, accept: 'application/json' },
      body,
      signal: abortSignal,
    });
  } catch (error) {
    // an abort, or the sign-in's time limit (which aborts with its own error)
    if (isAbortError(error) || abortSignal?.aborted) throw error;
    throw new APICallError({
      message: `Could not reach the sign-in server at ${url} (${describeError(error)}). Check the connection and try again.`,
      url,
      requestBodyValues,
      isRetryable: true,
    });
  }
}

/**
 * The answer's text (`''` when it broke off). One over 4 MiB is not read: an
 * `APICallError` names the limit instead.
 */
export async function readSignInAnswer(
  response: Response,
  url: string,
  requestBodyValues: unknown,
): Promise<string> {
  const text = await readLimitedText(response, url, ANSWER_LIMIT_BYTES).catch(() => '');
  if (text !== undefined) return text;
  const retryable = response.status === 429 || response.status >= 500;
  throw new APICallError({
    message: `The sign-in server at ${url} answered (HTTP ${response.status}) with more than ${formatLimit(ANSWER_LIMIT_BYTES)}; it was not read. ${retryable ? 'Try again shortly.' : 'Start the sign-in again.'}`,
    url,
    requestBodyValues,
    statusCode: response.status,
    responseHeaders: extractResponseHeaders(response),
    isRetryable: retryable,
  });
}

/** The answer's JSON object, or `undefined` when it is not one. */
export function parseJsonObject(text: string): Record<string, unknown> | undefined {
  try {
    const parsed: unknown = JSON.parse(text);
    if (parsed != null && typeof parsed === 'object') return parsed as Record<string, unknown>;
  } catch {
    // not JSON: callers describe the answer from its text instead
  }
  return undefined;
}
