import type {
  LanguageModelV3,
  LanguageModelV3CallOptions,
  LanguageModelV3GenerateResult,
  LanguageModelV3StreamResult,
} from '@ai-sdk/provider-v3';
import { CodexLanguageModel, type CodexModelSettings } from '../model/codex-language-model';
import type { CodexConfig } from '../provider/codex-config';
import type { CodexModelId } from '../request/codex-provider-options';
import { CodexModelWrapper } from './codex-model-wrapper';
import { v3OutputShape } from './v3-output-shape';

/** AI SDK 6 (`ai@6`), typed with the `@ai-sdk/provider` major that `ai@6` uses. */
export class CodexLanguageModelV3
  extends CodexModelWrapper<CodexLanguageModel>
  implements LanguageModelV3
{
  readonly specificationVersion = 'v3';
  readonly supportedUrls: Record<string, RegExp[]> = this.core.supportedUrls;

  constructor(modelId: CodexModelId, settings: CodexModelSettings, config: CodexConfig) {
    super(new CodexLanguageModel(modelId, settings, config));
  }

  doStream(options: LanguageModelV3CallOptions): PromiseLike<LanguageModelV3StreamResult> {
    return this.core.stream(options, v3OutputShape);
  }

  doGenerate(options: LanguageModelV3CallOptions): PromiseLike<LanguageModelV3GenerateResult> {
    return this.core.generate(options, v3OutputShape);
  }
}
