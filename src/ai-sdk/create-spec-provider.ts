import type { CodexModelSettings } from '../model/codex-language-model';
import type { CodexModelId } from '../request/codex-provider-options';
import { assembleCodexProvider, type CodexProviderSettings } from '../provider/codex-provider';
import type { CodexConfig } from '../provider/codex-config';
import type { CodexImageModelId, CodexImageModelSettings } from '../image/codex-image-options';
import type { CodexProviderExtras } from './codex-provider-extras';

type ModelClass<M> = new (
  modelId: CodexModelId,
  settings: CodexModelSettings,
  config: CodexConfig,
) => M;

type ImageModelClass<IM> = new (
  modelId: CodexImageModelId,
  settings: CodexImageModelSettings,
  config: CodexConfig,
) => IM;

export type CodexNextProvider<
  M,
  V extends 'v3' | 'v4',
  IM = unknown,
> = CodexProviderExtras<'next'> & {
  (modelId: CodexModelId, settings?: CodexModelSettings): M;
  readonly specificationVersion: V;
  languageModel(modelId: CodexModelId, settings?: CodexModelSettings): M;
  embeddingModel(modelId: string): never;
  textEmbeddingModel(modelId: string): never;
  /** An image model (`generateImage`), e.g. `codex.image('gpt-image-1.5')`. */
  image(modelId: CodexImageModelId, settings?: CodexImageModelSettings): IM;
  imageModel(modelId: CodexImageModelId, settings?: CodexImageModelSettings): IM;
};

/** The `/v3` and `/v4` providers: the same settings and setup as the root entry. */
export function createNextProvider<M, V extends 'v3' | 'v4', IM>(
  version: V,
  Model: ModelClass<M>,
  ImageModel: ImageModelClass<IM>,
  settings: CodexProviderSettings,
): CodexNextProvider<M, V, IM> {
  return assembleCodexProvider(settings, Model, ImageModel, version);
}
