import { APICallError } from '@ai-sdk/provider';
import { isAbortError, type FetchFunction } from '@ai-sdk/provider-utils';
import { codexFailedResponseError } from '../common/codex-failed-response-handler';
import { describeError } from '../common/describe-error';
import { redactAPICallError, redactSecrets } from '../common/redact-secrets';
import { assertSendableHeaders } from '../common/header-checks';
import { redirectError } from '../common/redirect-error';
import { someCause } from '../common/some-cause';

/**
 * One request to the Codex backend. Resolves with the response once its headers are in
 * (body unread) when the status is 2xx; HTTP and transport failures reject as
 * `APICallError`s carrying the request id.
 */
export async function sendCodexRequest({
  method,
  url,
  headers,
  body,
  encodedBody,
  fetch = globalThis.fetch,
  abortSignal,
}: {
  method: 'GET' | 'POST';
  url: string;
  headers: Record<string, string>;
  /** Sent as JSON; also reported as `requestBodyValues` on errors. */
  body?: unknown;
  /** The body as it goes on the wire when it is not plain JSON (compressed). */
  encodedBody?: string | Uint8Array<ArrayBuffer>;
  fetch?: FetchFunction;
  abortSignal?: AbortSignal;
}): Promise<Response> {
  assertSendableHeaders(headers);
  let response: Response;
  try {
    response = await fetch(url, {
      method,
      headers,
      ...(body !== undefined && { body: encodedBody ?? JSON.stringify(body) }),
      signal: abortSignal,
      // These requests carry the ChatGPT credentials: a redirect must not take them to
      // another origin, so none is followed.
      redirect: 'manual',
    });
  } catch (error) {
    throw toTransportError(error, url, body, Object.values(headers));
  }
  const redirect = redirectError(response, url, body, 'The Codex backend', 'baseURL');
  if (redirect) throw redirect;
  if (!response.ok) {
    const error = await codexFailedResponseError({ response, url, requestBodyValues: body });
    throw redactAPICallError(error, [headers.authorization]);
  }
  return response;
}

// What browsers say when the network failed (Chromium, Firefox, Safari). They say the same of
// a cross-origin request the server did not allow (CORS), and give a page no way to tell the
// two apart.
const BROWSER_FAILURE =
  /^(failed to fetch|networkerror when attempting to fetch resource\.?|load failed)$/i;
// What the other runtimes say (undici, React Native).
const NETWORK_FAILURE = /^(fetch failed|network request failed|terminated)$/i;
const CORS_HINT =
  ' (in a browser, also a request refused by CORS: the server must allow this origin and its headers)';

function toTransportError(
  error: unknown,
  url: string,
  requestBodyValues: unknown,
  secrets: string[],
): unknown {
  if (isAbortError(error) || APICallError.isInstance(error)) return error;
  // `fetch` throws a TypeError both for a network failure and for a request it refuses to
  // send (bad URL, bad header); only the first is worth another attempt.
  const invalidRequest =
    error instanceof TypeError &&
    !NETWORK_FAILURE.test(error.message) &&
    !BROWSER_FAILURE.test(error.message);
  // A refused request is explained by its own message; a network failure by its cause.
  const raw = invalidRequest ? error.message : describeError(error);
  const detail = redactSecrets(raw, secrets);
  // the error or a cause of it (message or stack) may quote a credential too
  const redacted =
    detail !== raw ||
    someCause(error, e => {
      const text = e instanceof Error ? `${e.message}\n${e.stack}` : String(e);
      return redactSecrets(text, secrets) !== text;
    });
  const backend = `the Codex backend at ${url}`;
  return new APICallError({
    message: invalidRequest
      ? `The request to ${backend} could not be sent: ${detail.replace(/\.$/, '')}. Check \`baseURL\` and \`headers\`.`
      : `Cannot connect to ${backend}: ${detail}${BROWSER_FAILURE.test(detail) ? CORS_HINT : ''}`,
    url,
    requestBodyValues,
    // A cause that quotes a credential is replaced by its redacted text.
    cause: redacted ? new Error(detail) : error,
    isRetryable: !invalidRequest,
  });
}
