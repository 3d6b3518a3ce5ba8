import { APICallError } from '@ai-sdk/provider';
import {
  extractResponseHeaders,
  safeParseJSON,
  type ResponseHandler,
} from '@ai-sdk/provider-utils';
import * as z from 'zod/v4';
import { blockedRequestMessage } from './blocked-request-message';
import { reachedRateLimit, type ReachedRateLimit } from './codex-rate-limits';
import {
  CONTEXT_LENGTH_EXCEEDED_CODE,
  contextLengthExceededMessage,
} from './context-length-exceeded';
import { ANSWER_LIMIT_BYTES, formatLimit, readLimitedText } from './read-limited-text';
import { resetTime } from './reset-time';
import { stringifyJson } from './stringify-json';
import { diagnosticSuffix } from './with-diagnostics';

// The backend answers with several shapes; every field is optional so that a new shape
// still parses and only the message gets vaguer.
const text = z.string().nullish();
const seconds = z.number().nullish();
const errorObjectSchema = z.looseObject({
  message: text,
  type: text,
  code: z.union([z.string(), z.number()]).nullish(),
  plan_type: text,
  resets_at: seconds,
  resets_in_seconds: seconds,
});

export const codexErrorDataSchema = z.union([
  z.looseObject({ error: errorObjectSchema }),
  z.looseObject({ detail: z.unknown() }),
]);

export type CodexErrorData = z.infer<typeof codexErrorDataSchema>;
type CodexErrorObject = z.infer<typeof errorObjectSchema>;

/** An error object as an `error` event or `response.failed` carries it, read leniently. */
export function parseErrorObject(value: unknown): CodexErrorObject | undefined {
  return errorObjectSchema.safeParse(value).data;
}

// (validated again: the union's other shape lets any `error` through)
const errorObject = (data: CodexErrorData | undefined) => parseErrorObject(data?.error);

/** Whether the error object is of `kind`, by its `type` or its `code`. */
const isKind = (e: CodexErrorObject | undefined, kind: string) =>
  e?.type === kind || e?.code === kind;

/** The plan has no Codex at all: no wait helps, only another plan or account. */
export const USAGE_NOT_INCLUDED = 'usage_not_included';

/** A usage window of the plan is used up; it resets at a known time. */
export const USAGE_LIMIT_REACHED = 'usage_limit_reached';

export function usageNotIncludedMessage(planType: string | null | undefined): string {
  return `Your ChatGPT plan${planType ? ` (${planType})` : ''} does not include Codex (${USAGE_NOT_INCLUDED}): upgrade it (https://chatgpt.com/pricing) or sign in with another account; retrying will not help.`;
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
  const subject = limit && limit.id !== 'codex' ? ` for ${limit.name ?? limit.id}` : '';
  const details = [
    e.plan_type && `${e.plan_type} plan`,
    limit?.window && `its ${limit.window} window is used up`,
  ].filter(Boolean);
  const at = resetTime(e.resets_at, e.resets_in_seconds);
  // the server's own countdown first: it does not depend on this machine's clock
  const when = at
    ? ` Try again in ${formatWait(e.resets_in_seconds ?? (at.getTime() - Date.now()) / 1000)}${e.resets_at != null ? ` (resets at ${at.toISOString()})` : ''}.`
    : '';
  return `You have hit your ChatGPT usage limit${subject}${details.length > 0 ? ` (${details.join('; ')})` : ''}.${when}`;
}

const FAILED = 'Codex request failed';

/**
 * What to say of the failures a user must act on, whichever way they arrived (an HTTP
 * answer, an `error` event, `response.failed`): a plan without Codex, an input over the
 * context window, a used-up usage limit (`limit`: which one). `undefined` for the others.
 */
export function actionableMessage(
  e: CodexErrorObject,
  limit: ReachedRateLimit | undefined,
): string | undefined {
  if (isKind(e, USAGE_NOT_INCLUDED)) return usageNotIncludedMessage(e.plan_type);
  if (isKind(e, CONTEXT_LENGTH_EXCEEDED_CODE)) return contextLengthExceededMessage(e.message);
  if (isKind(e, USAGE_LIMIT_REACHED)) return usageLimitMessage(e, limit);
  return undefined;
}

