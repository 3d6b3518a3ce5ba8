import type {
  JSONObject,
  LanguageModelV3StreamPart,
  LanguageModelV3Usage,
  SharedV3Warning,
} from '@ai-sdk/provider-v3';
import type { LanguageModelV4StreamPart, SharedV4Warning } from '@ai-sdk/provider-latest';
import type { CodexTokenUsage } from '../wire/codex-events';
import type { CodexCallWarning, CodexFinish, CodexOutputShape } from '../stream/codex-output-shape';

type V3FinishPart = Extract<LanguageModelV3StreamPart, { type: 'finish' }>;
type V4FinishPart = Extract<LanguageModelV4StreamPart, { type: 'finish' }>;

/**
 * V3 (`ai@6`): nested token usage, a `{ unified, raw }` finish reason and
 * `unsupported`/`other` warnings.
 */
export const v3OutputShape: CodexOutputShape<V3FinishPart, SharedV3Warning> = {
  finishPart: toFinishPart,
  warnings: warnings => warnings.map(toWarning),
};

/**
 * V4 (`ai@7`) agrees with V3 on everything a shape covers (it only adds finish reasons and
 * warning kinds that Codex never produces), so the same functions serve, type-checked
 * against V4's own declarations.
 */
export const v4OutputShape: CodexOutputShape<V4FinishPart, SharedV4Warning> = v3OutputShape;

function toFinishPart({ unified, raw, usage, providerMetadata }: CodexFinish): V3FinishPart {
  return {
    type: 'finish',
    finishReason: { unified, raw },
    usage: toNextUsage(usage),
    providerMetadata,
  };
}

function toNextUsage(usage: CodexTokenUsage | undefined): LanguageModelV3Usage {
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
    // the backend's usage object, which is JSON as it came off the wire
    ...(usage != null && { raw: usage as JSONObject }),
  };
}

function toWarning(w: CodexCallWarning): SharedV3Warning {
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
}
