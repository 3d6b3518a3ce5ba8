import type { ImageModelV2CallWarning } from '@ai-sdk/provider';
import type { SharedV3Warning } from '@ai-sdk/provider-v3';
import type { CodexImageFile } from '../image/build-codex-image-request';
import type { CodexConfig } from '../provider/codex-config';
import { CodexImageModel } from '../image/codex-image-model';
import type { CodexImageModelId, CodexImageModelSettings } from '../image/codex-image-options';
import { CodexModelWrapper } from './codex-model-wrapper';

/** What V3 and V4 image calls share (both pass input images as `files`). */
type SpecImageCallOptions = {
  prompt: string | undefined;
  n: number;
  size: `${number}x${number}` | undefined;
  aspectRatio: `${number}:${number}` | undefined;
  seed: number | undefined;
  files: CodexImageFile[] | undefined;
  mask: CodexImageFile | undefined;
  providerOptions: Record<string, Record<string, unknown>>;
  abortSignal?: AbortSignal;
  headers?: Record<string, string | undefined>;
};

/**
 * The V3/V4 face of the one Codex image model: input images go to `images/edits`, and
 * warnings take the newer specs' `unsupported` form. V3 and V4 results have one shape.
 */
export abstract class CodexSpecImageModel<
  CallOptions extends SpecImageCallOptions,
> extends CodexModelWrapper<CodexImageModel> {
  readonly maxImagesPerCall: number;

  constructor(modelId: CodexImageModelId, settings: CodexImageModelSettings, config: CodexConfig) {
    super(new CodexImageModel(modelId, settings, config));
    this.maxImagesPerCall = this.core.maxImagesPerCall;
  }

  async doGenerate(options: CallOptions) {
    const { images, warnings, providerMetadata, usage, response } =
      await this.core.generate(options);
    return {
      images,
      warnings: warnings.map(toSpecWarning),
      providerMetadata,
      response,
      ...(usage != null && { usage }),
    };
  }
}

function toSpecWarning(warning: ImageModelV2CallWarning): SharedV3Warning {
  return warning.type === 'unsupported-setting'
    ? {
        type: 'unsupported',
        feature: warning.setting,
        ...(warning.details != null && { details: warning.details }),
      }
    : { type: 'other', message: warning.message };
}
