import { APICallError } from '@ai-sdk/provider';
import { extractResponseHeaders, type FetchFunction } from '@ai-sdk/provider-utils';
import type * as z from 'zod/v4';
import { withAuthRenewal } from '../auth/with-auth-renewal';
import type { CodexAuthSource } from '../auth/codex-auth-source';
import { credentialHeaders, mergeHeaders } from '../transport/codex-headers';
import { sendCodexRequest } from '../transport/send-codex-request';
import { unexpectedAnswerError } from '../common/redact-secrets';
import { ANSWER_LIMIT_BYTES, formatLimit, readLimitedText } from '../common/read-limited-text';

/** What an account request is sent with: the model calls' headers, credentials and `fetch`. */
export type CodexAccountRequest = {
  headers: Record<string, string>;
  auth: CodexAuthSource;
  fetch?: FetchFunction | undefined;
  abortSignal?: AbortSignal | undefined;
};

/**
 * One authenticated `GET` of a JSON document of the ChatGPT backend (model catalog, usage),
 * with the model calls' credentials, 401 renewal and errors. An answer of another shape is
 * an error (`The <what> had an unexpected shape.`) that keeps no credential (see
 * `unexpectedAnswerError`).
 */
export async function getCodexJson<Schema extends z.ZodType>(
  { headers, auth, fetch, abortSignal }: CodexAccountRequest,
  url: string,
  schema: Schema,
  what: string,
): Promise<z.infer<Schema>> {
  let authorization: string | undefined;
  const response = await withAuthRenewal(
    auth,
    credentials => {
      const requestHeaders = mergeHeaders(
        headers,
        { accept: 'application/json', 'content-type': undefined },
        credentialHeaders(credentials),
      );
      authorization = requestHeaders.authorization;
      return sendCodexRequest({ method: 'GET', url, headers: requestHeaders, fetch, abortSignal });
    },
    // an abort must not wait for a pending token refresh or `auth` function
    abortSignal,
  );
  const text = await readLimitedText(response, url, ANSWER_LIMIT_BYTES);
  if (text === undefined) {
    throw new APICallError({
      message: `The answer from ${url} is larger than ${formatLimit(ANSWER_LIMIT_BYTES)}; it was not read.`,
      url,
      requestBodyValues: undefined,
      statusCode: response.status,
      responseHeaders: extractResponseHeaders(response),
      isRetryable: false,
    });
  }
  try {
    return schema.parse(JSON.parse(text));
  } catch (error) {
    throw unexpectedAnswerError({
      message: `The ${what} had an unexpected shape.`,
      url,
      response,
      text,
      cause: error,
      secrets: [authorization],
    });
  }
}
