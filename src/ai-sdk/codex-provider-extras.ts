import type { CodexUsage } from '../account/parse-codex-usage';
import type { CodexModelInfo } from '../account/fetch-codex-models';
import type { CodexTools } from '../tools/codex-tools';

/**
 * What every Codex provider offers beyond the spec's model factories, in every AI SDK
 * version. `FLAVOR` picks the tool shape: `'v2'` for AI SDK 5, `'v3'` for 6 and 7 (AI SDK 7 takes the same tools).
 */
export interface CodexProviderExtras<FLAVOR extends 'v2' | 'v3'> {
  /** The backend's own tools: web search, freeform (`custom`), `apply_patch`, local shell. */
  readonly tools: CodexTools<FLAVOR>;
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
