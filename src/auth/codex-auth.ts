import { APICallError, LoadAPIKeyError } from '@ai-sdk/provider';
import type { FetchFunction } from '@ai-sdk/provider-utils';
import { copyAPICallError } from '../codex-error';
import { headerValueProblem } from '../transport/codex-headers';
import { withAbort } from '../transport/with-abort';

export type CodexCredentials = {
  accessToken: string;
  /** Sent as `ChatGPT-Account-ID`; omitted when unknown. */
  accountId?: string | undefined;
};

export type CodexAuth = CodexCredentials | (() => CodexCredentials | PromiseLike<CodexCredentials>);

/** Where a model gets credentials, and what it may do after a 401. */
export type CodexAuthSource = {
  getCredentials(): Promise<CodexCredentials>;
  /**
   * Called after the backend answered 401 to `rejected`: credentials worth one more try,
   * or `undefined` to give up.
   */
  onUnauthorized?(rejected: CodexCredentials): Promise<CodexCredentials | undefined>;
};

export function resolveCodexAuth({
  auth,
  authFile,
  accountId,
  tokenURL,
  fetch,
}: {
  auth?: CodexAuth;
  authFile?: string;
  accountId?: string;
  tokenURL: string;
  fetch?: FetchFunction;
}): CodexAuthSource {
  if (auth == null) {
    // Node-only code (auth.json, locks) loads on first use, so an edge bundle that passes
    // `auth` explicitly never reaches `node:fs`.
    let source: Promise<CodexAuthSource> | undefined;
    const load = () =>
      (source ??= import('./auth-file-source').then(m =>
        m.createFileAuth({ authFile, tokenURL, accountId, fetch }),
      ));
    return {
      getCredentials: async () => (await load()).getCredentials(),
      onUnauthorized: async rejected => (await load()).onUnauthorized!(rejected),
    };
  }

  const getCredentials = async (): Promise<CodexCredentials> => {
    const credentials = typeof auth === 'function' ? await auth() : auth;
    if (
      credentials == null ||
      typeof credentials.accessToken !== 'string' ||
      credentials.accessToken === ''
    ) {
      throw new LoadAPIKeyError({
        message:
          'The Codex `auth` setting gave no access token. Pass `auth: { accessToken, accountId }` (or a function returning it), or leave `auth` unset to use `codex login`.',
      });
    }
    const resolved = accountId != null ? { ...credentials, accountId } : credentials;
    // `fetch` would refuse these and quote the token in its message; say which field instead.
    for (const field of ['accessToken', 'accountId'] as const) {
      const value = resolved[field];
      const problem = typeof value === 'string' ? headerValueProblem(value) : undefined;
      if (problem != null) {
        throw new LoadAPIKeyError({
          message: `The ${field} from the Codex \`auth\` setting contains ${problem}, so it cannot be sent. Check where the token comes from (a trailing newline from a file or an environment variable is a common cause).`,
        });
      }
    }
    return resolved;
  };
  return {
    getCredentials,
    // A token function may have rotated its token since; a fixed token comes back the
    // same, which ends the retry.
    async onUnauthorized(rejected: CodexCredentials) {
      const next = await getCredentials();
      return next.accessToken !== rejected.accessToken ? next : undefined;
    },
  };
}

/**
 * Runs `attempt` with the current credentials. After a 401 the auth source gets two
 * chances to hand out different credentials (a re-read file, then a refreshed token)
 * before the error stands, with a message that says to sign in again. An abort ends the
 * wait for credentials at once; a refresh in progress goes on for its other waiters.
 */
export async function withAuthRenewal<T>(
  auth: CodexAuthSource,
  attempt: (credentials: CodexCredentials) => Promise<T>,
  abortSignal?: AbortSignal,
): Promise<T> {
  let credentials = await withAbort(auth.getCredentials(), abortSignal);
  for (let renewals = 0; ; renewals++) {
    try {
      return await attempt(credentials);
    } catch (error) {
      if (!APICallError.isInstance(error) || error.statusCode !== 401) throw error;
      const next =
        renewals < 2 ? await withAbort(auth.onUnauthorized?.(credentials), abortSignal) : undefined;
      if (next == null) throw unauthorizedError(error);
      credentials = next;
    }
  }
}

function unauthorizedError(error: APICallError): APICallError {
  return copyAPICallError(error, {
    message: `The Codex backend rejected the ChatGPT access token (401: ${error.message}). Run \`codex login\` to sign in again, or pass fresh credentials.`,
    cause: error,
    isRetryable: false,
  });
}
