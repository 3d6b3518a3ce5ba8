import { APICallError } from '@ai-sdk/provider';
import { extractResponseHeaders, type FetchFunction } from '@ai-sdk/provider-utils';
import { withAuthRenewal } from '../auth/with-auth-renewal';
import type { CodexAuthSource } from '../auth/codex-auth-source';
import { credentialHeaders, mergeHeaders } from '../transport/codex-headers';
import { sendCodexRequest } from '../transport/send-codex-request';
import { describeError } from '../common/describe-error';
import { redactAPICallError, unexpectedAnswerError } from '../common/redact-secrets';
import { ANSWER_LIMIT_BYTES, formatLimit, readLimitedText } from '../common/read-limited-text';

/** What a request beside the model calls is sent with: their headers, credentials and `fetch`. */
export type CodexAccountRequest = {
  /** Identity and user headers (lower-case names), without credentials. */
  headers: () => Record<string, string>;
  auth: CodexAuthSource;
  fetch?: FetchFunction | undefined;
  abortSignal?: AbortSignal | undefined;
};

/**
 * One authenticated request for a JSON document of the ChatGPT backend (model catalog,
 * usage, images), with the model calls' credentials, 401 renewal and errors: a body that
 * breaks off while it is read is a retryable error, one larger than `maxBytes` is not read,
 * and an answer that `schema` cannot parse is an error that keeps no credential (see
 * `unexpectedAnswerError`). Errors name the document as `what` (`The Codex model catalog`).
 */
export async function requestCodexJson<T>(
  { headers, auth, fetch, abortSignal }: CodexAccountRequest,
  {
    url,
    body,
    callHeaders,
    maxBytes = ANSWER_LIMIT_BYTES,
    schema,
    what,
    unexpected = 'an unexpected shape',
  }: {
    url: string;
    /** Sent as JSON with a `POST`; without one, the request is a `GET`. */
    body?: unknown;
    /** The call's own headers, over the others. */
    callHeaders?: Record<string, string | undefined> | undefined;
    maxBytes?: number;
    /** What the answer must be: a zod schema, or anything that parses as one does (throws). */
    schema: { parse(json: unknown): T };
    what: string;
    /** What an answer of another shape had (`no images (…)`); default `an unexpected shape`. */
    unexpected?: string;
  },
): Promise<{ value: T; response: Response }> {
  return withAuthRenewal(
    auth,
    async credentials => {
      const requestHeaders = mergeHeaders(
        headers(),
        // a GET has no body to describe
        { accept: 'application/json', ...(body === undefined && { 'content-type': undefined }) },
        callHeaders,
        credentialHeaders(credentials),
      );
      const secrets = [requestHeaders.authorization];
      const response = await sendCodexRequest({
        method: body === undefined ? 'GET' : 'POST',
        url,
        headers: requestHeaders,
        body,
        fetch,
        abortSignal,
      });
      const failure = (message: string, isRetryable: boolean, cause?: unknown) =>
        redactAPICallError(
          new APICallError({
            message,
            url,
            requestBodyValues: body,
            statusCode: response.status,
            responseHeaders: extractResponseHeaders(response),
            cause,
            isRetryable,
          }),
          secrets,
        );
      let text: string | undefined;
      try {
        text = await readLimitedText(response, url, maxBytes);
      } catch (error) {
        if (abortSignal?.aborted) throw error;
        throw failure(
          `${what} broke off while it was being read: ${describeError(error)}`,
          true,
          error,
        );
      }
      if (text === undefined) {
        throw failure(`${what} is larger than ${formatLimit(maxBytes)}; it was not read.`, false);
      }
      try {
        return { value: schema.parse(JSON.parse(text)), response };
      } catch (cause) {
        throw unexpectedAnswerError({
          message: `${what} had ${unexpected}.`,
          notJsonMessage: `${what} was not JSON.`,
          url,
          requestBodyValues: body,
          response,
          text,
          cause,
          secrets,
        });
      }
    },
    // an abort must not wait for a pending token refresh or `auth` function
    abortSignal,
  );
}
