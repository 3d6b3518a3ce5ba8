import { createJsonErrorResponseHandler } from '@ai-sdk/provider-utils';
import * as z from 'zod/v4';
import { blockedRequestError } from './blocked-request-error';

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

/** The `error` object of an error body, if it has one. */
export function errorObject(data: CodexErrorData | undefined): CodexErrorObject | undefined {
  return data != null && 'error' in data ? (data.error as CodexErrorObject) : undefined;
}

const USAGE_LIMIT_TYPES = new Set(['usage_limit_reached', 'usage_not_included']);

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
    if (kind === 'usage_not_included' || e.code === 'usage_not_included') {
      return (
        'Your ChatGPT plan does not include Codex' +
        (e.plan_type ? ` (${e.plan_type} plan)` : '') +
        '. Upgrade the plan or sign in with another account.'
      );
    }
    if (isUsageLimitError(data)) {
      const plan = e.plan_type ? ` (${e.plan_type} plan)` : '';
      let when = '';
      const secs =
        e.resets_in_seconds ?? (e.resets_at != null ? e.resets_at - Date.now() / 1000 : undefined);
      if (secs != null && Number.isFinite(secs)) {
        when = ` Try again in ${formatWait(secs)}`;
        if (e.resets_at != null)
          when += ` (resets at ${new Date(e.resets_at * 1000).toISOString()})`;
        when += '.';
      }
      return `You have hit your ChatGPT usage limit${plan}.${when}`;
    }
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

const jsonErrorResponseHandler = createJsonErrorResponseHandler({
  errorSchema: codexErrorDataSchema,
  errorToMessage: codexErrorToMessage,
  isRetryable: (response, data) => !isUsageLimitError(data) && isRetryableStatus(response.status),
});

/**
 * Non-2xx → `APICallError`; usage-limit bodies are never retryable, whatever the status; a
 * page Cloudflare answered with instead of the backend reads as a blocked request.
 */
export const codexFailedResponseHandler: typeof jsonErrorResponseHandler = async options => {
  const blocked = await blockedRequestError(options);
  if (blocked == null) return jsonErrorResponseHandler(options);
  return { value: blocked, responseHeaders: blocked.responseHeaders };
};
