// The root entry: LanguageModelV2 models for AI SDK 5 (`ai@5`). AI SDK 6 and 7 have native
// models under `ai-sdk-provider-codex/v3` and `/v4`.
export { createCodex, codex } from './codex-provider';
export type { CodexProvider } from './codex-provider';
export * from './shared-exports';
