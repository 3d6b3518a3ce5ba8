import { APICallError } from '@ai-sdk/provider';

/**
 * The error for an answer Cloudflare, in front of chatgpt.com, gave itself instead of the
 * Codex backend: a challenge page (`cf-mitigated: challenge`, "Just a moment…", which only a
 * browser passes) or a firewall block page (403, HTML). It does so to requests from
 * datacenter, VPN and Cloudflare Workers addresses; another try a second later meets the
 * same page, so it is not retryable. `undefined` for any other answer.
 */
export function blockedRequestError({
  url,
  requestBodyValues,
  statusCode,
  responseHeaders: headers,
  responseBody,
}: {
  url: string;
  requestBodyValues: unknown;
  statusCode: number;
  responseHeaders: Record<string, string>;
  /** The page as read (bounded), or `undefined` when it was too large to hold. */
  responseBody: string | undefined;
}): APICallError | undefined {
  const mitigated = headers['cf-mitigated'];
  const page =
    statusCode === 403 &&
    /^text\/html\b/i.test(headers['content-type'] ?? '') &&
    (headers['cf-ray'] != null || /cloudflare/i.test(headers.server ?? ''));
  if (mitigated == null && !page) return undefined;
  const what =
    mitigated != null
      ? `a ${mitigated} page (HTTP ${statusCode}, cf-mitigated: ${mitigated})`
      : `a block page (HTTP ${statusCode})`;
  return new APICallError({
    message: `The request was blocked before it reached the Codex backend: Cloudflare answered with ${what}. It does so to requests from datacenter, VPN and Cloudflare Workers addresses; send them from another network.`,
    url,
    requestBodyValues,
    statusCode,
    responseHeaders: headers,
    responseBody,
    isRetryable: false,
  });
}
