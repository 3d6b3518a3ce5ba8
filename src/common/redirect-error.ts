import { APICallError } from '@ai-sdk/provider';
import { extractResponseHeaders } from '@ai-sdk/provider-utils';

const REDIRECT_STATUSES = new Set([301, 302, 303, 307, 308]);

/**
 * The error for a redirect answer to a credential-bearing request (sent with
 * `redirect: 'manual'`), or `undefined` when `response` is no redirect. Following it would
 * re-send the token or the refresh token to whatever origin `Location` names.
 */
export function redirectError(
  response: Response,
  url: string,
  requestBodyValues: unknown,
  endpoint: string,
  setting: string,
): APICallError | undefined {
  // Browsers hide a manual redirect behind an opaque response with status 0.
  const opaque = response.type === 'opaqueredirect';
  if (!opaque && !REDIRECT_STATUSES.has(response.status)) return undefined;
  response.body?.cancel().catch(() => {});
  const target = opaque ? undefined : describeLocation(response.headers.get('location'), url);
  return new APICallError({
    message: `${capitalize(endpoint)} at ${url} answered with a redirect${opaque ? '' : ` (${response.status})`}${target != null ? ` to ${target}` : ''}. Requests that carry ChatGPT credentials never follow redirects; check \`${setting}\`.`,
    url,
    requestBodyValues,
    statusCode: opaque ? undefined : response.status,
    responseHeaders: extractResponseHeaders(response),
    isRetryable: false,
  });
}

/** Where the redirect points, without a query or userinfo (either may hold secrets). */
function describeLocation(location: string | null, base: string): string | undefined {
  if (location == null) return undefined;
  try {
    const target = new URL(location, base);
    return `${target.origin}${target.pathname}`;
  } catch {
    return undefined;
  }
}

function capitalize(text: string): string {
  return text.charAt(0).toUpperCase() + text.slice(1);
}
