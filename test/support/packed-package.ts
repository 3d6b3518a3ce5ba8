import { execFile } from 'node:child_process';
import { createHash } from 'node:crypto';
import {
  mkdir,
  mkdtemp,
  readdir,
  readFile,
  realpath,
  rm,
  stat,
  symlink,
  writeFile,
} from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { dirname, join, relative } from 'node:path';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';

// The tarball `npm pack` makes, and fresh projects that use it, for the test files that need
// them. `npm pack` rebuilds `dist`, and several vitest workers ask at once, so packing runs
// under a lock and is cached by a hash of everything the tarball is made from.
//
// Consumer projects are made without a registry: the tarball is unpacked where npm would
// put it, and every other package is a symlink to the copy `npm ci` installed in this
// repository. They live outside the repository, so a module that the tarball imports but
// does not declare is not found (Node and TypeScript would otherwise climb to our
// node_modules).

export const run = promisify(execFile);
export const root = fileURLToPath(new URL('../..', import.meta.url));
const rootModules = join(root, 'node_modules');
const cacheRoot = join(rootModules, '.cache/ai-sdk-provider-codex-pack');
const PACKAGE = 'ai-sdk-provider-codex';

export type PackedPackage = { tarball: string; files: string[] };

type Manifest = {
  name: string;
  version: string;
  bin?: Record<string, string>;
  dependencies?: Record<string, string>;
  optionalDependencies?: Record<string, string>;
};

let packed: Promise<PackedPackage> | undefined;

/**
 * The tarball of the current sources. The first caller packs it; the others, in this and
 * other processes, wait for that and use it. A failed `npm pack` leaves its error for the
 * others of the same run, instead of each building again to fail the same way; `retry`
 * (the start of a run) clears it.
 */
