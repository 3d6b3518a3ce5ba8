/**
 * `ai-sdk-provider-codex/v4`: native LanguageModelV4 models for AI SDK 7 (`ai@7`).
 */
import { createCodex } from '../ai-sdk/create-codex-v4';

export { createCodex };
export type { CodexProviderV4 } from '../ai-sdk/create-codex-v4';
export { CodexLanguageModelV4 } from '../ai-sdk/codex-language-model-v4';
export { CodexImageModelV4 } from '../ai-sdk/codex-image-model-v4';

/** Default provider instance: the sign-in of `codex login`, read when a model is first called. */
export const codex = createCodex();

export * from '../ai-sdk/entry-exports';
