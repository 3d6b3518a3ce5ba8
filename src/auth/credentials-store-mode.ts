import { LoadAPIKeyError } from '@ai-sdk/provider';
import { loadNodeBuiltins } from './load-node-builtins';

// Node-only: loaded with the auth-file code, never by the main entries directly; its
// builtins come from `loadNodeBuiltins()` so that browser bundles of that chunk still build.

/**
 * `cli_auth_credentials_store` from the Codex CLI's `config.toml`: where `codex login`
 * keeps the sign-in. `file` (the default) is `auth.json`; `keyring` is the OS keyring
 * only; `auto` is the keyring when it works, else the file; `ephemeral` is memory only.
 */
export type CredentialsStoreMode = 'file' | 'keyring' | 'auto' | 'ephemeral';

/** The mode set in `<codexHome>/config.toml`, or `undefined` (no file, no key: `file`). */
export async function readCredentialsStoreMode(codexHome: string): Promise<string | undefined> {
  const { fs, path } = await loadNodeBuiltins();
  let toml: string;
  try {
    toml = await fs.readFile(path.join(codexHome, 'config.toml'), 'utf8');
  } catch {
    return undefined;
  }
  // Only the top-level key counts; a `[table]` header ends the top level.
  for (const line of toml.split(/\r?\n/)) {
    if (/^\s*\[/.test(line)) break;
    const match = /^\s*cli_auth_credentials_store\s*=\s*(?:"([^"]*)"|'([^']*)')/.exec(line);
    if (match) return (match[1] ?? match[2])!.trim().toLowerCase();
  }
  return undefined;
}

/** Why `auth.json` may be missing although `codex login` succeeded, or `undefined`. */
export function describeCredentialsStore(
  mode: string | undefined,
  configPath: string,
): string | undefined {
  const setting = `${configPath} sets cli_auth_credentials_store = "${mode}"`;
  const fix =
    'Run `npx ai-sdk-provider-codex login` to sign in to an auth.json this package can read (or set cli_auth_credentials_store = "file" and run `codex login` again).';
  switch (mode) {
    case 'keyring':
      return `${setting}, so \`codex login\` keeps the sign-in in the OS keyring, which this package cannot read. ${fix}`;
    case 'auto':
      return `${setting}, so \`codex login\` may have put the sign-in in the OS keyring, which this package cannot read. ${fix}`;
    case 'ephemeral':
      return `${setting}, so \`codex login\` keeps the sign-in in memory only. ${fix}`;
  }
  return undefined; // `file`, unset, or a mode newer than this package: auth.json is the place
}

/**
 * Rethrows a failed auth-file read, adding the keyring explanation when the file is
 * missing and the Codex config says the sign-in lives elsewhere.
 */
export async function explainMissingAuthFile(error: unknown, authFile: string): Promise<never> {
  if (!LoadAPIKeyError.isInstance(error) || (await exists(authFile))) throw error;
  const { path } = await loadNodeBuiltins();
  const codexHome = path.dirname(authFile);
  const hint = describeCredentialsStore(
    await readCredentialsStoreMode(codexHome),
    path.join(codexHome, 'config.toml'),
  );
  if (hint == null) throw error;
  throw new LoadAPIKeyError({ message: `${error.message} ${hint}` });
}

async function exists(path: string): Promise<boolean> {
  const { fs } = await loadNodeBuiltins();
  try {
    await fs.stat(path);
    return true;
  } catch (error) {
    return (error as NodeJS.ErrnoException).code !== 'ENOENT';
  }
}
