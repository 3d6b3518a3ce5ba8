import type { APICallError } from '@ai-sdk/provider';
import {
  errorObject,
  isUsageLimitError,
  type CodexErrorData,
} from './codex-failed-response-handler';
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
 * Adds the diagnostic ids to the message and, for usage limits, the plan and the reset
 * time (`data.plan`, `data.resetsAt` as a Date).
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
  return copyAPICallError(error, {
    message: error.message + suffix,
    data: usage ? { ...data, plan: e.plan_type ?? undefined, resetsAt } : data,
  });
}
