import type { ImageModelV2, ImageModelV2CallOptions } from '@ai-sdk/provider';
import { CodexImageModelWrapper } from './codex-image-model-wrapper';

/** `ImageModelV2` for AI SDK 5 (`experimental_generateImage`): generations only. */
export class CodexImageModelV2 extends CodexImageModelWrapper implements ImageModelV2 {
  readonly specificationVersion = 'v2';

  async doGenerate(options: ImageModelV2CallOptions) {
    const { images, warnings, providerMetadata, response } = await this.core.generate(options);
    return { images, warnings, providerMetadata, response };
  }
}