/** The message of an error body; `limit` names the used-up limit of a usage-limit answer. */
export function codexErrorToMessage(data: CodexErrorData, limit?: ReachedRateLimit): string {
  const e = errorObject(data);
  const message = e
    ? (actionableMessage(e, limit) ?? withCode(e.message ?? FAILED, e.code ?? e.type))
    : detailMessage(data.detail);
  // The ids this account may use change with its plan and over time; the catalog knows them.
  return /\bmodel\b.*\bnot supported\b/i.test(message)
    ? `${message} \`listModels()\` lists the models this account can use.`
    : message;
}

/** A FastAPI `detail`: a sentence, or validation errors (`[{ loc, msg, type }, …]`). */
function detailMessage(detail: unknown): string {
  if (typeof detail === 'string') return detail;
  const text = Array.isArray(detail)
    ? detail
        .map(d =>
          d != null && typeof d === 'object' && 'msg' in d ? String(d.msg) : stringifyJson(d),
        )
        .join('; ')
    : detail != null && stringifyJson(detail);
  return text || FAILED;
}

/** The backend's sentence, with its code unless it says it already. */
const withCode = (message: string, code: string | number | null | undefined) =>
  code != null && !message.includes(String(code)) ? `${message} (${code})` : message;

/** Worth another try later: a timeout, too many requests, a server error. */
export function isRetryableStatus(status: number): boolean {
  return status === 408 || status === 429 || status >= 500;
}

/**
 * Non-2xx → `APICallError`, its body read up to 4 MiB: a larger one (a proxy's endless
 * page) is not held, and the error says so, retryable by its status. A page Cloudflare
 * answered with instead of the backend reads as a blocked request, never retryable. A body
 * in one of the backend's error shapes gives the message and `data`; usage-limit bodies are
 * never retryable, whatever the status, and add to `data` the plan, the reset time
 * (`resetsAt`, a Date) and the used-up `limit` when the rate-limit headers say. Every
 * message ends with the answer's diagnostic ids.
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
  const { status } = response;
  const responseHeaders = extractResponseHeaders(response);
  const responseBody = await readLimitedText(response, url, ANSWER_LIMIT_BYTES);
  const blocked = blockedRequestMessage(status, responseHeaders);
  const parsed =
    blocked == null && responseBody != null
      ? await safeParseJSON({ text: responseBody, schema: codexErrorDataSchema })
      : undefined;
  const data = parsed?.success ? parsed.value : undefined;
  const e = errorObject(data);
  const reached = isKind(e, USAGE_LIMIT_REACHED);
  const usage = reached || isKind(e, USAGE_NOT_INCLUDED);
  const limit = reached ? reachedRateLimit(responseHeaders, requestBodyValues) : undefined;
  const resetsAt = e && resetTime(e.resets_at, e.resets_in_seconds);
  const message =
    blocked ??
    (responseBody === undefined
      ? `The Codex backend answered (HTTP ${status}) with more than ${formatLimit(ANSWER_LIMIT_BYTES)}; it was not read.`
      : data != null
        ? codexErrorToMessage(data, limit)
        : response.statusText);
  return new APICallError({
    message: message + diagnosticSuffix(responseHeaders),
    url,
    requestBodyValues,
    statusCode: status,
    responseHeaders,
    responseBody,
    data: usage
      ? { ...data, plan: e?.plan_type ?? undefined, resetsAt, ...(limit && { limit }) }
      : data,
    isRetryable: blocked == null && !usage && isRetryableStatus(status),
  });
}

/** `codexFailedResponseError` as a provider-utils response handler. */
export const codexFailedResponseHandler: ResponseHandler<APICallError> = async options => ({
  value: await codexFailedResponseError(options),
  responseHeaders: extractResponseHeaders(options.response),
});
