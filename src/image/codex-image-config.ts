import type { FetchFunction } from '@ai-sdk/provider-utils';
import type { CodexAuthSource } from '../auth/codex-auth-source';
import type { CodexRetryPolicy } from '../transport/retry-policy';

/** What the image model needs from its provider (a part of what language models get). */
export type CodexImageConfig = {
  /** The language models' provider name (`<name>.responses`); images report `<name>.image`. */
  provider: string;
  baseURL: string;
  auth: CodexAuthSource;
  /** Identity and user headers (lower-case names), without credentials. */
  headers: () => Record<string, string>;
  fetch?: FetchFunction;
  retry: CodexRetryPolicy;
};
