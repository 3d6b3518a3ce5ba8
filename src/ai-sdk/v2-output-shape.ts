import type {
  LanguageModelV2CallOptions,
  LanguageModelV2CallWarning,
  LanguageModelV2StreamPart,
} from '@ai-sdk/provider';
import type { CodexWarning } from '../common/codex-warning';
import { flatTokenUsage } from '../model/flat-token-usage';
import type { CodexOutputShape } from '../stream/codex-output-shape';

type V2FinishPart = Extract<LanguageModelV2StreamPart, { type: 'finish' }>;

/**
 * V2 (`ai@5`): flat usage numbers, the unified finish reason, warnings as the core finds
 * them but for `unsupported-tool`, which carries the call's tool itself.
 */
export function v2OutputShape(
  tools: LanguageModelV2CallOptions['tools'],
): CodexOutputShape<V2FinishPart, LanguageModelV2CallWarning> {
  return {
    finishPart: ({ unified, usage, providerMetadata }) => {
      const flat = flatTokenUsage(usage);
      const { inputTokens, outputTokens } = flat;
      return {
        type: 'finish',
        finishReason: unified,
        usage: {
          ...flat,
          totalTokens:
            flat.totalTokens ??
            (inputTokens != null && outputTokens != null ? inputTokens + outputTokens : undefined),
        },
        providerMetadata,
      };
    },
    warnings: warnings => warnings.map(warning => toV2Warning(warning, tools)),
  };
}

function toV2Warning(
  warning: CodexWarning,
  tools: LanguageModelV2CallOptions['tools'],
): LanguageModelV2CallWarning {
  if (warning.type !== 'unsupported-tool') return warning;
  const { toolName, details } = warning;
  const tool = tools?.find(t => t.name === toolName);
  return tool != null
    ? { type: 'unsupported-tool', tool, ...(details != null && { details }) }
    : { type: 'other', message: `Tool ${toolName}: ${details ?? 'not sent'}` };
}
