import type { LanguageModelV4, LanguageModelV4CallOptions } from '@ai-sdk/provider-latest';
import type { CodexConfig } from '../provider/codex-config';
import type { CodexModelSettings } from '../model/codex-language-model';
import type { CodexModelId } from '../request/codex-provider-options';
import { CodexSpecLanguageModel } from './codex-spec-language-model';
import { v4OutputShape } from './v3-output-shape';

/** AI SDK 7 (`ai@7`), typed with the `@ai-sdk/provider` major that `ai@7` uses. */
export class CodexLanguageModelV4
  extends CodexSpecLanguageModel<
    LanguageModelV4CallOptions,
    Awaited<ReturnType<LanguageModelV4['doStream']>>,
    Awaited<ReturnType<LanguageModelV4['doGenerate']>>
  >
  implements LanguageModelV4
{
  readonly specificationVersion = 'v4';

  constructor(modelId: CodexModelId, settings: CodexModelSettings, config: CodexConfig) {
    super(modelId, settings, config, v4OutputShape);
  }
}
