/**
 * `ai-sdk-provider-codex/v3`: native LanguageModelV3 models for AI SDK 6 (`ai@6`).
 */
import { createCodex } from '../ai-sdk/create-codex-v3';

export { createCodex };
export type { CodexProviderV3 } from '../ai-sdk/create-codex-v3';
export { CodexLanguageModelV3 } from '../ai-sdk/codex-language-model-v3';
export { CodexImageModelV3 } from '../ai-sdk/codex-image-model-v3';

/** Default provider instance: the sign-in of `codex login`, read when a model is first called. */
export const codex = createCodex();

export * from '../ai-sdk/entry-exports';
