import { execFileSync } from 'node:child_process';
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { homedir } from 'node:os';
import { join } from 'node:path';

/**
 * Installs `@openai/codex@<version>` with npm into a cache folder outside the repo
 * (`$XDG_CACHE_HOME` or `~/.cache`, then `ai-sdk-provider-codex/parity/codex-<version>`),
 * or reuses what an earlier run put there. The native binary arrives as the package's
 * optional dependency for this platform (e.g. `@openai/codex-linux-x64`). Returns the path
 * of the package's launcher, `bin/codex.js`, which users run as `codex`.
 */
export function installCodexCli(version: string, log: (line: string) => void): string {
  if (!/^[0-9]+\.[0-9]+\.[0-9]+(-[0-9A-Za-z.-]+)?$/.test(version)) {
    throw new Error(`--cli wants a version like 0.169.0, got ${JSON.stringify(version)}`);
  }
  const cache = process.env.XDG_CACHE_HOME || join(homedir(), '.cache');
  const dir = join(cache, 'ai-sdk-provider-codex', 'parity', `codex-${version}`);
  const launcher = join(dir, 'node_modules', '@openai', 'codex', 'bin', 'codex.js');
  const installed = join(dir, 'node_modules', '@openai', 'codex', 'package.json');
  if (existsSync(launcher) && JSON.parse(readFileSync(installed, 'utf8')).version === version) {
    log(`@openai/codex ${version}: cached in ${dir}`);
    return launcher;
  }
  mkdirSync(dir, { recursive: true });
  writeFileSync(join(dir, 'package.json'), `${JSON.stringify({ private: true }, null, 2)}\n`);
  log(`@openai/codex ${version}: installing into ${dir} (about 400 MB)`);
  execFileSync(
    'npm',
    [
      'install',
      '--no-audit',
      '--no-fund',
      '--no-save',
      '--include=optional',
      `@openai/codex@${version}`,
    ],
    { cwd: dir, stdio: ['ignore', 'ignore', 'inherit'] },
  );
  if (!existsSync(launcher)) throw new Error(`npm installed no ${launcher}`);
  return launcher;
}
