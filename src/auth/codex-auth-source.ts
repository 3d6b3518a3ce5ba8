import { LoadAPIKeyError } from '@ai-sdk/provider';
import type { FetchFunction } from '@ai-sdk/provider-utils';
import { headerValueProblem } from '../common/header-checks';

export type CodexCredentials = {
  accessToken: string;
  /** Sent as `ChatGPT-Account-ID`; omitted when unknown. */
  accountId?: string | undefined;
};

/**
 * The `auth` setting: fixed credentials, a function returning them, or an auth source
 * such as `redisAuth()` from `ai-sdk-provider-codex/redis`.
 */
export type CodexAuth =
  CodexCredentials | (() => CodexCredentials | PromiseLike<CodexCredentials>) | CodexAuthSource;

/** What the provider tells an auth source that refreshes: its token endpoint and `fetch`. */
export type CodexAuthContext = {
  /** The provider's `tokenURL` (default `https://auth.openai.com/oauth/token`). */
  tokenURL: string;
  /** The provider's `fetch`; `undefined` for the global one. */
  fetch: FetchFunction | undefined;
};

/** Where a model gets credentials, and what it may do after a 401. */
export type CodexAuthSource = {
  getCredentials(context?: CodexAuthContext): Promise<CodexCredentials>;
  /**
   * Called after the backend answered 401 to `rejected`: credentials worth one more try,
   * or `undefined` to give up.
   */
  onUnauthorized?(
    rejected: CodexCredentials,
    context?: CodexAuthContext,
  ): Promise<CodexCredentials | undefined>;
};

/**
 * The first credential no request header can carry (`fetch` would refuse it, with a message
 * quoting the token), and what is wrong with it; `undefined` when both can go.
 */
export function unsendableCredential(
  credentials: CodexCredentials,
): { field: keyof CodexCredentials; problem: string } | undefined {
  for (const field of ['accessToken', 'accountId'] as const) {
    const value = credentials[field];
    const problem = typeof value === 'string' ? headerValueProblem(value) : undefined;
    if (problem != null) return { field, problem };
  }
  return undefined;
}

/**
 * Refuses credentials no request header can carry (see `unsendableCredential`), naming the
 * field as its source calls it (`name`) and saying what to do (`fix`).
 */
export function assertSendableCredentials(
  credentials: CodexCredentials,
  name: (field: keyof CodexCredentials) => string,
  fix: string,
): void {
  const unsendable = unsendableCredential(credentials);
  if (unsendable != null) {
    throw new LoadAPIKeyError({
      message: `The ${name(unsendable.field)} contains ${unsendable.problem}, so it cannot be sent. ${fix}`,
    });
  }
}
