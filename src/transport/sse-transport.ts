import { EmptyResponseBodyError } from '@ai-sdk/provider';
import { extractResponseHeaders } from '@ai-sdk/provider-utils';
import type { CodexTransport } from './codex-transport';
import { sendCodexRequest } from './send-codex-request';
import { createSseEventSource } from './sse-event-source';

/**
 * The HTTP SSE transport: one POST per response, its events read from the body. This is
 * the seam the retry and token-refresh layers wrap.
 */
export const sseTransport: CodexTransport = {
  async send({ url, headers, body, signal, fetch, compression }) {
    const encoded = await compression?.encode(JSON.stringify(body));
    const response = await sendCodexRequest({
      method: 'POST',
      url,
      headers: { ...headers, ...(encoded?.encoding && { 'content-encoding': encoded.encoding }) },
      body,
      encodedBody: encoded?.body,
      fetch,
      abortSignal: signal,
    });
    const responseBody = response.body;
    if (!responseBody) {
      throw new EmptyResponseBodyError({
        message: 'The Codex backend sent an empty response body',
      });
    }
    return {
      responseHeaders: extractResponseHeaders(response),
      openEvents: onEvent => createSseEventSource(responseBody, onEvent),
      secrets: [headers.authorization],
      ...(encoded?.warning && { warnings: [encoded.warning] }),
    };
  },
};
