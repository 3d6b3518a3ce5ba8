import { LoadAPIKeyError } from '@ai-sdk/provider';
import { loadNodeBuiltins, type NodeBuiltins } from './load-node-builtins';

// Node-only. The builtins load through `loadNodeBuiltins()`, never a static import, so that
// a browser or edge bundle of the package (which reaches this module's chunk) still builds.

/** The shape `codex login` writes. Unknown fields are kept verbatim on every write. */
export type AuthFileContent = {
  auth_mode?: string | null;
  OPENAI_API_KEY?: string | null;
  tokens?: {
    id_token?: string;
    access_token?: string;
    refresh_token?: string;
    account_id?: string;
    [key: string]: unknown;
  } | null;
  last_refresh?: string;
  [key: string]: unknown;
};

export async function defaultAuthFilePath(
  env?: Record<string, string | undefined>,
): Promise<string> {
  // the builtins first: off Node they fail with the error that says to pass `auth`, where
  // `process` (read below) may not even exist
  const { os, path } = await loadNodeBuiltins();
  const home = (env ?? process.env).CODEX_HOME?.trim() || path.join(os.homedir(), '.codex');
  return path.join(home, 'auth.json');
}

const SIGN_IN =
  'Sign in with `codex login` (choose "Sign in with ChatGPT") or `npx ai-sdk-provider-codex login`, or pass `auth` or `authFile` to createCodex().';

export async function readAuthFile(path: string): Promise<AuthFileContent> {
  const { fs } = await loadNodeBuiltins();
  let text: string;
  try {
    text = await fs.readFile(path, 'utf8');
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    if (code === 'ENOENT') {
      throw new LoadAPIKeyError({
        message: `No Codex sign-in found: ${path} does not exist. ${SIGN_IN}`,
      });
    }
    throw new LoadAPIKeyError({
      message:
        code === 'EISDIR'
          ? `The Codex auth file ${path} is a directory, not a file. Remove or rename it, then sign in again (\`npx ai-sdk-provider-codex login\` or \`codex login\`).`
          : `Cannot read the Codex auth file ${path} (${code ?? 'unknown error'}). Check its permissions.`,
    });
  }
  let content: unknown;
  try {
    content = JSON.parse(text);
  } catch {
    // The parser's own message quotes the file's text, which holds tokens: say less.
    throw new LoadAPIKeyError({
      message: `The Codex auth file ${path} is not valid JSON; it was left untouched. Repair it, or remove it and run \`codex login\`.`,
    });
  }
  if (content == null || typeof content !== 'object' || Array.isArray(content)) {
    throw new LoadAPIKeyError({
      message: `The Codex auth file ${path} does not hold a JSON object; it was left untouched. Run \`codex login\`.`,
    });
  }
  return content as AuthFileContent;
}

/**
 * The file a symlinked `auth.json` points at (dotfiles are often kept as links), or `path`
 * itself when it is no link or does not exist yet. Locks and writes go to this path: a
 * rename over the link would turn it into a plain file and leave the target holding a
 * spent refresh token.
 */
export async function resolveAuthFilePath(path: string): Promise<string> {
  const { fs } = await loadNodeBuiltins();
  try {
    return await fs.realpath(path);
  } catch {
    return path;
  }
}

/**
 * Replaces the file atomically: temp file in the same directory (mode 0600), fsync,
 * rename. A crash leaves either the old or the new file, never a torn one. `path` should be
 * the real path (see `resolveAuthFilePath`).
 */
export async function writeAuthFile(path: string, content: AuthFileContent): Promise<void> {
  try {
    await replaceFile(path, content);
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    throw new LoadAPIKeyError({
      message:
        code === 'EISDIR'
          ? `Cannot save the sign-in to ${path}: it is a directory, not a file. Remove or rename it, then sign in again.`
          : `Cannot write the Codex auth file ${path} (${code ?? 'unknown error'}). Check that its folder is writable.`,
    });
  }
}

