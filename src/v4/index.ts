/**
 * `ai-sdk-provider-codex/v4`: native LanguageModelV4 models for AI SDK 7 (`ai@7`).
 */
import { CodexLanguageModelV4 } from '../ai-sdk/codex-language-model-v4';
import { CodexImageModelV4 } from '../ai-sdk/codex-image-model-v4';
import { createNextProvider, type CodexNextProvider } from '../ai-sdk/create-spec-provider';
import type { CodexProviderSettings } from '../provider/codex-provider';

export type CodexProviderV4 = CodexNextProvider<CodexLanguageModelV4, 'v4', CodexImageModelV4>;

export function createCodex(settings: CodexProviderSettings = {}): CodexProviderV4 {
  return createNextProvider('v4', CodexLanguageModelV4, CodexImageModelV4, settings);
}

/** Default provider instance. */
export const codex = createCodex();

export { CodexLanguageModelV4, CodexImageModelV4 };
export * from '../ai-sdk/entry-exports';
