import { homedir } from 'node:os';
import { join } from 'node:path';

/** `dir`, else `$CODEX_HOME`, else `~/.codex`: where the Codex CLI keeps its files. */
export function resolveCodexHome(
  dir?: string,
  env: Record<string, string | undefined> = process.env,
): string {
  return dir?.trim() || env.CODEX_HOME?.trim() || join(homedir(), '.codex');
}

/** The auth file a flow reads or writes: `authFile` if given, else `<codex home>/auth.json`. */
export function resolveAuthFile({
  authFile,
  codexHome,
}: {
  authFile?: string;
  codexHome?: string;
}): string {
  return authFile ?? join(resolveCodexHome(codexHome), 'auth.json');
}
