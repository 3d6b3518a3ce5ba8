/**
 * `ai-sdk-provider-codex/v3`: native LanguageModelV3 models for AI SDK 6 (`ai@6`).
 */
import { CodexLanguageModelV3 } from '../ai-sdk/codex-language-model-v3';
import { CodexImageModelV3 } from '../ai-sdk/codex-image-model-v3';
import { createNextProvider, type CodexNextProvider } from '../ai-sdk/create-spec-provider';
import type { CodexProviderSettings } from '../provider/codex-provider';

export type CodexProviderV3 = CodexNextProvider<CodexLanguageModelV3, 'v3', CodexImageModelV3>;

export function createCodex(settings: CodexProviderSettings = {}): CodexProviderV3 {
  return createNextProvider('v3', CodexLanguageModelV3, CodexImageModelV3, settings);
}

/** Default provider instance. */
export const codex = createCodex();

export { CodexLanguageModelV3, CodexImageModelV3 };
export * from '../ai-sdk/entry-exports';
