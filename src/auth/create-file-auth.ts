import type { FetchFunction } from '@ai-sdk/provider-utils';
import type { CodexAuthSource } from './codex-auth-source';
import {
  defaultAuthFilePath,
  readAuthFile,
  resolveAuthFilePath,
  withAuthFileLock,
  writeAuthFile,
} from './auth-file-store';
import { explainMissingAuthFile } from './credentials-store-mode';
import type { SignInStore } from './sign-in-store';
import { createStoredAuth } from './stored-auth';

/** Credentials from `auth.json` (`$CODEX_HOME/auth.json` by default), refreshed as needed. */
export async function createFileAuth({
  authFile,
  tokenURL,
  accountId,
  fetch,
}: {
  authFile?: string;
  tokenURL: string;
  accountId?: string;
  fetch?: FetchFunction;
}): Promise<CodexAuthSource> {
  const path = authFile ?? (await defaultAuthFilePath());
  return createStoredAuth(fileSignInStore(path), { accountId, context: { tokenURL, fetch } });
}

/**
 * The auth file as a sign-in store. Locks and writes go to the file a symlinked
 * `auth.json` points at (see `resolveAuthFilePath`); messages name the path as given.
 */
function fileSignInStore(path: string): SignInStore {
  return {
    name: path,
    container: 'the auth file',
    loginCommand: '`codex login`',
    signIn: 'run `codex login` and choose "Sign in with ChatGPT"',
    flightKey: () => resolveAuthFilePath(path),
    read: async () => ({
      content: await readAuthFile(path).catch(error => explainMissingAuthFile(error, path)),
    }),
    withRefreshLock: async refresh => withAuthFileLock(await resolveAuthFilePath(path), refresh),
    write: async (_read, next) => {
      await writeAuthFile(await resolveAuthFilePath(path), next);
      return next;
    },
  };
}
