// What every entry point (root, /v3, /v4) exports besides its own createCodex and codex.
export {
  DEFAULT_CODEX_BASE_URL,
  DEFAULT_CODEX_INSTRUCTIONS,
} from '../provider/codex-provider-settings';
export type { CodexProviderSettings } from '../provider/codex-provider-settings';
export type { CodexAuth, CodexAuthContext, CodexAuthSource } from '../auth/codex-auth-source';
export type { CodexCredentials } from '../auth/codex-auth-source';
export type { CodexModelSettings } from '../model/codex-language-model';
export type { CodexModelId, CodexProviderOptions } from '../request/codex-provider-options';
export { VERSION } from '../common/package-identity';
export type {
  CodexAdditionalRateLimit,
  CodexRateLimits,
  CodexRateLimitWindow,
  CodexRateLimitWindows,
  ReachedRateLimit as CodexReachedRateLimit,
} from '../common/codex-rate-limits';
export type { CodexModelInfo } from '../account/fetch-codex-models';
export type { CodexUsage, CodexUsageWindow, CodexUsageWindows } from '../account/parse-codex-usage';
export {
  CODEX_MODEL_CAPABILITIES,
  type CodexModelCapabilities,
  type CodexReasoningEffort,
} from '../request/codex-model-capabilities';
export type {
  CodexImageModelId,
  CodexImageModelSettings,
  CodexImageProviderOptions,
} from '../image/codex-image-options';
export type { CodexTools } from '../tools/codex-tools';
export type { CodexWebSearchArgs, CodexWebSearchOutput } from '../tools/web-search';
export type { CodexCustomToolArgs } from '../tools/custom-tool';
export type { CodexLocalShellInput, CodexLocalShellOutput } from '../tools/local-shell';
export { APPLY_PATCH_LARK_GRAMMAR } from '../tools/apply-patch';
