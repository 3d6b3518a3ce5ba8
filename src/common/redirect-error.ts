import { APICallError } from '@ai-sdk/provider';
import { extractResponseHeaders } from '@ai-sdk/provider-utils';

const REDIRECT_STATUSES = [301, 302, 303, 307, 308];

/**
 * The error for a redirect answer to a credential-bearing request (sent with
 * `redirect: 'manual'`), or `undefined` when `response` is no redirect. Following it would
 * re-send the token or the refresh token to whatever origin `Location` names. `endpoint`
 * starts the message ("The Codex backend"); `setting` is the one that sets its URL.
 */
export function redirectError(
  response: Response,
  url: string,
  requestBodyValues: unknown,
  endpoint: string,
  setting: string,
): APICallError | undefined {
  // Browsers hide a manual redirect behind an opaque response with status 0 and no headers.
  if (response.type !== 'opaqueredirect' && !REDIRECT_STATUSES.includes(response.status)) {
    return undefined;
  }
  response.body?.cancel().catch(() => {});
  const status = response.status || undefined;
  const target = describeLocation(response.headers.get('location'), url);
  return new APICallError({
    message: `${endpoint} at ${url} answered with a redirect${status ? ` (${status})` : ''}${target ? ` to ${target}` : ''}. Requests that carry ChatGPT credentials never follow redirects; check \`${setting}\`.`,
    url,
    requestBodyValues,
    statusCode: status,
    responseHeaders: extractResponseHeaders(response),
    isRetryable: false,
  });
}

/** Where the redirect points, without a query or userinfo (either may hold secrets). */
function describeLocation(location: string | null, base: string): string | undefined {
  if (!location) return undefined;
  try {
    const target = new URL(location, base);
    return `${target.origin}${target.pathname}`;
  } catch {
    return undefined;
  }
}
