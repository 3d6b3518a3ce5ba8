import type { ImageModelV2, LanguageModelV2, ProviderV2 } from '@ai-sdk/provider';
import type { CodexModelSettings } from '../model/codex-language-model';
import { assembleCodexProvider, type CodexProviderSettings } from '../provider/codex-provider';
import type { CodexModelId } from '../request/codex-provider-options';
import type { CodexImageModelId, CodexImageModelSettings } from '../image/codex-image-options';
import type { CodexProviderExtras } from './codex-provider-extras';
import { CodexImageModelV2 } from './codex-image-model-v2';
import { CodexLanguageModelV2 } from './codex-language-model-v2';

/** The root entry's provider: V2 models for AI SDK 5. */
export interface CodexProvider extends ProviderV2, CodexProviderExtras<'v2'> {
  (modelId: CodexModelId, settings?: CodexModelSettings): LanguageModelV2;
  languageModel(modelId: CodexModelId, settings?: CodexModelSettings): LanguageModelV2;
  /** An image model (`experimental_generateImage`), e.g. `codex.image('gpt-image-1.5')`. */
  image(modelId: CodexImageModelId, settings?: CodexImageModelSettings): ImageModelV2;
  imageModel(modelId: CodexImageModelId, settings?: CodexImageModelSettings): ImageModelV2;
}

export function createCodex(settings: CodexProviderSettings = {}): CodexProvider {
  return assembleCodexProvider(settings, CodexLanguageModelV2, CodexImageModelV2);
}
