import { APICallError } from '@ai-sdk/provider';
import {
  extractResponseHeaders,
  safeParseJSON,
  type ResponseHandler,
} from '@ai-sdk/provider-utils';
import * as z from 'zod/v4';
import { blockedRequestError } from './blocked-request-error';
import type { ReachedRateLimit } from './codex-rate-limits';
import {
  CONTEXT_LENGTH_EXCEEDED_CODE,
  contextLengthExceededMessage,
} from './context-length-exceeded';
import { ANSWER_LIMIT_BYTES, formatLimit, readLimitedText } from './read-limited-text';

// The backend answers with several shapes; every field is optional so that a new shape
// still parses and only the message gets vaguer.
const errorObjectSchema = z
  .object({
    message: z.string().nullish(),
    type: z.string().nullish(),
    code: z.union([z.string(), z.number()]).nullish(),
    param: z.string().nullish(),
    plan_type: z.string().nullish(),
    resets_at: z.number().nullish(),
    resets_in_seconds: z.number().nullish(),
  })
  .loose();

export const codexErrorDataSchema = z.union([
  z.object({ error: errorObjectSchema }).loose(),
  z.object({ detail: z.unknown() }).loose(),
]);

export type CodexErrorData = z.infer<typeof codexErrorDataSchema>;
type CodexErrorObject = z.infer<typeof errorObjectSchema>;

/** An error object as an `error` event or `response.failed` carries it, read leniently. */
export function parseErrorObject(value: unknown): CodexErrorObject | undefined {
  const parsed = errorObjectSchema.safeParse(value);
  return parsed.success ? parsed.data : undefined;
}

/** The `error` object of an error body, if it has one. */
export function errorObject(data: CodexErrorData | undefined): CodexErrorObject | undefined {
  return data != null && 'error' in data ? (data.error as CodexErrorObject) : undefined;
}

/** The plan has no Codex at all: no wait helps, only another plan or account. */
export const USAGE_NOT_INCLUDED = 'usage_not_included';

/** A usage window of the plan is used up; it resets at a known time. */
export const USAGE_LIMIT_REACHED = 'usage_limit_reached';

const USAGE_LIMIT_TYPES = new Set([USAGE_LIMIT_REACHED, USAGE_NOT_INCLUDED]);

export function usageNotIncludedMessage(planType: string | null | undefined): string {
  return (
    `Your ChatGPT plan${planType ? ` (${planType})` : ''} does not include Codex (${USAGE_NOT_INCLUDED}). ` +
    'Upgrade the plan (https://chatgpt.com/pricing) or sign in with an account whose plan includes Codex; retrying will not help.'
  );
}

export function isUsageLimitError(data: CodexErrorData | undefined): boolean {
  const e = errorObject(data);
  if (e == null) return false;
  const { type, code } = e;
  return USAGE_LIMIT_TYPES.has(String(type ?? '')) || USAGE_LIMIT_TYPES.has(String(code ?? ''));
}

function formatWait(seconds: number): string {
  if (seconds < 90) return `~${Math.max(1, Math.round(seconds))} s`;
  if (seconds < 90 * 60) return `~${Math.round(seconds / 60)} min`;
  return `~${Math.round(seconds / 3600)} h`;
}

/**
 * "You have hit your ChatGPT usage limit", with the plan, which limit and window when the
 * answer's rate-limit headers say (`reachedRateLimit`), and when to try again.
 */
export function usageLimitMessage(
  e: Pick<CodexErrorObject, 'plan_type' | 'resets_at' | 'resets_in_seconds'>,
  limit: ReachedRateLimit | undefined,
): string {
  const subject = limit != null && limit.id !== 'codex' ? ` for ${limit.name ?? limit.id}` : '';
  const details = [
    e.plan_type && `${e.plan_type} plan`,
    limit?.window != null && `its ${limit.window} window is used up`,
  ].filter(Boolean);
  let when = '';
  const secs =
    e.resets_in_seconds ?? (e.resets_at != null ? e.resets_at - Date.now() / 1000 : undefined);
  if (secs != null && Number.isFinite(secs)) {
    when = ` Try again in ${formatWait(secs)}`;
    if (e.resets_at != null) when += ` (resets at ${new Date(e.resets_at * 1000).toISOString()})`;
    when += '.';
  }
  return `You have hit your ChatGPT usage limit${subject}${details.length > 0 ? ` (${details.join('; ')})` : ''}.${when}`;
}

