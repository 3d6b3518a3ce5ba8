import type { ImageModelV2, ImageModelV2CallOptions } from '@ai-sdk/provider';
import { CodexImageModel } from '../image/codex-image-model';
import type { CodexImageModelId, CodexImageModelSettings } from '../image/codex-image-options';
import type { CodexConfig } from '../provider/codex-config';
import { CodexModelWrapper } from './codex-model-wrapper';

/** `ImageModelV2` for AI SDK 5 (`experimental_generateImage`): generations only. */
export class CodexImageModelV2 extends CodexModelWrapper<CodexImageModel> implements ImageModelV2 {
  readonly specificationVersion = 'v2';
  readonly maxImagesPerCall: number = this.core.maxImagesPerCall;

  constructor(modelId: CodexImageModelId, settings: CodexImageModelSettings, config: CodexConfig) {
    super(new CodexImageModel(modelId, settings, config));
  }

  // the core's result is V2's (plus the usage V3 added, which AI SDK 5 does not read)
  doGenerate(
    options: ImageModelV2CallOptions,
  ): Promise<Awaited<ReturnType<ImageModelV2['doGenerate']>>> {
    return this.core.generate(options);
  }
}
