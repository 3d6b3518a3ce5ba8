import { APICallError } from '@ai-sdk/provider';
import { copyAPICallError } from '../common/copy-api-call-error';
import { withAbort } from '../common/with-abort';
import type { CodexAuthSource, CodexCredentials } from './codex-auth-source';

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
