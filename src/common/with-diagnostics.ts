import type { APICallError } from '@ai-sdk/provider';
import { copyAPICallError } from './copy-api-call-error';

/** `x-request-id` and `cf-ray`, the two ids OpenAI asks for in a bug report. */
export function diagnosticSuffix(headers: Record<string, string> | undefined): string {
  const ids = [
    headers?.['x-request-id'] && `request id: ${headers['x-request-id']}`,
    headers?.['cf-ray'] && `cf-ray: ${headers['cf-ray']}`,
  ].filter(Boolean);
  return ids.length > 0 ? ` [${ids.join(', ')}]` : '';
}

/** `error` with the diagnostic ids of its answer at the end of its message. */
export function withDiagnostics(error: APICallError): APICallError {
  const suffix = diagnosticSuffix(error.responseHeaders);
  return suffix === '' ? error : copyAPICallError(error, { message: error.message + suffix });
}
