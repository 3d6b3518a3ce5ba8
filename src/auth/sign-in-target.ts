import type { AuthFileContent } from './auth-file-store';

/**
 * Where a sign-in flow writes the new sign-in instead of `auth.json`: `redisAuth()` from
 * `ai-sdk-provider-codex/redis` is one.
 */
export type CodexSignInTarget = {
  /** How messages and the login result name it, e.g. `Redis key "codex:auth" (redis://host:6379)`. */
  describeSignInTarget(): string;
  /**
   * Replaces the stored sign-in with `build(previous)` under the store's refresh lock, in one
   * write. `previous` is what was stored (`{}` when nothing usable was). Resolves with it.
   */
  replaceSignIn(
    build: (previous: AuthFileContent) => AuthFileContent,
    abortSignal?: AbortSignal,
  ): Promise<AuthFileContent>;
};
