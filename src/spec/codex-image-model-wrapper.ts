import type { CodexConfig } from '../codex-config';
import { CodexImageModel } from '../image/codex-image-model';
import type { CodexImageModelId, CodexImageModelSettings } from '../image/codex-image-options';

/** What every image spec wrapper shows of the core it wraps: its id, provider and batch size. */
export abstract class CodexImageModelWrapper {
  protected readonly core: CodexImageModel;

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
}
