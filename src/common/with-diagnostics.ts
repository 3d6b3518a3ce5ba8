import type { APICallError } from '@ai-sdk/provider';
import {
  errorObject,
  isUsageLimitError,
  USAGE_NOT_INCLUDED,
  usageLimitMessage,
  type CodexErrorData,
} from './codex-failed-response-handler';
import { parseCodexRateLimits, reachedRateLimit } from './codex-rate-limits';
import { copyAPICallError } from './copy-api-call-error';

/** `x-request-id` and `cf-ray`, the two ids OpenAI asks for in a bug report. */
export function diagnosticSuffix(headers: Record<string, string> | undefined): string {
  const ids = [
    headers?.['x-request-id'] && `request id: ${headers['x-request-id']}`,
    headers?.['cf-ray'] && `cf-ray: ${headers['cf-ray']}`,
  ].filter(Boolean);
  return ids.length > 0 ? ` [${ids.join(', ')}]` : '';
}

/**
 * Adds the diagnostic ids to the message and, for usage limits, the plan, the reset time
 * and which limit was reached (`data.plan`, `data.resetsAt` as a Date, `data.limit`, which
 * the message names too) when the answer's rate-limit headers say.
 */
export function withDiagnostics(error: APICallError): APICallError {
  const data = error.data as CodexErrorData | undefined;
  const e = errorObject(data);
  const usage = isUsageLimitError(data) && e != null;
  const suffix = diagnosticSuffix(error.responseHeaders);
  if (suffix === '' && !usage) return error;
  const resetsAt =
    e?.resets_at != null
      ? new Date(e.resets_at * 1000)
      : e?.resets_in_seconds != null
        ? new Date(Date.now() + e.resets_in_seconds * 1000)
        : undefined;
  const limit =
    usage && e.type !== USAGE_NOT_INCLUDED && e.code !== USAGE_NOT_INCLUDED
      ? reachedRateLimit(
          parseCodexRateLimits(error.responseHeaders),
          requestedModel(error.requestBodyValues),
        )
      : undefined;
  const message = usage && limit != null ? usageLimitMessage(e, limit) : error.message;
  return copyAPICallError(error, {
    message: message + suffix,
    data: usage
      ? { ...data, plan: e.plan_type ?? undefined, resetsAt, ...(limit != null && { limit }) }
      : data,
  });
}

/** The `model` of the request an error answers, if it had one. */
export function requestedModel(requestBodyValues: unknown): string | undefined {
  if (requestBodyValues == null || typeof requestBodyValues !== 'object') return undefined;
  if (!('model' in requestBodyValues)) return undefined;
  return typeof requestBodyValues.model === 'string' ? requestBodyValues.model : undefined;
}
