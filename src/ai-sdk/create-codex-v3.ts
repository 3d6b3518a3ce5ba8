import { NoSuchModelError } from '@ai-sdk/provider';
import type { ProviderV3 } from '@ai-sdk/provider-v3';
import type { CodexImageModelId, CodexImageModelSettings } from '../image/codex-image-options';
import type { CodexModelSettings } from '../model/codex-language-model';
import { callableProvider } from '../provider/callable-provider';
import type { CodexProviderSettings } from '../provider/codex-provider-settings';
import { createCodexSetup } from '../provider/create-codex-setup';
import type { CodexModelId } from '../request/codex-provider-options';
import { createCodexToolsV3 } from '../tools/codex-tools';
import { CodexImageModelV3 } from './codex-image-model-v3';
import { CodexLanguageModelV3 } from './codex-language-model-v3';
import type { CodexProviderExtras } from './codex-provider-extras';

/** `ai-sdk-provider-codex/v3`'s provider: V3 models for AI SDK 6. */
export interface CodexProviderV3 extends ProviderV3, CodexProviderExtras<'v3'> {
  (modelId: CodexModelId, settings?: CodexModelSettings): CodexLanguageModelV3;
  languageModel(modelId: CodexModelId, settings?: CodexModelSettings): CodexLanguageModelV3;
  embeddingModel(modelId: string): never;
  textEmbeddingModel(modelId: string): never;
  /** An image model (`generateImage`), e.g. `codex.image('gpt-image-1.5')`. */
  image(modelId: CodexImageModelId, settings?: CodexImageModelSettings): CodexImageModelV3;
  imageModel(modelId: CodexImageModelId, settings?: CodexImageModelSettings): CodexImageModelV3;
}

export function createCodex(settings: CodexProviderSettings = {}): CodexProviderV3 {
  const setup = createCodexSetup(settings);
  const languageModel = (modelId: CodexModelId, modelSettings?: CodexModelSettings) =>
    new CodexLanguageModelV3(modelId, setup.modelSettings(modelSettings), setup.config);
  const imageModel = (modelId: CodexImageModelId, imageSettings: CodexImageModelSettings = {}) =>
    new CodexImageModelV3(modelId, imageSettings, setup.config);
  const noEmbeddings = (modelId: string): never => {
    throw new NoSuchModelError({ modelId, modelType: 'textEmbeddingModel' });
  };
  return callableProvider(
    languageModel,
    {
      specificationVersion: 'v3' as const,
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
