import type { CodexTokenUsage } from '../wire/codex-events';
import { rememberConversation } from './remember-conversation';

type LastResponse = {
  /** Input and output tokens the backend counted. */
  tokens: number;
  /** `estimateInputTokens` of the request that got it. */
  estimate: number;
};

/**
 * How full each conversation's context is, from the usage of its last response, so that a
 * call can tell before it is sent whether it nears the model's window (as the official
 * client judges it from the last reported usage). One provider instance's conversations,
 * by conversation id (`prompt_cache_key`); a process that has seen none of a conversation
 * goes by the estimate of the input alone.
 */
export class CodexConversationUsage {
  readonly #conversations = new Map<string, LastResponse>();

  /** Notes a response's usage, with the estimate of the request that got it. */
  record(conversationId: string, usage: CodexTokenUsage, estimate: number): void {
    const input = usage.input_tokens;
    if (input == null) return;
    rememberConversation(this.#conversations, conversationId, {
      tokens: input + (usage.output_tokens ?? 0),
      estimate,
    });
  }

  /**
   * The tokens a request of `estimate` (see `estimateInputTokens`) will hold: the last
   * response's input and output plus what the input grew by since. A request smaller than
   * the last one is another history under the same id (an edited one, or another
   * conversation sharing the provider's session id): its estimate is all there is.
   */
  inputTokens(conversationId: string, estimate: number): number {
    const last = this.#conversations.get(conversationId);
    if (last == null || estimate < last.estimate) return estimate;
    return last.tokens + (estimate - last.estimate);
  }
}
