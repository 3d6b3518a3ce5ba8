import type {
  JSONObject,
  LanguageModelV3StreamPart,
  LanguageModelV3Usage,
  SharedV3Warning,
} from '@ai-sdk/provider-v3';
import type { CodexWarning } from '../common/codex-warning';
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
    // the backend's usage object, parsed from the event's JSON: JSON through and through
    ...(usage != null && { raw: usage as JSONObject }),
  };
}

export function toV3Warning(warning: CodexWarning): SharedV3Warning {
  switch (warning.type) {
    case 'unsupported-setting':
      return {
        type: 'unsupported',
        feature: warning.setting,
        ...(warning.details != null && { details: warning.details }),
      };
    case 'unsupported-tool':
      return {
        type: 'unsupported',
        feature: `tool ${warning.toolName}`,
        ...(warning.details != null && { details: warning.details }),
      };
    case 'other':
      return { type: 'other', message: warning.message };
  }
}
