import { spawn } from 'node:child_process';
import { copyFile, readdir, readFile, rm, stat, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { build, type BuildOptions, type Metafile } from 'esbuild';
import { afterAll, beforeAll } from 'vitest';
import { consumerProject, root } from '../../support/packed-package';

// What every runtime test starts from: the packed tarball in a fresh project with the AI SDK
// majors and zod linked from this repository's node_modules (no registry), the app of
// fixtures/ copied into it, and the runtimes'
// own binaries from this repo's devDependencies (bun, deno; workerd through miniflare).

const fixtures = fileURLToPath(new URL('../fixtures/', import.meta.url));

/**
 * The fixture app for the tests of this file (made before them, removed after them): call
 * the returned function for its directory.
 */
export function useRuntimeApp(): () => string {
  let app: string | undefined;
  beforeAll(async () => {
    app = await runtimeApp();
  }, 300_000);
  afterAll(async () => {
    if (app) await rm(app, { recursive: true, force: true });
  });
  return () => app!;
}

/** The packed package's consumer project the runtimes need: every `ai` major and zod. */
export function runtimeProject(): Promise<string> {
  return consumerProject({ ai: 'ai', 'ai-v6': 'ai-v6', 'ai-v7': 'ai-v7', zod: 'zod' });
}

/** A fresh consumer project holding the fixture app files (remove it when done). */
export async function runtimeApp(): Promise<string> {
  const app = await runtimeProject();
  for (const file of await readdir(fixtures)) await copyFile(join(fixtures, file), join(app, file));
  // Bun applies the `paths` of the nearest tsconfig.json; the app's own keeps any other out
  await writeFile(join(app, 'tsconfig.json'), '{}\n');
  return app;
}

/** The version in package.json, which the packed package puts in its User-Agent. */
export async function packageVersion(): Promise<string> {
  return JSON.parse(await readFile(join(root, 'package.json'), 'utf8')).version;
}

/** Which entry of the package, with the AI SDK major it is for. */
export const ENTRIES = {
  root: { provider: 'ai-sdk-provider-codex', ai: 'ai' },
  v3: { provider: 'ai-sdk-provider-codex/v3', ai: 'ai-v6' },
  v4: { provider: 'ai-sdk-provider-codex/v4', ai: 'ai-v7' },
} as const;
export type EntryName = keyof typeof ENTRIES;

/**
 * One JavaScript file of `source` (a file of the app) and everything it imports, nothing
 * external, as a browser or edge app's bundler makes it; `entry` swaps the package entry
 * and the `ai` major the app imports.
 */
export async function bundleApp(
  app: string,
  source: string,
  { entry = 'root', ...options }: BuildOptions & { entry?: EntryName },
): Promise<{ code: string; metafile: Metafile }> {
  const { provider, ai } = ENTRIES[entry];
  const result = await build({
    entryPoints: [join(app, source)],
    bundle: true,
    write: false,
    metafile: true,
    logLevel: 'silent',
    // esbuild resolves an alias from the working directory: the app's, not this repository's
    // (whose tsconfig `paths` would map the package to src/)
    absWorkingDir: app,
    alias: entry === 'root' ? {} : { 'ai-sdk-provider-codex': provider, ai },
    ...options,
  });
  return { code: result.outputFiles![0]!.text, metafile: result.metafile! };
}

/**
 * A runtime binary from its npm package. The packages' postinstall scripts only move the
 * binary of the platform package (an optional dependency) into place; when npm did not run
 * them, the platform package still holds it.
 */
export async function runtimeBinary(name: 'bun' | 'deno'): Promise<string> {
  const modules = join(root, 'node_modules');
  const candidates =
    name === 'bun'
      ? [
          join(modules, 'bun/bin/bun.exe'),
          ...(await platformPackages(modules, '@oven', 'bun-')).map(p => join(p, 'bin/bun')),
        ]
      : [
          join(modules, 'deno/deno'),
          ...(await platformPackages(modules, '@deno', '')).map(p => join(p, 'deno')),
        ];
  for (const candidate of candidates) {
    // bun.exe is a shell script telling to run the postinstall until that replaced it
    const size = await stat(candidate).then(
      s => s.size,
      () => 0,
    );
    if (size > 1_000_000) return candidate;
  }
  throw new Error(`No ${name} binary in node_modules (looked at ${candidates.join(', ')})`);
}

async function platformPackages(modules: string, scope: string, prefix: string) {
  const names = await readdir(join(modules, scope)).catch(() => [] as string[]);
  return names
    .filter(n => n.startsWith(prefix) && n.includes(process.platform))
    .map(n => join(modules, scope, n));
}

export type ChildResult = { code: number | null; stdout: string; stderr: string; ms: number };

/** Runs a command to its end (killed after `timeoutMs`), whatever its exit code. */
export function runChild(
  command: string,
  args: string[],
  {
    cwd,
    env = {},
    timeoutMs = 30_000,
  }: { cwd: string; env?: Record<string, string>; timeoutMs?: number },
): Promise<ChildResult> {
  const started = performance.now();
  return new Promise((resolve, reject) => {
    const child = spawn(command, args, {
      cwd,
      env: { ...process.env, NO_COLOR: '1', ...env },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', d => (stdout += d));
    child.stderr.on('data', d => (stderr += d));
    const timer = setTimeout(() => child.kill('SIGKILL'), timeoutMs);
    child.on('error', reject);
    child.on('close', code => {
      clearTimeout(timer);
      resolve({ code, stdout, stderr, ms: Math.round(performance.now() - started) });
    });
  });
}

/** The last line of a child's stdout, parsed. */
export function lastJson(stdout: string): any {
  const line = stdout.trim().split('\n').at(-1) ?? '';
  try {
    return JSON.parse(line);
  } catch {
    return { unparsable: stdout };
  }
}
