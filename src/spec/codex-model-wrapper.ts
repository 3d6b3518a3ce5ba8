import type { CodexConfig } from '../codex-config';
import { CodexLanguageModel, type CodexModelSettings } from '../codex-language-model';
import type { CodexModelId } from '../request/codex-provider-options';

/** What every spec wrapper shows of the core it wraps: its id, provider and URL support. */
export abstract class CodexModelWrapper {
  protected readonly core: CodexLanguageModel;

  constructor(modelId: CodexModelId, settings: CodexModelSettings, config: CodexConfig) {
    this.core = new CodexLanguageModel(modelId, settings, config);
  }

  get modelId(): CodexModelId {
    return this.core.modelId;
  }

  get provider(): string {
    return this.core.provider;
  }

  get supportedUrls(): Record<string, RegExp[]> {
    return this.core.supportedUrls;
  }
}
