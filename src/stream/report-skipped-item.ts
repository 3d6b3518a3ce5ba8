import type * as z from 'zod/v4';
import type { CodexEvent } from '../wire/codex-events';
import type { CodexStreamState } from './codex-stream-state';

/** The raw finish reason of a response that lost an item it could not read. */
export const MALFORMED_ITEM_CODE = 'invalid_event';

/** …and of one whose tool call matched no declared tool of its kind. */
export const INVALID_TOOL_CALL_CODE = 'invalid_tool_call';

/**
 * An item that cannot be delivered is skipped, and the call fails with one error saying
 * so, in both modes: `doStream` shows it as an `error` part, delivers the rest of the
 * response and finishes with reason `error` (the first such error's code as the raw
 * reason); `doGenerate` throws it. A response that lost one of its items (a tool call, an
 * answer) is never reported as a success.
 */
export function reportSkippedItem(
  state: CodexStreamState,
  code: string,
  message: string,
  event: CodexEvent,
) {
  state.skippedItemCode ??= code;
  state.emit({ type: 'error', error: state.createError({ code, message, data: event }) });
}

/**
 * An item the backend sent in a shape we cannot read (a `function_call` without `call_id`,
 * …): the error names the item type and the fields zod could not read.
 */
export function reportMalformedItem(
  state: CodexStreamState,
  event: CodexEvent,
  itemType: string,
  error: z.ZodError,
) {
  const fields = error.issues.map(issue => issue.path.join('.')).join(', ');
  reportSkippedItem(
    state,
    MALFORMED_ITEM_CODE,
    `The Codex backend sent a malformed ${itemType} item (invalid ${fields}); it was skipped.`,
    event,
  );
}
