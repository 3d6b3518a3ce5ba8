import { APICallError } from '@ai-sdk/provider';
import { extractResponseHeaders } from '@ai-sdk/provider-utils';
import { copyAPICallError } from './copy-api-call-error';
import { stringifyJson } from './stringify-json';

// What an error may carry out of this package is cleaned of the credentials it was sent with.

/**
 * `text` with every secret, and every word of one, replaced by `[redacted]`: a runtime may
 * quote a header value in part (one line of it, or the token without its `Bearer`).
 */
export function redactSecrets(text: string, secrets: ReadonlyArray<string | undefined>): string {
  const pieces = secrets
    .flatMap(secret => (secret == null ? [] : [secret, ...secret.split(/\s+/)]))
    .map(piece => piece.trim())
    // short pieces ("Bearer", a one-letter line) are not secret and would shred the text
    .filter(piece => piece.length >= 8)
    .sort((a, b) => b.length - a.length);
  return pieces.reduce((result, piece) => result.replaceAll(piece, '[redacted]'), text);
}

/**
 * `error` with `secrets` redacted from its message, response headers, response body and
 * `data`: an error answer may quote the credentials of the request (a proxy page that
 * prints the request headers, a backend message about a malformed token). Returns
 * `error` itself when nothing needed redacting.
 */
export function redactAPICallError(
  error: APICallError,
  secrets: ReadonlyArray<string | undefined>,
): APICallError {
  const redact = (text: string) => redactSecrets(text, secrets);
  const { message, responseBody, data } = error;
  const headers = JSON.stringify(error.responseHeaders ?? null);
  // an Error kept as data (a transport failure) shows its message, which JSON leaves out;
  // data too deep to write cannot be searched, so it is dropped
  const dataText = data instanceof Error ? data.message : stringifyJson(data ?? null);
  // a secret in any field changes the whole; one that only spans two fields costs a copy
  const all = [message, responseBody, headers, dataText].join('\n');
  if (dataText !== undefined && redact(all) === all) return error;
  const redactedData = dataText && redact(dataText);
  return copyAPICallError(error, {
    message: redact(message),
    responseBody: responseBody && redact(responseBody),
    // header values are strings: a JSON copy is as good as the original
    responseHeaders: parseOr(redact(headers)) as Record<string, string> | undefined,
    // data may hold what JSON would change (a Date): kept as it was unless it quotes a secret
    data:
      redactedData === undefined
        ? undefined
        : redactedData === dataText
          ? data
          : data instanceof Error
            ? new Error(redactedData)
            : parseOr(redactedData),
  });
}

function parseOr(json: string): unknown {
  try {
    return JSON.parse(json) ?? undefined;
  } catch {
    // a secret that straddled JSON syntax: drop the field rather than keep the secret
    return undefined;
  }
}

/** How much of an unusable answer an error keeps: enough to recognise it. */
const QUOTED_BODY_CHARACTERS = 2000;

/**
 * A 2xx answer that cannot be used (not JSON, or not the expected shape), e.g. a proxy's
 * page. The start of its body is kept for debugging minus the credentials it may quote
 * (in the body or echoed in a header), and a JSON parser's error, whose message quotes the
 * start of the text, is not kept as the cause. `notJsonMessage` replaces `message` for a
 * body that is no JSON at all.
 */
export function unexpectedAnswerError({
  message,
  notJsonMessage,
  url,
  requestBodyValues,
  response,
  text,
  cause,
  secrets,
}: {
  message: string;
  notJsonMessage: string;
  url: string;
  requestBodyValues?: unknown;
  response: Response;
  text: string;
  cause: unknown;
  secrets: ReadonlyArray<string | undefined>;
}): APICallError {
  const notJson = cause instanceof SyntaxError;
  // the whole text first: a cut could halve a token, which then no longer matches
  const body = redactSecrets(text, secrets);
  const error = new APICallError({
    message: notJson ? notJsonMessage : message,
    url,
    requestBodyValues,
    statusCode: response.status,
    responseHeaders: extractResponseHeaders(response),
    responseBody:
      body.length > QUOTED_BODY_CHARACTERS ? `${body.slice(0, QUOTED_BODY_CHARACTERS)}…` : body,
    cause: notJson ? undefined : cause,
    isRetryable: false,
  });
  return redactAPICallError(error, secrets);
}
