import { APICallError } from '@ai-sdk/provider';
import { readAuthFile, type AuthFileContent } from '../auth/auth-file-store';
import { parseJsonRecord } from '../common/parse-json-record';
import { signInOf } from '../login/read-sign-in';
import { revokeSignIn } from '../login/revoke-sign-in';
import { openRedisSignIn } from '../redis/redis-auth';
import type { CliIO } from './cli-io';
import { describeSignIn, describeUsage, readUsage } from './status-command';

// The `--redis <url>` forms of import, status and logout (login takes the Redis key as its
// `saveTo`). Every line names the key and the URL without its password, and no token.

export type RedisOptions = { url: string; key: string | undefined };

/** Runs `command` with the Redis sign-in of `options`, and closes its connection after. */
export async function withRedisSignIn<T>(
  options: RedisOptions,
  command: (redis: ReturnType<typeof openRedisSignIn>) => Promise<T>,
): Promise<T> {
  const redis = openRedisSignIn({ url: options.url, key: options.key });
  try {
    return await command(redis);
  } finally {
    await redis.auth.close();
  }
}

/** `import --redis`: copies the auth file's sign-in into the key, in one write. */
export async function redisImportCommand(
  io: CliIO,
  options: RedisOptions & { authFile: string },
): Promise<number> {
  const content = await readAuthFile(options.authFile);
  const signIn = signInOf(content, options.authFile);
  if (signIn.kind !== 'chatgpt') {
    io.stderr(`Nothing to import: ${signIn.problem} (${options.authFile}).\n`);
    return 1;
  }
  return withRedisSignIn(options, async ({ store }) => {
    try {
      await store.replace(previous => newerThan(content, signIn.lastRefresh, previous));
    } catch (error) {
      if (!(error instanceof NewerSignIn)) throw error;
      io.stderr(
        `Not imported: ${store.name} holds a sign-in refreshed later (${error.lastRefresh.toISOString()}) than ${options.authFile}${signIn.lastRefresh != null ? ` (${signIn.lastRefresh.toISOString()})` : ''}. Run \`npx ai-sdk-provider-codex logout --redis <url>\` first to replace it.\n`,
      );
      return 1;
    }
    io.stdout(
      `Copied the sign-in of ${signIn.email ?? 'your ChatGPT account'} from ${options.authFile} to ${store.name}.\n` +
        `Note: ${options.authFile} keeps the same refresh token, which works once: if the Codex CLI or this package refreshes that file, the copy in Redis can no longer refresh. For a sign-in of its own, run \`npx ai-sdk-provider-codex login --redis <url>\`.\n`,
    );
    return 0;
  });
}

/** `status --redis`: who is signed in according to the key, and the quota. */
export async function redisStatusCommand(
  io: CliIO,
  options: RedisOptions & {
    issuer: string;
    /** Where `--json` output goes (as it is); unset, a summary goes to `io.stdout`. */
    json?: ((text: string) => void) | undefined;
    baseURL?: string | undefined;
  },
): Promise<number> {
  return withRedisSignIn(options, async ({ auth, store }) => {
    const text = await store.readText();
    const content = parseJsonRecord(text);
    const signIn =
      content !== undefined
        ? signInOf(content, store.name, 'the key')
        : {
            authFile: store.name,
            kind: 'none' as const,
            problem: text === undefined ? 'no such key' : 'the key does not hold a JSON object',
          };
    if (signIn.kind !== 'chatgpt') {
      if (options.json) {
        options.json(
          `${JSON.stringify({ signedIn: false, redisKey: store.name, problem: signIn.problem }, null, 2)}\n`,
        );
      } else {
        io.stdout(
          `Not signed in: ${signIn.problem} (${store.name}).\nRun \`npx ai-sdk-provider-codex login --redis <url>\` to sign in.\n`,
        );
      }
      return 1;
    }
    const { usage, usageError } = await readUsage(io, {
      auth,
      tokenURL: `${options.issuer}/oauth/token`,
      baseURL: options.baseURL,
    });
    if (options.json) {
      const { kind: _kind, problem: _problem, authFile: _authFile, ...who } = signIn;
      options.json(
        `${JSON.stringify({ signedIn: true, redisKey: store.name, ...who, usage: usage ?? null, usageError }, null, 2)}\n`,
      );
      return 0;
    }
    io.stdout(
      describeSignIn(signIn) +
        (usage != null ? describeUsage(usage) : `Quota: unavailable (${usageError})\n`),
    );
    return 0;
  });
}

/**
 * `logout --redis`: under the refresh lock, revokes the refresh token at the issuer that
 * issued it (else `issuer`), then deletes the key (unless a new sign-in was written
 * meanwhile). A failed revocation keeps the key and exits 1, as `logout` does with the
 * file; `force` deletes it anyway (still exit 1: the token stays valid until it expires).
 */
export async function redisLogoutCommand(
  io: CliIO,
  options: RedisOptions & { issuer: string; force: boolean },
): Promise<number> {
  return withRedisSignIn(options, async ({ store }) => {
    let revoked = false;
    let revokeFailure: string | undefined;
    let removed: string | undefined;
    try {
      removed = await store.remove(async previous => {
        try {
          revoked = await revokeSignIn(parseJsonRecord(previous)?.tokens, options.issuer);
        } catch (error) {
          if (!APICallError.isInstance(error) || !options.force) throw error;
          revokeFailure = error.message;
        }
      });
    } catch (error) {
      if (!APICallError.isInstance(error)) throw error;
      io.stderr(
        `${error.message} Nothing was removed: ${store.name} still holds the sign-in. Try again, or remove it anyway with --force: the refresh token then stays valid until it expires.\n`,
      );
      return 1;
    }
    if (removed === undefined) {
      io.stdout(`Not signed in: there is no ${store.name} to remove.\n`);
      return 0;
    }
    if (revokeFailure != null) {
      io.stderr(
        `Removed ${store.name} (--force), but its refresh token was NOT revoked: ${revokeFailure} It stays valid until it expires.\n`,
      );
      return 1;
    }
    io.stdout(
      `Signed out: removed ${store.name}${revoked ? ' and revoked its refresh token' : ''}.\n`,
    );
    return 0;
  });
}

/** The key already holds a sign-in refreshed after the one being imported. */
class NewerSignIn extends Error {
  constructor(readonly lastRefresh: Date) {
    super('the key holds a newer sign-in');
  }
}

/**
 * `content`, to replace `previousText`, unless that is a sign-in the fleet refreshed since:
 * its refresh token is the one still valid, and the file's would sign every process out.
 */
function newerThan(
  content: AuthFileContent,
  lastRefresh: Date | undefined,
  previousText: string | undefined,
): AuthFileContent {
  const previous = parseJsonRecord(previousText);
  const stored = previous != null ? signInOf(previous, '', 'the key') : undefined;
  if (
    stored?.kind === 'chatgpt' &&
    stored.lastRefresh != null &&
    (lastRefresh == null || stored.lastRefresh > lastRefresh)
  ) {
    throw new NewerSignIn(stored.lastRefresh);
  }
  return content;
}
