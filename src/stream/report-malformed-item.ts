import type { CodexEvent } from '../wire/codex-events';
import type { CodexStreamState } from './codex-stream-state';

/** The raw finish reason of a response that lost an item (the code of its error). */
export const MALFORMED_ITEM_CODE = 'invalid_event';

/**
 * An item the backend sent in a shape we cannot read is skipped, and the call fails with
 * one error saying so, in both modes: `doStream` shows it as an `error` part, delivers the
 * rest of the response and finishes with reason `error`; `doGenerate` throws it. A response
 * that lost one of its items (a tool call, an answer) is never reported as a success.
 */
export function reportMalformedItem(state: CodexStreamState, event: CodexEvent, what: string) {
  state.lostItem = true;
  state.emit({
    type: 'error',
    error: state.createError({
      code: MALFORMED_ITEM_CODE,
      message: `The Codex backend sent a malformed ${event.type} event (${what}); it was skipped.`,
      data: event,
    }),
  });
}
