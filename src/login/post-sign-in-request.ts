import { APICallError } from '@ai-sdk/provider';
import { isAbortError, type FetchFunction } from '@ai-sdk/provider-utils';
import { describeError } from '../common/describe-error';

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
