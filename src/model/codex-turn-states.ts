import type { CodexConversationTurn } from '../request/conversation-routing';
import { rememberConversation } from './remember-conversation';

/** The backend's sticky-routing header: set on a turn's response, echoed on its later requests. */
export const TURN_STATE_HEADER = 'x-codex-turn-state';

/** Values of earlier turns kept per conversation, to recognise them if they come again. */
const MAX_RETIRED = 4;

type ConversationState = {
  turnId: string;
  /** The first value a response of this turn carried. */
  value: string | undefined;
  /** Values earlier turns got: never this turn's. */
  retired: string[];
};

/**
 * The `x-codex-turn-state` values of one provider instance's conversations. The backend
 * sets one on a turn's response and expects it back, unchanged, on the requests that go on
 * with that turn (its tool follow-ups, a compaction, retries), and never on another turn:
 * the official client keeps the first value a turn got and starts every turn without one.
 *
 * One turn per conversation is remembered (the latest a request was made for); calls of two
 * turns of one conversation that interleave lose their echo rather than borrow the other's.
 * A value that an earlier turn got is never taken for a later one: a WebSocket reused from an
 * earlier turn reports that turn's upgrade headers again.
 */
export class CodexTurnStates {
  readonly #conversations = new Map<string, ConversationState>();

  /** The value to send with a request of `turn`, if a response of that turn set one. */
  get({ conversationId, turnId }: CodexConversationTurn): string | undefined {
    const state = this.#conversations.get(conversationId);
    return state?.turnId === turnId ? state.value : undefined;
  }

  /** Notes what a response of `turn` carried; only a turn's first value counts. */
  record(turn: CodexConversationTurn, responseHeaders: Record<string, string>): void {
    const value = responseHeaders[TURN_STATE_HEADER];
    const state = this.#enter(turn);
    // an empty value is none
    if (value && state.value == null && !state.retired.includes(value)) state.value = value;
  }

  /** Marks `turn` as its conversation's current one (a new turn retires the old value). */
  #enter({ conversationId, turnId }: CodexConversationTurn): ConversationState {
    let state = this.#conversations.get(conversationId);
    if (state?.turnId !== turnId) {
      const retired =
        state?.value != null ? [state.value, ...state.retired] : (state?.retired ?? []);
      state = { turnId, value: undefined, retired: retired.slice(0, MAX_RETIRED) };
    }
    rememberConversation(this.#conversations, conversationId, state);
    return state;
  }
}
