import { APICallError } from '@ai-sdk/provider';
import { actionableMessage, parseErrorObject } from './codex-failed-response-handler';
import { reachedRateLimit } from './codex-rate-limits';
import { redactAPICallError } from './redact-secrets';
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
const RETRYABLE_EVENT_CODES: ReadonlySet<string | null | undefined> = new Set([
  'server_is_overloaded',
  'rate_limit_exceeded',
  'server_error',
  ...Object.values(CODEX_STREAM_ERROR_CODES),
]);

/** The response a stream error belongs to, and the error's `data`. */
type StreamAnswer = {
  data: unknown;
  url: string;
  requestBodyValues: unknown;
  responseHeaders: Record<string, string> | undefined;
};

/** An error the backend reported inside a 2xx stream (or one our transport ran into). */
export function createStreamError({
  code,
  message,
  secrets = [],
  ...answer
}: StreamAnswer & {
  code: string | null | undefined;
  message: string | null | undefined;
  /** The request's credentials, which the backend's message or a close reason may quote. */
  secrets?: ReadonlyArray<string | undefined>;
}): APICallError {
  const { data, requestBodyValues, responseHeaders } = answer;
  const text = message || 'The Codex response failed';
  // `code: message`, or for the failures a user must act on, what to do about them
  const said =
    actionableMessage(
      { ...parseErrorObject(data), code, message },
      reachedRateLimit(responseHeaders, requestBodyValues),
    ) ?? (code ? `${code}: ${text}` : text);
  const error = new APICallError({
    ...answer,
    message: said + diagnosticSuffix(responseHeaders),
    statusCode: 200,
    isRetryable: RETRYABLE_EVENT_CODES.has(code),
  });
  return redactAPICallError(error, secrets);
}
