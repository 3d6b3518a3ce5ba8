import type {
  LanguageModelV4,
  LanguageModelV4CallOptions,
  LanguageModelV4GenerateResult,
  LanguageModelV4StreamResult,
} from '@ai-sdk/provider-latest';
import { CodexLanguageModel, type CodexModelSettings } from '../model/codex-language-model';
import type { CodexConfig } from '../provider/codex-config';
import type { CodexModelId } from '../request/codex-provider-options';
import { CodexModelWrapper } from './codex-model-wrapper';
import { v4OutputShape } from './v4-output-shape';

/** AI SDK 7 (`ai@7`), typed with the `@ai-sdk/provider` major that `ai@7` uses. */
export class CodexLanguageModelV4
  extends CodexModelWrapper<CodexLanguageModel>
  implements LanguageModelV4
{
  readonly specificationVersion = 'v4';
  readonly supportedUrls: Record<string, RegExp[]> = this.core.supportedUrls;

  constructor(modelId: CodexModelId, settings: CodexModelSettings, config: CodexConfig) {
    super(new CodexLanguageModel(modelId, settings, config));
  }

  doStream(options: LanguageModelV4CallOptions): PromiseLike<LanguageModelV4StreamResult> {
    return this.core.stream(options, v4OutputShape);
  }

  doGenerate(options: LanguageModelV4CallOptions): PromiseLike<LanguageModelV4GenerateResult> {
    return this.core.generate(options, v4OutputShape);
  }
}
