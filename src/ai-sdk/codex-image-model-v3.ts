import type { ImageModelV3, ImageModelV3CallOptions } from '@ai-sdk/provider-v3';
import { CodexImageModel } from '../image/codex-image-model';
import type { CodexImageModelId, CodexImageModelSettings } from '../image/codex-image-options';
import type { CodexConfig } from '../provider/codex-config';
import { CodexModelWrapper } from './codex-model-wrapper';
import { toV3Warning } from './v3-output-shape';

/** `generateImage` of AI SDK 6 (`ai@6`): input images go to `images/edits`. */
export class CodexImageModelV3 extends CodexModelWrapper<CodexImageModel> implements ImageModelV3 {
  readonly specificationVersion = 'v3';
  readonly maxImagesPerCall: number = this.core.maxImagesPerCall;

  constructor(modelId: CodexImageModelId, settings: CodexImageModelSettings, config: CodexConfig) {
    super(new CodexImageModel(modelId, settings, config));
  }

  async doGenerate(
    options: ImageModelV3CallOptions,
  ): Promise<Awaited<ReturnType<ImageModelV3['doGenerate']>>> {
    const result = await this.core.generate(options);
    return { ...result, warnings: result.warnings.map(toV3Warning) };
  }
}
