import type { LanguageModelV3, LanguageModelV3CallOptions } from '@ai-sdk/provider-v3';
import type { CodexConfig } from '../provider/codex-config';
import type { CodexModelSettings } from '../model/codex-language-model';
import type { CodexModelId } from '../request/codex-provider-options';
import { CodexSpecLanguageModel } from './codex-spec-language-model';
import { v3OutputShape } from './v3-output-shape';

/** AI SDK 6 (`ai@6`), typed with the `@ai-sdk/provider` major that `ai@6` uses. */
export class CodexLanguageModelV3
  extends CodexSpecLanguageModel<
    LanguageModelV3CallOptions,
    Awaited<ReturnType<LanguageModelV3['doStream']>>,
    Awaited<ReturnType<LanguageModelV3['doGenerate']>>
  >
  implements LanguageModelV3
{
  readonly specificationVersion = 'v3';

  constructor(modelId: CodexModelId, settings: CodexModelSettings, config: CodexConfig) {
    super(modelId, settings, config, v3OutputShape);
  }
}
