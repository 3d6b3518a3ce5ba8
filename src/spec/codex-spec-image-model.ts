import type { ImageModelV2CallWarning } from '@ai-sdk/provider';
import type {
  ImageModelV3,
  ImageModelV3CallOptions,
  ImageModelV4,
  ImageModelV4CallOptions,
  SharedV3Warning,
} from '@ai-sdk/provider-latest';
import type { CodexConfig } from '../codex-config';
import { CodexImageModel } from '../image/codex-image-model';
import type { CodexImageModelId, CodexImageModelSettings } from '../image/codex-image-options';

/**
 * The V3/V4 face of the Codex image model. Both specs pass input images (`files`), which
 * go to `images/edits`; the results are the same shape.
 */
abstract class CodexNextImageModel {
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

  protected async generateNext(options: ImageModelV3CallOptions | ImageModelV4CallOptions) {
    const { images, warnings, providerMetadata, usage, response } = await this.core.generate({
      ...options,
      files: options.files,
      mask: options.mask,
    });
    return {
      images,
      warnings: warnings.map(toV3Warning),
      providerMetadata,
      response,
      ...(usage != null && { usage }),
    };
  }
}

function toV3Warning(warning: ImageModelV2CallWarning): SharedV3Warning {
  return warning.type === 'unsupported-setting'
    ? {
        type: 'unsupported',
        feature: warning.setting,
        ...(warning.details != null && { details: warning.details }),
      }
    : { type: 'other', message: warning.message };
}

/** AI SDK 6 (`generateImage` of `ai@6`). */
export class CodexImageModelV3 extends CodexNextImageModel implements ImageModelV3 {
  readonly specificationVersion = 'v3';

  doGenerate(options: ImageModelV3CallOptions) {
    return this.generateNext(options);
  }
}

/** AI SDK 7 (`generateImage` of `ai@7`). */
export class CodexImageModelV4 extends CodexNextImageModel implements ImageModelV4 {
  readonly specificationVersion = 'v4';
  readonly supportsFileInputs = true;
  // the backend's edit endpoint takes no mask
  readonly supportsMaskInputs = false;

  doGenerate(options: ImageModelV4CallOptions) {
    return this.generateNext(options);
  }
}
