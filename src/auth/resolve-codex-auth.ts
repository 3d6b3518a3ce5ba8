import { LoadAPIKeyError } from '@ai-sdk/provider';
import type { FetchFunction } from '@ai-sdk/provider-utils';
import {
  assertSendableCredentials,
  type CodexAuth,
  type CodexAuthContext,
  type CodexAuthSource,
  type CodexCredentials,
} from './codex-auth-source';
import { loadFileAuth } from './load-file-auth';

export function resolveCodexAuth(settings: {
  auth?: CodexAuth;
  authFile?: string;
  accountId?: string;
  tokenURL: string;
  fetch?: FetchFunction;
}): CodexAuthSource {
  const { auth, accountId, tokenURL, fetch } = settings;
  if (auth == null) {
    let source: Promise<CodexAuthSource> | undefined;
    const load = () => (source ??= loadFileAuth(settings));
    return {
      getCredentials: async () => (await load()).getCredentials(),
      onUnauthorized: async rejected => (await load()).onUnauthorized!(rejected),
    };
  }

  if (isAuthSource(auth)) return fromAuthSource(auth, { tokenURL, fetch }, accountId);

  const getCredentials = async (): Promise<CodexCredentials> =>
    checked(typeof auth === 'function' ? await auth() : auth, accountId);
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

function isAuthSource(auth: CodexAuth): auth is CodexAuthSource {
  return typeof (auth as Partial<CodexAuthSource>).getCredentials === 'function';
}

/**
 * An auth source from the `auth` setting (`redisAuth()`), handed the provider's token
 * endpoint and fetch on every call; its credentials are checked like a function's.
 */
function fromAuthSource(
  source: CodexAuthSource,
  context: CodexAuthContext,
  accountId: string | undefined,
): CodexAuthSource {
  return {
    getCredentials: async () => checked(await source.getCredentials(context), accountId),
    onUnauthorized: async rejected => {
      const next = await source.onUnauthorized?.(rejected, context);
      return next != null ? checked(next, accountId) : undefined;
    },
  };
}

/** What the `auth` setting gave, with the `accountId` setting over it, fit to send. */
function checked(credentials: CodexCredentials, accountId: string | undefined): CodexCredentials {
  if (
    credentials == null ||
    typeof credentials.accessToken !== 'string' ||
    credentials.accessToken === ''
  ) {
    throw new LoadAPIKeyError({
      message:
        'The Codex `auth` setting gave no access token: pass `{ accessToken, accountId }` or a function returning it, or leave `auth` unset to use `codex login`.',
    });
  }
  const resolved = accountId != null ? { ...credentials, accountId } : credentials;
  assertSendableCredentials(
    resolved,
    field => `${field} from the Codex \`auth\` setting`,
    'Check where it comes from (often a trailing newline from a file or environment variable).',
  );
  return resolved;
}
