import type { CodexModelSettings } from '../codex-language-model';
import type { CodexModelInfo } from '../codex-model-catalog';
import type { CodexUsage } from '../account/parse-codex-usage';
import type { CodexModelId } from '../request/codex-provider-options';
import { assembleCodexProvider, type CodexProviderSettings } from '../codex-provider';
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
  /** The account's plan, quota windows and credits (`GET {chatgpt base}/wham/usage`). */
  getUsage(options?: { abortSignal?: AbortSignal }): Promise<CodexUsage>;
};

/** The `/v3` and `/v4` providers: the same settings and setup as the root entry. */
export function createNextProvider<M, V extends 'v3' | 'v4'>(
  version: V,
  Model: ModelClass<M>,
  settings: CodexProviderSettings,
): CodexNextProvider<M, V> {
  return assembleCodexProvider(settings, Model, version);
}
