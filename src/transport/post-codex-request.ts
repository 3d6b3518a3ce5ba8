import { APICallError, EmptyResponseBodyError } from '@ai-sdk/provider';
import { extractResponseHeaders, isAbortError, type FetchFunction } from '@ai-sdk/provider-utils';
import { codexFailedResponseHandler, describeError, withDiagnostics } from '../codex-error';
import type { CodexTransport } from './codex-transport';
import { createSseEventSource } from './sse-event-source';

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
  fetch = globalThis.fetch,
  abortSignal,
}: {
  method: 'GET' | 'POST';
  url: string;
  headers: Record<string, string>;
  /** Sent as JSON; also reported as `requestBodyValues` on errors. */
  body?: unknown;
  fetch?: FetchFunction;
  abortSignal?: AbortSignal;
}): Promise<Response> {
  let response: Response;
  try {
    response = await fetch(url, {
      method,
      headers,
      ...(body !== undefined && { body: JSON.stringify(body) }),
      signal: abortSignal,
    });
  } catch (error) {
    throw toTransportError(error, url, body);
  }
  if (!response.ok) {
    const { value } = await codexFailedResponseHandler({ response, url, requestBodyValues: body });
    throw withDiagnostics(value);
  }
  return response;
}

/**
 * The HTTP SSE transport: one POST per response, its events read from the body. This is
 * the seam the retry and token-refresh layers wrap.
 */
export const sseTransport: CodexTransport = {
  async send({ url, headers, body, signal, fetch }) {
    const response = await sendCodexRequest({
      method: 'POST',
      url,
      headers,
      body,
      fetch,
      abortSignal: signal,
    });
    const responseBody = response.body;
    if (responseBody == null) {
      throw new EmptyResponseBodyError({
        message: 'The Codex backend sent an empty response body',
      });
    }
    return {
      responseHeaders: extractResponseHeaders(response),
      openEvents: onEvent => createSseEventSource(responseBody, onEvent),
    };
  },
};

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
