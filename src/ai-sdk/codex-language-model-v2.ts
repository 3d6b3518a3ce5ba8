import type { LanguageModelV2, LanguageModelV2CallOptions } from '@ai-sdk/provider';
import { CodexLanguageModel, type CodexModelSettings } from '../model/codex-language-model';
import type { CodexConfig } from '../provider/codex-config';
import type { CodexModelId } from '../request/codex-provider-options';
import { CodexModelWrapper } from './codex-model-wrapper';
import { v2OutputShape } from './v2-output-shape';

/** AI SDK 5 (`ai@5`): V2's call options are the core's as they are. */
export class CodexLanguageModelV2
  extends CodexModelWrapper<CodexLanguageModel>
  implements LanguageModelV2
{
  readonly specificationVersion = 'v2';
  readonly supportedUrls: Record<string, RegExp[]> = this.core.supportedUrls;

  constructor(modelId: CodexModelId, settings: CodexModelSettings, config: CodexConfig) {
    super(new CodexLanguageModel(modelId, settings, config));
  }

  doStream(options: LanguageModelV2CallOptions): ReturnType<LanguageModelV2['doStream']> {
    return this.core.stream(options, v2OutputShape(options.tools));
  }

  doGenerate(options: LanguageModelV2CallOptions): ReturnType<LanguageModelV2['doGenerate']> {
    return this.core.generate(options, v2OutputShape(options.tools));
  }
}
