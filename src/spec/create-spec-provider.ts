import type { CodexModelSettings } from '../codex-language-model';
import type { CodexModelInfo } from '../codex-model-catalog';
import type { CodexUsage } from '../account/parse-codex-usage';
import type { CodexModelId } from '../request/codex-provider-options';
import { assembleCodexProvider, type CodexProviderSettings } from '../codex-provider';
import type { CodexConfig } from '../codex-config';
import type { CodexImageModelId, CodexImageModelSettings } from '../image/codex-image-options';
import type { CodexTools } from '../tools/codex-tools';

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

export type CodexNextProvider<M, V extends 'v3' | 'v4', IM = unknown> = {
  (modelId: CodexModelId, settings?: CodexModelSettings): M;
  readonly specificationVersion: V;
  languageModel(modelId: CodexModelId, settings?: CodexModelSettings): M;
  embeddingModel(modelId: string): never;
  textEmbeddingModel(modelId: string): never;
  /** An image model (`generateImage`), e.g. `codex.image('gpt-image-1.5')`. */
  image(modelId: CodexImageModelId, settings?: CodexImageModelSettings): IM;
  imageModel(modelId: CodexImageModelId, settings?: CodexImageModelSettings): IM;
  /** The backend's own tools: web search, freeform (`custom`), `apply_patch`, local shell. */
  readonly tools: CodexTools<'next'>;
  /** The session id this provider sends (also the default `prompt_cache_key`). */
  readonly sessionId: string;
  /** The live model catalog (`GET {baseURL}/models`), cached per provider. */
  listModels(options?: {
    refresh?: boolean | undefined;
    abortSignal?: AbortSignal | undefined;
  }): Promise<CodexModelInfo[]>;
  /** The account's plan, quota windows and credits (`GET {chatgpt base}/wham/usage`). */
  getUsage(options?: { abortSignal?: AbortSignal | undefined }): Promise<CodexUsage>;
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
