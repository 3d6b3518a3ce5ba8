import {
  NoSuchModelError,
  type ImageModelV2,
  type LanguageModelV2,
  type ProviderV2,
} from '@ai-sdk/provider';
import type { CodexImageModelId, CodexImageModelSettings } from '../image/codex-image-options';
import type { CodexModelSettings } from '../model/codex-language-model';
import { callableProvider } from '../provider/callable-provider';
import type { CodexProviderSettings } from '../provider/codex-provider-settings';
import { createCodexSetup } from '../provider/create-codex-setup';
import type { CodexModelId } from '../request/codex-provider-options';
import { createCodexToolsV2 } from '../tools/codex-tools';
import { CodexImageModelV2 } from './codex-image-model-v2';
import { CodexLanguageModelV2 } from './codex-language-model-v2';
import type { CodexProviderExtras } from './codex-provider-extras';

/** The root entry's provider: V2 models for AI SDK 5. */
export interface CodexProvider extends ProviderV2, CodexProviderExtras<'v2'> {
  (modelId: CodexModelId, settings?: CodexModelSettings): LanguageModelV2;
  languageModel(modelId: CodexModelId, settings?: CodexModelSettings): LanguageModelV2;
  /** An image model (`experimental_generateImage`), e.g. `codex.image('gpt-image-1.5')`. */
  image(modelId: CodexImageModelId, settings?: CodexImageModelSettings): ImageModelV2;
  imageModel(modelId: CodexImageModelId, settings?: CodexImageModelSettings): ImageModelV2;
}

export function createCodex(settings: CodexProviderSettings = {}): CodexProvider {
  const setup = createCodexSetup(settings);
  const languageModel = (modelId: CodexModelId, modelSettings?: CodexModelSettings) =>
    new CodexLanguageModelV2(modelId, setup.modelSettings(modelSettings), setup.config);
  const imageModel = (modelId: CodexImageModelId, imageSettings: CodexImageModelSettings = {}) =>
    new CodexImageModelV2(modelId, imageSettings, setup.config);
  return callableProvider(
    languageModel,
    {
      languageModel,
      textEmbeddingModel: (modelId: string): never => {
        throw new NoSuchModelError({ modelId, modelType: 'textEmbeddingModel' });
      },
      image: imageModel,
      imageModel,
      tools: createCodexToolsV2(),
      listModels: setup.listModels,
      getUsage: setup.getUsage,
    },
    setup.sessionId,
  );
}
