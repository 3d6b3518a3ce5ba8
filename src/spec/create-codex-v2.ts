import type { ImageModelV2, LanguageModelV2, ProviderV2 } from '@ai-sdk/provider';
import type { CodexModelSettings } from '../codex-language-model';
import type { CodexModelInfo } from '../codex-model-catalog';
import type { CodexUsage } from '../account/parse-codex-usage';
import { assembleCodexProvider, type CodexProviderSettings } from '../codex-provider';
import type { CodexModelId } from '../request/codex-provider-options';
import type { CodexImageModelId, CodexImageModelSettings } from '../image/codex-image-options';
import type { CodexTools } from '../tools/codex-tools';
import { CodexImageModelV2 } from './codex-image-model-v2';
import { CodexLanguageModelV2 } from './codex-language-model-v2';

/** The root entry's provider: V2 models for AI SDK 5. */
export interface CodexProvider extends ProviderV2 {
  (modelId: CodexModelId, settings?: CodexModelSettings): LanguageModelV2;
  languageModel(modelId: CodexModelId, settings?: CodexModelSettings): LanguageModelV2;
  /** An image model (`experimental_generateImage`), e.g. `codex.image('gpt-image-1.5')`. */
  image(modelId: CodexImageModelId, settings?: CodexImageModelSettings): ImageModelV2;
  imageModel(modelId: CodexImageModelId, settings?: CodexImageModelSettings): ImageModelV2;
  /** The backend's own tools: web search, freeform (`custom`), `apply_patch`, local shell. */
  readonly tools: CodexTools<'v2'>;
  /** The session id this provider sends (also the default `prompt_cache_key`). */
  readonly sessionId: string;
  /**
   * The live model catalog for this account (`GET {baseURL}/models`), fetched once per
   * provider; `refresh: true` fetches it again.
   */
  listModels(options?: {
    refresh?: boolean | undefined;
    abortSignal?: AbortSignal | undefined;
  }): Promise<CodexModelInfo[]>;
  /**
   * The account's plan, quota windows (short ≈5 h and weekly) and credits, from
   * `GET {chatgpt base}/wham/usage`; not cached.
   */
  getUsage(options?: { abortSignal?: AbortSignal | undefined }): Promise<CodexUsage>;
}

export function createCodex(settings: CodexProviderSettings = {}): CodexProvider {
  return assembleCodexProvider(settings, CodexLanguageModelV2, CodexImageModelV2);
}
