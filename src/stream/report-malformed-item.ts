import type { CodexEvent } from '../wire/codex-events';
import type { CodexStreamState } from './codex-stream-state';

/** An item the backend sent in a shape we cannot read: an error part says so, and it is skipped. */
export function malformed(state: CodexStreamState, event: CodexEvent, what: string) {
  state.emit({
    type: 'error',
    error: state.createError({
      code: 'invalid_event',
      message: `The Codex backend sent a malformed ${event.type} event (${what}); it was skipped.`,
      data: event,
    }),
  });
}
