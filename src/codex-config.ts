import type { FetchFunction } from '@ai-sdk/provider-utils';
import type { CodexAuthSource } from './codex-auth';
import type { CodexRetryPolicy } from './retry/retry-policy';

export type CodexCredentials = {
  accessToken: string;
  /** Sent as `ChatGPT-Account-ID`; omitted when unknown. */
  accountId?: string;
};

/** What the provider factory hands every model; the model reads no env and no files. */
export type CodexConfig = {
  provider: string;
  baseURL: string;
  /** Credentials, asked for per request so that a refreshed token is picked up. */
  auth: CodexAuthSource;
  /** Identity and user headers (lower-case names), without credentials. */
  headers: () => Record<string, string>;
  fetch?: FetchFunction;
  sessionId: string;
  defaultInstructions: string;
  generateId: () => string;
  retry: CodexRetryPolicy;
};
