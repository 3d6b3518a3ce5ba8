import type { FetchFunction } from '@ai-sdk/provider-utils';
import { unexpectedAnswerError } from '../transport/redact-secrets';
import { withAuthRenewal, type CodexAuthSource } from '../auth/codex-auth';
import { credentialHeaders, mergeHeaders } from '../transport/codex-headers';
import { sendCodexRequest } from '../transport/post-codex-request';
import { codexUsagePayloadSchema, toCodexUsage, type CodexUsage } from './parse-codex-usage';

/**
 * The usage endpoint lives on the ChatGPT backend, one level above the Codex API:
 * `https://chatgpt.com/backend-api/codex` → `https://chatgpt.com/backend-api/wham/usage`.
 */
export function codexUsageURL(baseURL: string): string {
  return `${baseURL.replace(/\/+$/, '').replace(/\/codex$/, '')}/wham/usage`;
}

/** `GET {chatgpt base}/wham/usage`, with the model calls' credentials, 401 renewal and errors. */
export async function getCodexUsage({
  baseURL,
  headers,
  auth,
  fetch,
  abortSignal,
}: {
  baseURL: string;
  headers: Record<string, string>;
  auth: CodexAuthSource;
  fetch?: FetchFunction;
  abortSignal?: AbortSignal;
}): Promise<CodexUsage> {
  const url = codexUsageURL(baseURL);
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
  const text = await response.text();
  let payload;
  try {
    payload = codexUsagePayloadSchema.parse(JSON.parse(text));
  } catch (error) {
    throw unexpectedAnswerError({
      message: 'The ChatGPT usage endpoint answered with an unexpected shape.',
      url,
      response,
      text,
      cause: error,
      secrets: [authorization],
    });
  }
  return toCodexUsage(payload);
}
