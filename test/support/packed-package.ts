import { execFile } from 'node:child_process';
import { createHash } from 'node:crypto';
import { mkdir, readdir, readFile, rm, stat, writeFile } from 'node:fs/promises';
import { join, relative } from 'node:path';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';

// The tarball `npm pack` makes, and fresh projects that installed it, shared by the test
// files that need them. Several vitest workers ask at once and `npm pack` rebuilds `dist`,
// so each step runs under a lock and is cached by a hash of everything the tarball is made
// from: a changed source file means a new tarball and new installs.

export const run = promisify(execFile);
export const root = fileURLToPath(new URL('../..', import.meta.url));
const cacheRoot = join(root, 'node_modules/.cache/ai-sdk-provider-codex-pack');
const LOCK_STALE_MS = 10 * 60_000;

export type PackedPackage = { tarball: string; files: string[] };

let packed: Promise<PackedPackage> | undefined;

export function packPackage(): Promise<PackedPackage> {
  return (packed ??= (async () => {
    const dir = join(cacheRoot, await sourceHash());
    const manifest = join(dir, 'pack.json');
    await withLock(join(cacheRoot, 'pack.lock'), async () => {
      if (await exists(manifest)) return;
      await rm(dir, { recursive: true, force: true });
      await mkdir(dir, { recursive: true });
      const { stdout } = await run('npm', ['pack', '--json', '--pack-destination', dir], {
        cwd: root,
        maxBuffer: 1 << 24,
      });
      // `prepack` builds first and prints its own lines before npm's JSON
      const [{ filename, files }] = JSON.parse(stdout.slice(stdout.search(/^\[\s*\{/m)));
      const result: PackedPackage = {
        tarball: join(dir, filename),
        files: files.map((f: { path: string }) => f.path),
      };
      await writeFile(manifest, JSON.stringify(result));
      await pruneOtherBuilds(dir);
    });
    return JSON.parse(await readFile(manifest, 'utf8')) as PackedPackage;
  })());
}

/**
 * A project named `name` with the packed package and `dependencies` installed from the npm
 * registry (its cache first). It outlives tarball changes: a new tarball replaces the old
 * one in place, which is much quicker than a fresh install. Tests write their files into a
 * directory of their own in it.
 */
export async function installConsumer(
  name: string,
  dependencies: string[],
  manifest: Record<string, unknown> = {},
): Promise<string> {
  const { tarball } = await packPackage();
  const dir = join(cacheRoot, 'consumers', name);
  const marker = join(dir, '.installed');
  const npmInstall = (specs: string[]) =>
    run('npm', ['install', ...specs, '--prefer-offline', '--no-audit', '--no-fund'], {
      cwd: dir,
      maxBuffer: 1 << 24,
    });
  await withLock(`${dir}.lock`, async () => {
    const installed = await readFile(marker, 'utf8').then(JSON.parse, () => undefined);
    const wanted = [...dependencies, JSON.stringify(manifest)].join(' ');
    if (installed?.dependencies !== wanted) {
      await rm(dir, { recursive: true, force: true });
      await mkdir(dir, { recursive: true });
      await writeFile(
        join(dir, 'package.json'),
        JSON.stringify({ name: `consumer-${name}`, private: true, ...manifest }),
      );
      await npmInstall([tarball, ...dependencies]);
    } else if (installed.tarball !== tarball) {
      await npmInstall([tarball]);
    } else {
      return;
    }
    await writeFile(marker, JSON.stringify({ dependencies: wanted, tarball }));
  });
  return dir;
}

/** The exact version of a package in this repo's node_modules, so installs hit npm's cache. */
export async function installedVersion(dir: string): Promise<string> {
  const pkg = JSON.parse(await readFile(join(root, 'node_modules', dir, 'package.json'), 'utf8'));
  return pkg.version as string;
}

async function sourceHash(): Promise<string> {
  const hash = createHash('sha256');
  const inputs = [
    'package.json',
    'package-lock.json',
    'tsup.config.ts',
    'tsconfig.json',
    'README.md',
    'CHANGELOG.md',
    ...(await listFiles(join(root, 'src'))),
  ];
  for (const file of inputs.sort()) {
    hash.update(`${file}\0`);
    hash.update(await readFile(join(root, file)).catch(() => Buffer.alloc(0)));
  }
  return hash.digest('hex').slice(0, 16);
}

async function listFiles(dir: string): Promise<string[]> {
  const entries = await readdir(dir, { recursive: true, withFileTypes: true });
  return entries.filter(e => e.isFile()).map(e => relative(root, join(e.parentPath, e.name)));
}

async function pruneOtherBuilds(keep: string): Promise<void> {
  for (const entry of await readdir(cacheRoot, { withFileTypes: true })) {
    const path = join(cacheRoot, entry.name);
    const other = path !== keep && entry.name !== 'consumers' && !entry.name.endsWith('.lock');
    if (entry.isDirectory() && other) await rm(path, { recursive: true, force: true });
  }
}

async function withLock(lock: string, fn: () => Promise<void>): Promise<void> {
  await mkdir(join(lock, '..'), { recursive: true });
  for (;;) {
    try {
      await mkdir(lock);
      break;
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code !== 'EEXIST') throw error;
      const since = await stat(lock).then(
        s => Date.now() - s.mtimeMs,
        () => 0,
      );
      // a lock left by a killed run
      if (since > LOCK_STALE_MS) await rm(lock, { recursive: true, force: true });
      await new Promise(resolve => setTimeout(resolve, 250));
    }
  }
  try {
    await fn();
  } finally {
    await rm(lock, { recursive: true, force: true });
  }
}

async function exists(path: string): Promise<boolean> {
  return stat(path).then(
    () => true,
    () => false,
  );
}
