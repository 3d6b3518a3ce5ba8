import type {
  LanguageModelV2,
  LanguageModelV2CallOptions,
  LanguageModelV2StreamPart,
} from '@ai-sdk/provider';
import type { CodexConfig } from '../provider/codex-config';
import { CodexLanguageModel, type CodexModelSettings } from '../model/codex-language-model';
import type { CodexRequestBody } from '../wire/codex-request-body';
import type { CodexModelId } from '../request/codex-provider-options';
import { CodexModelWrapper } from './codex-model-wrapper';
import { v2OutputShape } from './v2-output-shape';

/** AI SDK 5 (`ai@5`): the core's own call options and content parts are V2's. */
export class CodexLanguageModelV2
  extends CodexModelWrapper<CodexLanguageModel>
  implements LanguageModelV2
{
  readonly specificationVersion = 'v2';
  readonly supportedUrls: Record<string, RegExp[]>;

  constructor(modelId: CodexModelId, settings: CodexModelSettings, config: CodexConfig) {
    super(new CodexLanguageModel(modelId, settings, config));
    this.supportedUrls = this.core.supportedUrls;
  }

  doStream(options: LanguageModelV2CallOptions): Promise<{
    stream: ReadableStream<LanguageModelV2StreamPart>;
    request: { body: CodexRequestBody };
    response: { headers: Record<string, string> };
  }> {
    return this.core.stream(options, v2OutputShape);
  }

  doGenerate(options: LanguageModelV2CallOptions) {
    return this.core.generate(options, v2OutputShape);
  }
}
