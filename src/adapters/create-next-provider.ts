import { NoSuchModelError } from '@ai-sdk/provider';
import type { CodexModelSettings } from '../codex-language-model';
import type { CodexModelInfo } from '../codex-models';
import type { CodexModelId } from '../codex-options';
import { createCodexSetup, type CodexProviderSettings } from '../codex-provider';
import type { CodexConfig } from '../codex-config';

type ModelClass<M> = new (
  modelId: CodexModelId,
  settings: CodexModelSettings,
  config: CodexConfig,
) => M;

export type CodexNextProvider<M, V extends 'v3' | 'v4'> = {
  (modelId: CodexModelId, settings?: CodexModelSettings): M;
  readonly specificationVersion: V;
  languageModel(modelId: CodexModelId, settings?: CodexModelSettings): M;
  embeddingModel(modelId: string): never;
  textEmbeddingModel(modelId: string): never;
  imageModel(modelId: string): never;
  /** The session id this provider sends (also the default `prompt_cache_key`). */
  readonly sessionId: string;
  /** The live model catalog (`GET {baseURL}/models`), cached per provider. */
  listModels(options?: { refresh?: boolean; abortSignal?: AbortSignal }): Promise<CodexModelInfo[]>;
};

/** The `/v3` and `/v4` providers: the same settings and setup as the root entry. */
export function createNextProvider<M, V extends 'v3' | 'v4'>(
  version: V,
  Model: ModelClass<M>,
  settings: CodexProviderSettings,
): CodexNextProvider<M, V> {
  const setup = createCodexSetup(settings);
  const languageModel = (modelId: CodexModelId, modelSettings: CodexModelSettings = {}) =>
    new Model(modelId, modelSettings, setup.config);
  const provider = function (modelId: CodexModelId, modelSettings?: CodexModelSettings) {
    if (new.target)
      throw new Error('The Codex model factory cannot be called with the new keyword.');
    return languageModel(modelId, modelSettings);
  } as unknown as CodexNextProvider<M, V>;
  const noSuchModel =
    (modelType: 'embeddingModel' | 'imageModel') =>
    (modelId: string): never => {
      throw new NoSuchModelError({
        modelId,
        modelType: modelType === 'embeddingModel' ? 'textEmbeddingModel' : modelType,
      });
    };
  Object.assign(provider, {
    languageModel,
    embeddingModel: noSuchModel('embeddingModel'),
    textEmbeddingModel: noSuchModel('embeddingModel'),
    imageModel: noSuchModel('imageModel'),
    listModels: setup.listModels,
  });
  Object.defineProperty(provider, 'specificationVersion', { value: version, enumerable: true });
  Object.defineProperty(provider, 'sessionId', { value: setup.config.sessionId, enumerable: true });
  return provider;
}
