import type { LanguageModelV2StreamPart } from '@ai-sdk/provider';
import type {
  JSONObject,
  LanguageModelV3StreamPart,
  LanguageModelV3Usage,
  SharedV3Warning,
} from '@ai-sdk/provider-latest';
import type { CodexUsage } from '../codex-responses-api';
import type { CodexOutputShape } from '../stream/codex-output-shape';

// V3 and V4 agree on everything the shape covers (V4 only adds finish reasons and warning
// kinds that Codex never produces), so one shape serves both.

export function toV3Usage(usage: CodexUsage | undefined): LanguageModelV3Usage {
  const input = usage?.input_tokens ?? undefined;
  const cacheRead = usage?.input_tokens_details?.cached_tokens ?? undefined;
  const output = usage?.output_tokens ?? undefined;
  const reasoning = usage?.output_tokens_details?.reasoning_tokens ?? undefined;
  return {
    inputTokens: {
      total: input,
      noCache: input != null ? input - (cacheRead ?? 0) : undefined,
      cacheRead,
      cacheWrite: undefined,
    },
    outputTokens: {
      total: output,
      text: output != null ? output - (reasoning ?? 0) : undefined,
      reasoning,
    },
    ...(usage != null && { raw: usage as JSONObject }),
  };
}

export const v3OutputShape: CodexOutputShape = {
  finishPart: ({ unified, raw, usage, providerMetadata }) => {
    const part: LanguageModelV3StreamPart = {
      type: 'finish',
      finishReason: { unified, raw },
      usage: toV3Usage(usage),
      providerMetadata,
    };
    // travels through the V2-typed pipeline; content parts are identical across versions
    return part as unknown as LanguageModelV2StreamPart;
  },
  warnings: warnings =>
    warnings.map((w): SharedV3Warning => {
      switch (w.type) {
        case 'unsupported-setting':
          return {
            type: 'unsupported',
            feature: String(w.setting),
            ...(w.details != null && { details: w.details }),
          };
        case 'unsupported-tool':
          return {
            type: 'unsupported',
            feature: `tool ${'name' in w.tool ? w.tool.name : 'unknown'}`,
            ...(w.details != null && { details: w.details }),
          };
        case 'other':
          return { type: 'other', message: w.message };
      }
    }),
};
