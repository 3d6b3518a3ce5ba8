import { InvalidArgumentError } from '@ai-sdk/provider';
import { headerValueProblem } from '../common/header-checks';
import type { CodexPrompt } from './codex-call-options';
import type { CodexRequestBody } from '../wire/codex-request-body';
import { codexTurnId } from './codex-turn-id';
import { countCompactions } from './count-compactions';

/** Which conversation and which user turn of it a call belongs to. */
export type CodexConversationTurn = { conversationId: string; turnId: string };

/**
 * The ids the backend routes a call by, as the official client sends them: the
 * conversation (thread) in `session-id`, `thread-id` and `x-client-request-id`, its context
 * window (`<conversation>:<compactions so far>`) in `x-codex-window-id`, the model and tier
 * in `x-codex-routing-hint`, and the same ids in the body's `client_metadata` with the
 * turn's. Nothing here is telemetry: no installation id, sandbox or timing.
 */
export function conversationRouting(
  /** Its `prompt_cache_key` is the conversation the backend caches and routes by. */
  {
    model: modelId,
    prompt_cache_key: conversationId,
    service_tier: serviceTier,
  }: Pick<CodexRequestBody, 'model' | 'prompt_cache_key' | 'service_tier'>,
  prompt: CodexPrompt,
): {
  headers: Record<string, string>;
  clientMetadata: Record<string, string>;
  turn: CodexConversationTurn;
} {
  checkHeaderValue('providerOptions.codex.promptCacheKey', conversationId);
  checkHeaderValue('modelId', modelId);
  const windowId = `${conversationId}:${countCompactions(prompt)}`;
  const turnId = codexTurnId(conversationId, prompt);
  return {
    headers: {
      session_id: conversationId,
      'session-id': conversationId,
      'thread-id': conversationId,
      'x-client-request-id': conversationId,
      'x-codex-window-id': windowId,
      'x-codex-routing-hint': `model=${modelId}${serviceTier === 'priority' ? ';tier=priority' : ''}`,
    },
    clientMetadata: {
      session_id: conversationId,
      thread_id: conversationId,
      turn_id: turnId,
      // every turn this package sends is a root turn: it has no sub-agents of its own
      root_turn_id: turnId,
      'x-codex-window-id': windowId,
    },
    turn: { conversationId, turnId },
  };
}

/** The conversation id and model id travel as header values; `fetch` would refuse some. */
function checkHeaderValue(argument: string, value: string): void {
  const problem = headerValueProblem(value);
  if (problem == null) return;
  throw new InvalidArgumentError({
    argument,
    message: `${argument} contains ${problem}, which request headers cannot hold.`,
  });
}
