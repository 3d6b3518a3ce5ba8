import type { CodexTokenUsage } from '../wire/codex-events';

/**
 * The backend's usage as flat counts, named as AI SDK 5's usage names them (and
 * `providerMetadata.codex.compactionUsage`); a count the backend did not send is `undefined`.
 */
export function flatTokenUsage(usage: CodexTokenUsage | undefined) {
  return {
    inputTokens: usage?.input_tokens ?? undefined,
    outputTokens: usage?.output_tokens ?? undefined,
    totalTokens: usage?.total_tokens ?? undefined,
    reasoningTokens: usage?.output_tokens_details?.reasoning_tokens ?? undefined,
    cachedInputTokens: usage?.input_tokens_details?.cached_tokens ?? undefined,
  };
}
