import type {
  JSONObject,
  LanguageModelV3StreamPart,
  LanguageModelV3Usage,
  SharedV3Warning,
} from '@ai-sdk/provider-v3';
import type { CodexWarning } from '../common/codex-warning';
import { flatTokenUsage } from '../model/flat-token-usage';
import type { CodexOutputShape } from '../stream/codex-output-shape';
import type { CodexFinish } from '../stream/codex-stream-part';
import type { CodexTokenUsage } from '../wire/codex-events';

type V3FinishPart = Extract<LanguageModelV3StreamPart, { type: 'finish' }>;

/**
 * V3 (`ai@6`): nested token usage, a `{ unified, raw }` finish reason and
 * `unsupported`/`other` warnings.
 */
export const v3OutputShape: CodexOutputShape<V3FinishPart, SharedV3Warning> = {
  finishPart: toV3FinishPart,
  warnings: warnings => warnings.map(toV3Warning),
};

export function toV3FinishPart({
  unified,
  raw,
  usage,
  providerMetadata,
}: CodexFinish): V3FinishPart {
  return {
    type: 'finish',
    finishReason: { unified, raw },
    usage: toV3Usage(usage),
    providerMetadata,
  };
}

function toV3Usage(usage: CodexTokenUsage | undefined): LanguageModelV3Usage {
  const { inputTokens, outputTokens, reasoningTokens, cachedInputTokens } = flatTokenUsage(usage);
  return {
    inputTokens: {
      total: inputTokens,
      noCache: inputTokens != null ? inputTokens - (cachedInputTokens ?? 0) : undefined,
      cacheRead: cachedInputTokens,
      cacheWrite: undefined,
    },
    outputTokens: {
      total: outputTokens,
      text: outputTokens != null ? outputTokens - (reasoningTokens ?? 0) : undefined,
      reasoning: reasoningTokens,
    },
    // the backend's usage object, parsed from the event's JSON: JSON through and through
    ...(usage != null && { raw: usage as JSONObject }),
  };
}

/** A call's warning (an image call's too) as V3 and V4 spell it. */
export function toV3Warning(warning: CodexWarning): SharedV3Warning {
  if (warning.type === 'other') return warning;
  const { details } = warning;
  return {
    type: 'unsupported',
    feature: warning.type === 'unsupported-tool' ? `tool ${warning.toolName}` : warning.setting,
    ...(details != null && { details }),
  };
}
