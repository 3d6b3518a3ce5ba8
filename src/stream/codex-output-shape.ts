import type {
  LanguageModelV2CallWarning,
  LanguageModelV2StreamPart,
  SharedV2ProviderMetadata,
} from '@ai-sdk/provider';
import type { CodexUsage } from '../codex-responses-api';

/** Finish reasons every spec version shares. */
export type CodexUnifiedFinishReason =
  'stop' | 'length' | 'content-filter' | 'tool-calls' | 'error' | 'other';

/** How a response ended, before any spec version's shape is put on it. */
export type CodexFinish = {
  unified: CodexUnifiedFinishReason;
  /** What the backend said: `completed`, the incomplete reason, or the error code. */
  raw: string | undefined;
  usage: CodexUsage | undefined;
  providerMetadata: SharedV2ProviderMetadata;
};

/**
 * The few places where spec versions differ on the way out: the `finish` part (usage and
 * finish reason) and the call warnings. Content parts are the same in V2, V3 and V4, so
 * the pipeline is typed with V2 parts and a V3/V4 shape's `finish` travels through it as
 * one (the adapters cast at their boundary).
 */
export type CodexOutputShape = {
  finishPart(finish: CodexFinish): LanguageModelV2StreamPart;
  warnings(warnings: LanguageModelV2CallWarning[]): unknown[];
};

export const v2OutputShape: CodexOutputShape = {
  finishPart: ({ unified, usage, providerMetadata }): LanguageModelV2StreamPart => {
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
