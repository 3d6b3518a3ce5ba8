import {
  errorEventSchema,
  responseCreatedSchema,
  responseTerminalSchema,
  type CodexEvent,
} from '../wire/codex-events';
import { validDate } from '../common/valid-date';
import type { CodexFinish } from './codex-stream-part';
import { mapCodexFinishReason } from './map-codex-finish-reason';
import type { CodexStreamState, EventHandler } from './codex-stream-state';

// The response's lifecycle: created, its terminal events, and the one `finish`.

export const onResponseCreated: EventHandler = (state, event) => {
  const response = responseCreatedSchema.safeParse(event).data?.response;
  if (response === undefined) return;
  const { id, model, created_at } = response;
  state.responseId = id ?? undefined;
  state.emit({
    type: 'response-metadata',
    id: state.responseId,
    modelId: model ?? undefined,
    // none for a time no Date can hold, whose toISOString() would throw in `ai`
    timestamp: validDate(created_at != null ? created_at * 1000 : undefined),
  });
};

export const onResponseFinished: EventHandler = (state, event) => {
  const response = terminalResponse(state, event);
  const incompleteReason =
    event.type === 'response.incomplete'
      ? (response?.incomplete_details?.reason ?? 'unknown')
      : null;
  // a response that lost an item is no success (see `reportSkippedItem`)
  const skipped = state.skippedItemCode;
  finish(
    state,
    skipped != null ? 'error' : mapCodexFinishReason(incompleteReason, state.hasFunctionCall),
    skipped ?? incompleteReason ?? response?.status ?? 'completed',
  );
};

export const onResponseFailed: EventHandler = (state, event) => {
  const error = terminalResponse(state, event)?.error;
  // without a message, the error says that the response failed
  failWithStreamError(state, error?.code, error?.message, error ?? event);
};

/** The response of a terminal event, if readable; the finish reports its usage and id. */
function terminalResponse(state: CodexStreamState, event: CodexEvent) {
  const response = responseTerminalSchema.safeParse(event).data?.response;
  state.usage = response?.usage ?? undefined;
  state.responseId ??= response?.id ?? undefined;
  return response;
}

export const onErrorEvent: EventHandler = (state, event) => {
  const data = errorEventSchema.safeParse(event).data;
  // without a message, the error says that the response failed
  failWithStreamError(
    state,
    data?.code ?? data?.error?.code,
    data?.message ?? data?.error?.message,
    event,
  );
};

/** Ends the response with the stream error of this code and message. */
export function failWithStreamError(
  state: CodexStreamState,
  code: string | null | undefined,
  message: string | null | undefined,
  data: unknown,
) {
  failResponse(state, state.createError({ code, message, data }), code);
}

/**
 * The one way a response ends in error, whatever failed (an error event, a broken or
 * silent connection, a retry that could not connect): the error part, then `finish` with
 * reason `error` and the failure's code as the raw reason, so every spec version reports
 * the same failure the same way.
 */
export function failResponse(
  state: CodexStreamState,
  error: unknown,
  code: string | null | undefined,
): void {
  if (state.finished) return;
  state.emit({ type: 'error', error });
  finish(state, 'error', code ?? 'error');
}

/**
 * Closes whatever is still open and emits the one `finish`. Runs once: no event is
 * handled after it, and `failResponse` checks.
 */
function finish(
  state: CodexStreamState,
  unified: CodexFinish['unified'],
  raw: CodexFinish['raw'],
): void {
  for (const item of state.items.values()) {
    if (item.kind === 'text') state.emit({ type: 'text-end', id: item.id });
    else if (item.kind === 'reasoning') state.emit({ type: 'reasoning-end', id: item.blockId });
    else if (item.kind !== 'web-search') state.emit({ type: 'tool-input-end', id: item.callId });
  }
  state.items.clear();
  state.finished = true;
  state.emit(
    state.finishPart({
      unified,
      raw,
      usage: state.usage,
      providerMetadata: {
        codex: {
          responseId: state.responseId ?? null,
          ...(state.rateLimits != null && { rateLimits: state.rateLimits }),
        },
      },
    }),
  );
}
