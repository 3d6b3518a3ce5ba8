import { InvalidArgumentError } from '@ai-sdk/provider';

/**
 * Why `value` cannot be sent as a header value, or `undefined` when it can. `fetch` rejects
 * these with a message that quotes the value, which may be a token, so we check first.
 */
export function headerValueProblem(value: string): string | undefined {
  if (/[\r\n]/.test(value)) return 'a line break (CR or LF)';
  if (/[\x00-\x08\x0a-\x1f\x7f]/.test(value)) return 'a control character';
  if (/[^\x00-\xff]/.test(value)) return 'a character outside Latin-1';
  return undefined;
}

/**
 * RFC 9110 token characters (`\w`: ASCII letters, digits and `_`); `fetch` rejects any other
 * header name.
 */
export function isValidHeaderName(name: string): boolean {
  return /^[!#$%&'*+.^`|~\w-]+$/.test(name);
}

/**
 * `fetch` would reject these with a message quoting the value (which may be a token) and the
 * failure would look like a network error; name the header instead, never its value.
 */
export function assertSendableHeaders(headers: Record<string, string>): void {
  for (const [name, value] of Object.entries(headers)) {
    const validName = isValidHeaderName(name);
    const problem = validName ? headerValueProblem(value) : 'an invalid character';
    if (!problem) continue;
    // the credentials' headers come from the `auth` setting or the auth file
    const credential = name === 'authorization' || name === 'chatgpt-account-id';
    throw new InvalidArgumentError({
      argument: credential ? 'auth' : `headers.${name}`,
      // an invalid name is not quoted either: it may be a value passed as a name
      message: `The ${validName ? `request header "${name}"` : 'name of a request header'} contains ${problem}, so it cannot be sent. ${credential ? 'Check the `auth` setting or the auth file (`codex login` writes a valid one).' : 'Fix the `headers` you pass.'}`,
    });
  }
}
