import { InvalidArgumentError } from '@ai-sdk/provider';

export const DEFAULT_ISSUER = 'https://auth.openai.com';

/** Hosts where plain http cannot be overheard: the traffic never leaves the machine. */
const LOOPBACK_HOSTS = new Set(['localhost', '127.0.0.1', '[::1]']);

/**
 * The issuer URL the sign-in flows build their endpoints on (`{issuer}/oauth/token`, …),
 * checked: it receives authorization codes and refresh tokens, and the browser opens it.
 * https only, or http on a loopback host; no user name or password (it would be printed
 * with the authorize URL); no query or fragment (the paths are appended). `option` is how
 * the caller names the setting in the error (`issuer`, `--issuer`). The value is never
 * repeated in an error, except the scheme or host that is wrong.
 */
export function normalizeIssuer(issuer: string | undefined, option = 'issuer'): string {
  if (issuer == null) return DEFAULT_ISSUER;
  const refuse = (message: string) =>
    new InvalidArgumentError({ argument: option, message: `\`${option}\` ${message}` });
  let url: URL;
  try {
    url = new URL(issuer);
  } catch {
    throw refuse("is not a URL; pass the sign-in server's URL, e.g. https://auth.openai.com.");
  }
  if (url.username !== '' || url.password !== '') {
    throw refuse(
      "must not hold a user name or password (`user:password@`); pass the sign-in server's plain URL.",
    );
  }
  const rule = 'must be an https:// URL (http:// only on localhost, 127.0.0.1 or ::1)';
  if (url.protocol === 'http:' ? !LOOPBACK_HOSTS.has(url.hostname) : url.protocol !== 'https:') {
    throw refuse(
      url.protocol === 'http:'
        ? `${rule}; http://${url.host} is neither.`
        : `${rule}, not a ${url.protocol} URL.`,
    );
  }
  if (url.search !== '' || url.hash !== '') {
    throw refuse(
      'must not have a query or a fragment (`?…`, `#…`): the sign-in paths are added to it.',
    );
  }
  return `${url.origin}${url.pathname.replace(/\/+$/, '')}`;
}
