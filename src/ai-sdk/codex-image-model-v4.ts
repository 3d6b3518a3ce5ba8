import type { ImageModelV4, ImageModelV4CallOptions } from '@ai-sdk/provider-latest';
import { CodexImageModel } from '../image/codex-image-model';
import type { CodexImageModelId, CodexImageModelSettings } from '../image/codex-image-options';
import type { CodexConfig } from '../provider/codex-config';
import { CodexModelWrapper } from './codex-model-wrapper';
import { toV3Warning } from './v3-output-shape';

/** `generateImage` of AI SDK 7 (`ai@7`): input images go to `images/edits`. */
export class CodexImageModelV4 extends CodexModelWrapper<CodexImageModel> implements ImageModelV4 {
  readonly specificationVersion = 'v4';
  readonly maxImagesPerCall: number = this.core.maxImagesPerCall;
  readonly supportsFileInputs = true;
  // the backend's edit endpoint takes no mask
  readonly supportsMaskInputs = false;

  constructor(modelId: CodexImageModelId, settings: CodexImageModelSettings, config: CodexConfig) {
    super(new CodexImageModel(modelId, settings, config));
  }

  async doGenerate(
    options: ImageModelV4CallOptions,
  ): Promise<Awaited<ReturnType<ImageModelV4['doGenerate']>>> {
    const result = await this.core.generate(options);
    return { ...result, warnings: result.warnings.map(toV3Warning) };
  }
}
