import type { ImageModelV2, ImageModelV2CallOptions } from '@ai-sdk/provider';
import type { CodexConfig } from '../codex-config';
import { CodexImageModel } from '../image/codex-image-model';
import type { CodexImageModelId, CodexImageModelSettings } from '../image/codex-image-options';

/** `ImageModelV2` for AI SDK 5 (`experimental_generateImage`): generations only. */
export class CodexImageModelV2 implements ImageModelV2 {
  readonly specificationVersion = 'v2';
  private readonly core: CodexImageModel;

  constructor(modelId: CodexImageModelId, settings: CodexImageModelSettings, config: CodexConfig) {
    this.core = new CodexImageModel(modelId, settings, config);
  }

  get modelId(): string {
    return this.core.modelId;
  }

  get provider(): string {
    return this.core.provider;
  }

  get maxImagesPerCall(): number {
    return this.core.maxImagesPerCall;
  }

  async doGenerate(options: ImageModelV2CallOptions) {
    const { images, warnings, providerMetadata, response } = await this.core.generate(options);
    return { images, warnings, providerMetadata, response };
  }
}
