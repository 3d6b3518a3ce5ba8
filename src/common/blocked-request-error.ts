import { APICallError } from '@ai-sdk/provider';
import { extractResponseHeaders } from '@ai-sdk/provider-utils';

/**
 * The error for an answer Cloudflare, in front of chatgpt.com, gave itself instead of the
 * Codex backend: a challenge page (`cf-mitigated: challenge`, "Just a moment…", which only a
 * browser passes) or a firewall block page (403, HTML). It does so to requests from
 * datacenter, VPN and Cloudflare Workers addresses; another try a second later meets the
 * same page, so it is not retryable. `undefined` for any other answer.
 */
export async function blockedRequestError({
  response,
  url,
  requestBodyValues,
}: {
  response: Response;
  url: string;
  requestBodyValues: unknown;
}): Promise<APICallError | undefined> {
  const headers = extractResponseHeaders(response);
  const mitigated = headers['cf-mitigated'];
  const page =
    response.status === 403 &&
    /^text\/html\b/i.test(headers['content-type'] ?? '') &&
    (headers['cf-ray'] != null || /cloudflare/i.test(headers.server ?? ''));
  if (mitigated == null && !page) return undefined;
  const what =
    mitigated != null
      ? `a ${mitigated} page (HTTP ${response.status}, cf-mitigated: ${mitigated})`
      : `a block page (HTTP ${response.status})`;
  return new APICallError({
    message: `The request was blocked before it reached the Codex backend: Cloudflare answered with ${what}. It does so to requests from datacenter, VPN and Cloudflare Workers addresses; send them from another network.`,
    url,
    requestBodyValues,
    statusCode: response.status,
    responseHeaders: headers,
    responseBody: await response.text().catch(() => undefined),
    isRetryable: false,
  });
}
