import { APICallError, EmptyResponseBodyError } from '@ai-sdk/provider';
import { extractResponseHeaders, isAbortError, type FetchFunction } from '@ai-sdk/provider-utils';
import { codexFailedResponseHandler, withDiagnostics } from './codex-error';
import { describeError } from './describe-error';

/**
 * One POST of a Codex request. Resolves once the response headers are in, with the SSE
 * body unread; HTTP and transport failures reject as `APICallError`. This is the seam the
 * retry and token-refresh layers wrap.
 */
export async function postCodexRequest({
  url,
  headers,
  body,
  fetch = globalThis.fetch,
  abortSignal,
}: {
  url: string;
  headers: Record<string, string>;
  body: unknown;
  fetch?: FetchFunction;
  abortSignal?: AbortSignal;
}): Promise<{ body: ReadableStream<Uint8Array>; responseHeaders: Record<string, string> }> {
  let response: Response;
  try {
    response = await fetch(url, {
      method: 'POST',
      headers,
      body: JSON.stringify(body),
      signal: abortSignal,
    });
  } catch (error) {
    throw toTransportError(error, url, body);
  }

  const responseHeaders = extractResponseHeaders(response);
  if (!response.ok) {
    const { value } = await codexFailedResponseHandler({ response, url, requestBodyValues: body });
    throw withDiagnostics(value);
  }
  if (response.body == null) {
    throw new EmptyResponseBodyError({ message: 'The Codex backend sent an empty response body' });
  }
  return { body: response.body, responseHeaders };
}

function toTransportError(error: unknown, url: string, requestBodyValues: unknown): unknown {
  if (isAbortError(error) || APICallError.isInstance(error)) return error;
  return new APICallError({
    message: `Cannot connect to the Codex backend at ${url}: ${describeError(error)}`,
    url,
    requestBodyValues,
    cause: error,
    isRetryable: true,
  });
}
