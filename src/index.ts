// The root entry: LanguageModelV2 models for AI SDK 5 (`ai@5`). AI SDK 6 and 7 have native
// models under `ai-sdk-provider-codex/v3` and `/v4`.
import { createCodex } from './ai-sdk/create-codex-v2';

export { createCodex };
export type { CodexProvider } from './ai-sdk/create-codex-v2';
export { CodexLanguageModelV2 } from './ai-sdk/codex-language-model-v2';

/** Default provider instance: the sign-in of `codex login`, read when a model is first called. */
export const codex = createCodex();

export * from './ai-sdk/entry-exports';
export { CodexImageModelV2 } from './ai-sdk/codex-image-model-v2';
