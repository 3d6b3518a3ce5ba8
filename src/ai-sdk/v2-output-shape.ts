import type { LanguageModelV2CallWarning, LanguageModelV2StreamPart } from '@ai-sdk/provider';
import type { CodexOutputShape } from '../stream/codex-output-shape';

type V2FinishPart = Extract<LanguageModelV2StreamPart, { type: 'finish' }>;

/** V2 (`ai@5`): flat usage numbers, the unified finish reason, warnings as the core finds them. */
export const v2OutputShape: CodexOutputShape<V2FinishPart, LanguageModelV2CallWarning> = {
  finishPart: ({ unified, usage, providerMetadata }) => {
    const inputTokens = usage?.input_tokens ?? undefined;
    const outputTokens = usage?.output_tokens ?? undefined;
    return {
      type: 'finish',
      finishReason: unified,
      usage: {
        inputTokens,
        outputTokens,
        totalTokens:
          usage?.total_tokens ??
          (inputTokens != null && outputTokens != null ? inputTokens + outputTokens : undefined),
        reasoningTokens: usage?.output_tokens_details?.reasoning_tokens ?? undefined,
        cachedInputTokens: usage?.input_tokens_details?.cached_tokens ?? undefined,
      },
      providerMetadata,
    };
  },
  warnings: warnings => warnings,
};