async function replaceFile(path: string, content: AuthFileContent): Promise<void> {
  const { fs, path: paths, crypto } = await loadNodeBuiltins();
  const dir = paths.dirname(path);
  await fs.mkdir(dir, { recursive: true, mode: 0o700 });
  const temp = paths.join(
    dir,
    `.auth.json.${process.pid}.${crypto.randomBytes(6).toString('hex')}.tmp`,
  );
  const handle = await fs.open(temp, 'wx', 0o600);
  try {
    await handle.writeFile(`${JSON.stringify(content, null, 2)}\n`, 'utf8');
    await handle.sync();
  } finally {
    await handle.close();
  }
  try {
    await fs.rename(temp, path);
  } catch (error) {
    await fs.rm(temp, { force: true });
    throw error;
  }
}

/**
 * A lock held longer than a refresh can take (its 30 s timeout, plus the file work) belongs
 * to a process that died. A live holder is never overtaken: two refreshes at once would
 * spend the same rotating refresh token.
 */
const LOCK_STALE_MS = 40_000;

/**
 * A lock dated further ahead than this was written before the clock was stepped back (a
 * crash, then NTP): its holder is gone. Less is a shared disk whose clock runs a little
 * ahead of ours.
 */
const LOCK_FUTURE_SLACK_MS = 5_000;

/**
 * The longest wait for the lock. A held lock counts as stale 40 s after it was taken, so
 * only holders that keep taking it again (or keep it fresh) are waited out this long.
 */
const LOCK_MAX_WAIT_MS = 60_000;

/**
 * Runs `fn` while holding `<path>.lock`, so that two processes never spend the same
 * rotating refresh token. A lock older than 40 s, or dated in the future, is taken to
 * belong to a dead process. `abortSignal` ends the wait for the lock (a sign-in the user
 * cancelled); after `maxWaitMs` (default 60 s) the wait ends in an error naming the lock
 * file.
 */
export async function withAuthFileLock<T>(
  path: string,
  fn: () => Promise<T>,
  {
    abortSignal,
    maxWaitMs = LOCK_MAX_WAIT_MS,
  }: { abortSignal?: AbortSignal; maxWaitMs?: number } = {},
): Promise<T> {
  const { fs, path: paths } = await loadNodeBuiltins();
  const lockPath = `${path}.lock`;
  await fs.mkdir(paths.dirname(path), { recursive: true, mode: 0o700 });
  const giveUpAt = Date.now() + maxWaitMs;
  for (let attempt = 0; ; attempt++) {
    abortSignal?.throwIfAborted();
    try {
      await fs.writeFile(lockPath, `${process.pid} ${new Date().toISOString()}\n`, {
        flag: 'wx',
        mode: 0o600,
      });
      break;
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code !== 'EEXIST') throw error;
      const age = await lockAge(fs, lockPath);
      if (age === undefined) continue; // released between our two calls
      if (age > LOCK_STALE_MS || age < -LOCK_FUTURE_SLACK_MS) {
        await fs.rm(lockPath, { force: true });
        continue;
      }
      const left = giveUpAt - Date.now();
      if (left <= 0) throw lockWaitError(lockPath, maxWaitMs);
      await new Promise(resolve => setTimeout(resolve, Math.min(25 * 2 ** attempt, 200, left)));
    }
  }
  try {
    return await fn();
  } finally {
    await fs.rm(lockPath, { force: true });
  }
}

function lockWaitError(lockPath: string, maxWaitMs: number): LoadAPIKeyError {
  return new LoadAPIKeyError({
    message: `Gave up after ${maxWaitMs / 1000} s waiting for the lock file ${lockPath}: another process (a sign-in, a logout or a token refresh of this auth file) held it all that time. If none is running, remove the lock file and try again.`,
  });
}

async function lockAge(fs: NodeBuiltins['fs'], lockPath: string): Promise<number | undefined> {
  try {
    return Date.now() - (await fs.stat(lockPath)).mtimeMs;
  } catch {
    return undefined;
  }
}
