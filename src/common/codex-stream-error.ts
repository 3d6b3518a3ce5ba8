import { APICallError } from '@ai-sdk/provider';
import {
  parseErrorObject,
  USAGE_LIMIT_REACHED,
  USAGE_NOT_INCLUDED,
  usageLimitMessage,
  usageNotIncludedMessage,
} from './codex-failed-response-handler';
import { reachedRateLimit } from './codex-rate-limits';
import { redactAPICallError } from './redact-secrets';
import {
  CONTEXT_LENGTH_EXCEEDED_CODE,
  contextLengthExceededMessage,
} from './context-length-exceeded';
import { diagnosticSuffix } from './with-diagnostics';

/**
 * Codex's own stream failures, raised when the transport, not the backend, ends a response
 * early. All three are worth one more identical request.
 */
export const CODEX_STREAM_ERROR_CODES = {
  /** The connection broke mid-stream. */
  interrupted: 'stream_interrupted',
  /** The stream ended before its terminal event. */
  truncated: 'stream_truncated',
  /** Nothing arrived for `streamIdleTimeoutMs`. */
  idleTimeout: 'stream_idle_timeout',
} as const;

export type CodexStreamErrorCode =
  (typeof CODEX_STREAM_ERROR_CODES)[keyof typeof CODEX_STREAM_ERROR_CODES];

/** `response.failed` / `error` event codes that a later identical request may get past. */
const RETRYABLE_EVENT_CODES: ReadonlySet<string> = new Set([
  'server_is_overloaded',
  'rate_limit_exceeded',
  'server_error',
  ...Object.values(CODEX_STREAM_ERROR_CODES),
]);

/** An error the backend reported inside a 2xx stream (or one our transport ran into). */
export function createStreamError({
  code,
  message,
  data,
  url,
  requestBodyValues,
  responseHeaders,
  secrets = [],
}: {
  code: string | null | undefined;
  message: string | null | undefined;
  data: unknown;
  url: string;
  requestBodyValues: unknown;
  responseHeaders: Record<string, string> | undefined;
  /** The request's credentials, which the backend's message or a close reason may quote. */
  secrets?: ReadonlyArray<string | undefined>;
}): APICallError {
  const text =
    code === USAGE_LIMIT_REACHED
      ? usageLimitMessage(
          parseErrorObject(data) ?? {},
          reachedRateLimit(responseHeaders, requestBodyValues),
        )
      : streamErrorMessage(code, message);
  const error = new APICallError({
    message: text + diagnosticSuffix(responseHeaders),
    url,
    requestBodyValues,
    statusCode: 200,
    responseHeaders,
    data,
    isRetryable: code != null && RETRYABLE_EVENT_CODES.has(code),
  });
  return redactAPICallError(error, secrets);
}

/** `code: message`, or for the failures a user must act on, what to do about them. */
function streamErrorMessage(
  code: string | null | undefined,
  message: string | null | undefined,
): string {
  if (code === CONTEXT_LENGTH_EXCEEDED_CODE) return contextLengthExceededMessage(message);
  if (code === USAGE_NOT_INCLUDED) return usageNotIncludedMessage(undefined);
  const text = message || 'The Codex response failed';
  return code ? `${code}: ${text}` : text;
}