export function packPackage({ retry = false } = {}): Promise<PackedPackage> {
  return (packed ??= (async () => {
    const dir = join(cacheRoot, await sourceHash());
    const manifest = join(dir, 'pack.json');
    const failure = join(dir, 'pack-error.txt');
    await withLock(join(cacheRoot, 'pack.lock'), async () => {
      if (await exists(manifest)) return;
      if (!retry && (await exists(failure))) throw new Error(await readFile(failure, 'utf8'));
      await rm(dir, { recursive: true, force: true });
      await mkdir(dir, { recursive: true });
      const { stdout } = await run('npm', ['pack', '--json', '--pack-destination', dir], {
        cwd: root,
        env: { ...process.env, npm_config_update_notifier: 'false' },
        maxBuffer: 1 << 24,
      }).catch(async (error: Error & { stdout?: string; stderr?: string }) => {
        const message = `npm pack failed: ${error.message}\n${error.stdout ?? ''}${error.stderr ?? ''}`;
        await writeFile(failure, message);
        throw new Error(message);
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
 * A fresh project in the system temp directory with the packed package in its
 * node_modules, and `dependencies` (its name in the project → the directory in this
 * repository's node_modules, e.g. `{ ai: 'ai-v6' }`) linked beside it. The packed
 * package's own dependencies are linked inside it, as npm nests them when it cannot hoist.
 * Remove it with `rm` when done.
 */
export async function consumerProject(
  dependencies: Record<string, string>,
  manifest: Record<string, unknown> = {},
): Promise<string> {
  const { tarball } = await packPackage();
  const dir = await mkdtemp(join(tmpdir(), 'codex-consumer-'));
  const installed = join(dir, 'node_modules', PACKAGE);
  await mkdir(installed, { recursive: true });
  await run('tar', ['-xzf', tarball, '-C', installed, '--strip-components=1']);
  const pkg = JSON.parse(await readFile(join(installed, 'package.json'), 'utf8')) as Manifest;

  const versions: Record<string, string> = { [PACKAGE]: pkg.version };
  for (const [name, from] of Object.entries(dependencies)) {
    await linkPackage(join(dir, 'node_modules', name), from);
    versions[name] = (await readManifest(join(rootModules, from))).version;
  }
  // the tarball's package.json is ours, so npm ci installed its dependencies at our top level
  const own = await readManifest(root);
  for (const [name, range] of Object.entries(pkg.dependencies ?? {})) {
    if (own.dependencies?.[name] !== range) throw new Error(`${name}@${range} is not ours`);
    await linkPackage(join(installed, 'node_modules', name), name);
  }
  // what npm's bin-links does: the tarball's `bin` files, linked from node_modules/.bin
  for (const [command, target] of Object.entries(pkg.bin ?? {})) {
    await mkdir(join(dir, 'node_modules/.bin'), { recursive: true });
    await symlink(join('..', PACKAGE, target), join(dir, 'node_modules/.bin', command));
  }
  await writeFile(
    join(dir, 'package.json'),
    JSON.stringify({ name: 'consumer', private: true, ...manifest, dependencies: versions }),
  );
  return dir;
}

/**
 * Every package the installed `name` loads at run time (its `dependencies`, recursively,
 * found the way Node finds them from where each one really is), as `name@version`.
 */
export async function runtimeDependencies(project: string, name: string): Promise<string[]> {
  const seen = new Map<string, string>();
  const visit = async (from: string, dep: string): Promise<void> => {
    const dir = await findPackage(from, dep);
    if (seen.has(dir)) return;
    const pkg = await readManifest(dir);
    seen.set(dir, `${pkg.name}@${pkg.version}`);
    const deps = { ...pkg.dependencies, ...pkg.optionalDependencies };
    for (const child of Object.keys(deps)) {
      const optional = child in (pkg.optionalDependencies ?? {});
      await visit(dir, child).catch(error => {
        if (!optional) throw error;
      });
    }
  };
  await visit(project, name);
  return [...seen.values()].slice(1);
}

async function linkPackage(link: string, from: string): Promise<void> {
  const target = join(rootModules, from);
  if (!(await exists(join(target, 'package.json')))) {
    throw new Error(`${from} is not installed: add it to devDependencies and run npm ci`);
  }
  await mkdir(dirname(link), { recursive: true });
  await symlink(target, link, 'dir');
}

/** Node's lookup: `node_modules/<name>` in `from` and each directory above it. */
async function findPackage(from: string, name: string): Promise<string> {
  for (let dir = await realpath(from); ; dir = dirname(dir)) {
    const candidate = join(dir, 'node_modules', name);
    if (!dir.endsWith('/node_modules') && (await exists(join(candidate, 'package.json')))) {
      return realpath(candidate);
    }
    if (dirname(dir) === dir) throw new Error(`cannot find ${name} from ${from}`);
  }
}

async function readManifest(dir: string): Promise<Manifest> {
  return JSON.parse(await readFile(join(dir, 'package.json'), 'utf8')) as Manifest;
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

/** The files under `dir` that can end up in `dist`: tests cannot. */
async function listFiles(dir: string): Promise<string[]> {
  const entries = await readdir(dir, { recursive: true, withFileTypes: true });
  return entries
    .filter(e => e.isFile() && !e.name.endsWith('.test.ts'))
    .map(e => relative(root, join(e.parentPath, e.name)));
}

async function pruneOtherBuilds(keep: string): Promise<void> {
  for (const entry of await readdir(cacheRoot, { withFileTypes: true })) {
    const path = join(cacheRoot, entry.name);
    if (entry.isDirectory() && path !== keep && !entry.name.endsWith('.lock')) {
      await rm(path, { recursive: true, force: true });
    }
  }
}

async function withLock(lock: string, fn: () => Promise<void>): Promise<void> {
  await mkdir(join(lock, '..'), { recursive: true });
  for (;;) {
    try {
      await mkdir(lock);
      await writeFile(join(lock, 'pid'), String(process.pid));
      break;
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code !== 'EEXIST') throw error;
      // a lock left by a run that was killed: its process is gone
      if (!(await holderAlive(lock))) await rm(lock, { recursive: true, force: true });
      await new Promise(resolve => setTimeout(resolve, 250));
    }
  }
  try {
    await fn();
  } finally {
    await rm(lock, { recursive: true, force: true });
  }
}

async function holderAlive(lock: string): Promise<boolean> {
  const pid = Number(await readFile(join(lock, 'pid'), 'utf8').catch(() => ''));
  if (!pid) {
    // taken an instant ago, the pid not written yet; or by a process killed in between
    const age = await stat(lock).then(
      s => Date.now() - s.mtimeMs,
      () => 0,
    );
    return age < 10_000;
  }
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    return (error as NodeJS.ErrnoException).code === 'EPERM';
  }
}

async function exists(path: string): Promise<boolean> {
  return stat(path).then(
    () => true,
    () => false,
  );
}
