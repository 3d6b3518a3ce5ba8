import { NoSuchModelError } from '@ai-sdk/provider';
import type { ProviderV4 } from '@ai-sdk/provider-latest';
import type { CodexImageModelId, CodexImageModelSettings } from '../image/codex-image-options';
import type { CodexModelSettings } from '../model/codex-language-model';
import { callableProvider } from '../provider/callable-provider';
import type { CodexProviderSettings } from '../provider/codex-provider-settings';
import { createCodexSetup } from '../provider/create-codex-setup';
import type { CodexModelId } from '../request/codex-provider-options';
import { createCodexToolsV3 } from '../tools/codex-tools';
import { CodexImageModelV4 } from './codex-image-model-v4';
import { CodexLanguageModelV4 } from './codex-language-model-v4';
import type { CodexProviderExtras } from './codex-provider-extras';

/** `ai-sdk-provider-codex/v4`'s provider: V4 models for AI SDK 7. */
export interface CodexProviderV4 extends ProviderV4, CodexProviderExtras<'v3'> {
  (modelId: CodexModelId, settings?: CodexModelSettings): CodexLanguageModelV4;
  languageModel(modelId: CodexModelId, settings?: CodexModelSettings): CodexLanguageModelV4;
  embeddingModel(modelId: string): never;
  textEmbeddingModel(modelId: string): never;
  /** An image model (`generateImage`), e.g. `codex.image('gpt-image-1.5')`. */
  image(modelId: CodexImageModelId, settings?: CodexImageModelSettings): CodexImageModelV4;
  imageModel(modelId: CodexImageModelId, settings?: CodexImageModelSettings): CodexImageModelV4;
}

export function createCodex(settings: CodexProviderSettings = {}): CodexProviderV4 {
  const setup = createCodexSetup(settings);
  const languageModel = (modelId: CodexModelId, modelSettings?: CodexModelSettings) =>
    new CodexLanguageModelV4(modelId, setup.modelSettings(modelSettings), setup.config);
  const imageModel = (modelId: CodexImageModelId, imageSettings: CodexImageModelSettings = {}) =>
    new CodexImageModelV4(modelId, imageSettings, setup.config);
  const noEmbeddings = (modelId: string): never => {
    throw new NoSuchModelError({ modelId, modelType: 'textEmbeddingModel' });
  };
  return callableProvider(
    languageModel,
    {
      specificationVersion: 'v4' as const,
      languageModel,
      embeddingModel: noEmbeddings,
      textEmbeddingModel: noEmbeddings,
      image: imageModel,
      imageModel,
      tools: createCodexToolsV3(),
      listModels: setup.listModels,
      getUsage: setup.getUsage,
    },
    setup.sessionId,
  );
}