export function codexErrorToMessage(data: CodexErrorData): string {
  const message = backendMessage(data);
  // The ids this account may use change with its plan and over time; the catalog knows them.
  return /\bmodel\b.*\bnot supported\b/i.test(message)
    ? `${message} \`listModels()\` on the provider lists the models this account can use.`
    : message;
}

function backendMessage(data: CodexErrorData): string {
  const e = errorObject(data);
  if (e != null) {
    const kind = String(e.type ?? e.code ?? '');
    if (kind === USAGE_NOT_INCLUDED || e.code === USAGE_NOT_INCLUDED) {
      return usageNotIncludedMessage(e.plan_type);
    }
    if (e.code === CONTEXT_LENGTH_EXCEEDED_CODE || kind === CONTEXT_LENGTH_EXCEEDED_CODE) {
      return contextLengthExceededMessage(e.message);
    }
    if (isUsageLimitError(data)) return usageLimitMessage(e, undefined);
    const message = e.message ?? 'Codex request failed';
    const code = e.code ?? e.type;
    return code != null && !message.includes(String(code)) ? `${message} (${code})` : message;
  }
  const detail = (data as { detail?: unknown }).detail;
  if (typeof detail === 'string') return detail;
  if (Array.isArray(detail)) {
    // FastAPI validation errors: [{ loc, msg, type }, ...]
    const msgs = detail
      .map(d =>
        d != null && typeof d === 'object' && 'msg' in d ? String(d.msg) : JSON.stringify(d),
      )
      .join('; ');
    return msgs || 'Codex request failed';
  }
  return detail == null ? 'Codex request failed' : JSON.stringify(detail);
}

/** Worth another try later: a timeout, too many requests, a server error. */
export function isRetryableStatus(status: number): boolean {
  return status === 408 || status === 429 || status >= 500;
}

/**
 * Non-2xx → `APICallError`, its body read up to 4 MiB: a larger one (a proxy's endless
 * page) is not held, and the error says so, retryable by its status. A page Cloudflare
 * answered with instead of the backend reads as a blocked request. A body in one of the
 * backend's error shapes gives the message and `data`; usage-limit bodies are never
 * retryable, whatever the status.
 */
export async function codexFailedResponseError({
  response,
  url,
  requestBodyValues,
}: {
  response: Response;
  url: string;
  requestBodyValues: unknown;
}): Promise<APICallError> {
  const responseHeaders = extractResponseHeaders(response);
  const answer = { url, requestBodyValues, statusCode: response.status, responseHeaders };
  const text = await readLimitedText(response, url, ANSWER_LIMIT_BYTES);
  const blocked = blockedRequestError({ ...answer, responseBody: text });
  if (blocked != null) return blocked;
  if (text === undefined) {
    return new APICallError({
      ...answer,
      message: `The Codex backend answered HTTP ${response.status} with an error body larger than ${formatLimit(ANSWER_LIMIT_BYTES)}; it was not read.`,
      isRetryable: isRetryableStatus(response.status),
    });
  }
  const parsed =
    text.trim() === '' ? undefined : await safeParseJSON({ text, schema: codexErrorDataSchema });
  const data = parsed?.success === true ? parsed.value : undefined;
  return new APICallError({
    ...answer,
    message: data != null ? codexErrorToMessage(data) : response.statusText,
    responseBody: text,
    data,
    isRetryable: !isUsageLimitError(data) && isRetryableStatus(response.status),
  });
}

/** `codexFailedResponseError` as a provider-utils response handler. */
export const codexFailedResponseHandler: ResponseHandler<APICallError> = async options => ({
  value: await codexFailedResponseError(options),
  responseHeaders: extractResponseHeaders(options.response),
});
