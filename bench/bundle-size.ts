/**
 * `npm run bench:size` — what the package costs in a browser or edge app: an esbuild bundle
 * (minified, edge conditions, nothing external) of `createCodex` + `streamText` with the packed
 * tarball, per entry, split by who wrote the code (esbuild's metafile: bytes each input file
 * leaves in the output). Then the package's own code by source module, from a bundle of
 * `src/` made the same way, to see what to shrink. Prints tables and writes
 * bench/results-size.json.
 */
import { writeFileSync } from 'node:fs';
import { readFile, rm, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { gzipSync } from 'node:zlib';
import { build, type BuildOptions, type Metafile } from 'esbuild';
import { root } from '../test/support/packed-package';
import { runtimeProject } from '../test/runtimes/support/runtime-app';

const EDGE: BuildOptions = {
  bundle: true,
  minify: true,
  format: 'esm',
  platform: 'neutral',
  conditions: ['edge-light', 'workerd', 'worker', 'browser'],
  mainFields: ['browser', 'module', 'main'],
  logLevel: 'silent',
  metafile: true,
  write: false,
};

const ENTRIES = [
  { entry: 'root', provider: 'ai-sdk-provider-codex', ai: 'ai' },
  { entry: 'v3', provider: 'ai-sdk-provider-codex/v3', ai: 'ai-v6' },
  { entry: 'v4', provider: 'ai-sdk-provider-codex/v4', ai: 'ai-v7' },
];

/**
 * Modules that only run on Node, Deno and Bun (auth file, sign-in, WebSocket, proxies through
 * undici): the edge build (`dist/edge`) has `.edge.ts` twins in their place.
 */
const NODE_ONLY = [
  /\/auth\/(auth-file-store|create-file-auth|credentials-store-mode|load-node-builtins)\.ts$/,
  /\/login\//,
  /\/transport\/websocket\/(?!.*\.edge\.ts$|with-warning\.ts$)/,
  /\/transport\/(default-fetch|load-undici)\.ts$/,
];

type Split = Record<'total' | 'ours' | 'zod' | 'ai' | 'aiSdk' | 'other', number>;

function owner(input: string): keyof Split {
  const pkg = /node_modules\/((?:@[^/]+\/)?[^/]+)\/(?!.*node_modules\/)/.exec(input)?.[1];
  if (pkg === 'ai-sdk-provider-codex' || input.startsWith('src/')) return 'ours';
  if (pkg === 'zod') return 'zod';
  if (pkg === 'ai' || pkg === 'ai-v6' || pkg === 'ai-v7') return 'ai';
  if (pkg?.startsWith('@ai-sdk/')) return 'aiSdk';
  return 'other';
}

/**
 * The outputs a page or worker loads at start: the entry chunk and every chunk it imports
 * statically (with splitting, code shared with a lazy chunk moves into a chunk of its own).
 */
function startupOutputs(metafile: Metafile, app: string): Set<string> {
  const outputs = metafile.outputs;
  // a chunk loaded by `import()` has an entry point too: the module it starts with
  const todo = Object.keys(outputs).filter(o => outputs[o]!.entryPoint === app);
  const seen = new Set<string>();
  for (let o = todo.pop(); o != null; o = todo.pop()) {
    if (seen.has(o)) continue;
    seen.add(o);
    for (const i of outputs[o]!.imports) if (i.kind === 'import-statement') todo.push(i.path);
  }
  return seen;
}

/** Bytes each owner leaves in the given outputs. */
function split(metafile: Metafile, outputs: Iterable<string>): Split {
  const sizes: Split = { total: 0, ours: 0, zod: 0, ai: 0, aiSdk: 0, other: 0 };
  for (const name of outputs) {
    const output = metafile.outputs[name]!;
    sizes.total += output.bytes;
    for (const [input, { bytesInOutput }] of Object.entries(output.inputs)) {
      sizes[owner(input)] += bytesInOutput;
    }
  }
  return sizes;
}

const kb = (bytes: number) => `${(bytes / 1024).toFixed(1)} KB`;

async function main() {
  const dir = await runtimeProject();
  const results: Record<string, unknown> = {};
  try {
    console.log('\nThe packed package in an edge bundle of createCodex + streamText (minified)\n');
    console.log(
      '| entry | bundle | total | gzip | ours | zod | ai | @ai-sdk/* | other | Node-only in it |',
    );
    console.log('|---|---|---|---|---|---|---|---|---|---|');
    const added: string[] = [];
    for (const { entry, provider, ai } of ENTRIES) {
      // what the app would weigh without the package: `streamText` with a model from elsewhere
      const bare = join(dir, `${entry}-bare.mjs`);
      await writeFile(
        bare,
        `import { streamText } from '${ai}';\nexport const chat = (model, prompt) => streamText({ model, prompt });\n`,
      );
      const alone = split(
        (await build({ ...EDGE, entryPoints: [bare], absWorkingDir: dir })).metafile!,
        [`${entry}-bare.js`],
      );
      const app = join(dir, `${entry}.mjs`);
      await writeFile(
        app,
        `import { streamText } from '${ai}';
import { createCodex } from '${provider}';
const codex = createCodex({ auth: { accessToken: 'at-bench' } });
export const chat = prompt => streamText({ model: codex('gpt-5.3-codex'), prompt });
`,
      );
      // one file, as wrangler uploads a worker; and split, as a browser app loads it
      for (const variant of ['one file', 'split'] as const) {
        const result = await build({
          ...EDGE,
          entryPoints: [app],
          absWorkingDir: dir,
          ...(variant === 'split' ? { splitting: true, outdir: join(dir, 'out') } : {}),
        });
        const metafile = result.metafile!;
        const startup = startupOutputs(metafile, `${entry}.mjs`);
        const lazy = Object.keys(metafile.outputs).filter(o => !startup.has(o));
        const main = split(metafile, startup);
        const rest = split(metafile, lazy);
        const inputs = [...startup].flatMap(o => Object.keys(metafile.outputs[o]!.inputs));
        const nodeOnly = [
          ...new Set(
            inputs
              .filter(
                i =>
                  owner(i) === 'ours' &&
                  /auth-file|file-auth|login|socket|undici/.test(i) &&
                  !/\.edge[-.]/.test(i),
              )
              .map(i => i.replace(/.*\/dist\//, '')),
          ),
        ];
        const hasUndici = inputs.some(i => i.includes('/undici/'));
        const gz = result
          .outputFiles!.filter(
            f => variant === 'one file' || [...startup].some(o => f.path.endsWith(o)),
          )
          .reduce((n, f) => n + gzipSync(f.contents).length, 0);
        const label = variant === 'split' ? 'split: loaded at start' : variant;
        console.log(
          `| ${entry} | ${label} | ${kb(main.total)} | ${kb(gz)} | ${kb(main.ours)} | ${kb(main.zod)} | ${kb(main.ai)} | ${kb(main.aiSdk)} | ${kb(main.other)} | ${[...nodeOnly, ...(hasUndici ? ['undici'] : [])].join(', ') || 'none'} |`,
        );
        if (variant === 'split') {
          console.log(
            `| ${entry} | split: lazy chunks | ${kb(rest.total)} | | ${kb(rest.ours)} | ${kb(rest.zod)} | ${kb(rest.ai)} | ${kb(rest.aiSdk)} | ${kb(rest.other)} | |`,
          );
        }
        if (variant === 'one file') {
          added.push(
            `| ${entry} | ${kb(alone.total)} | ${kb(main.total)} | ${kb(main.total - alone.total)} | ${kb(main.zod - alone.zod)} |`,
          );
          results[`${entry} ai alone`] = alone;
        }
        results[`${entry} ${variant}`] = {
          startup: main,
          lazy: rest,
          nodeOnly,
          hasUndici,
          gzip: gz,
        };
      }
    }

    console.log('\nWhat the package adds to an app that already uses `ai` (one file, minified)\n');
    console.log('| entry | `ai` alone | with the package | added | of which zod |');
    console.log('|---|---|---|---|---|');
    for (const row of added) console.log(row);

    // Our code by source module: src/ bundled the same way, as the edge build makes it (its
    // define, and the `.edge.ts` twins of the Node-only modules)
    const { version } = JSON.parse(await readFile(join(root, 'package.json'), 'utf8'));
    console.log('\nOur code by source module (root entry, one file, minified, from src/)\n');
    const srcApp = join(dir, 'src-app.ts');
    await writeFile(
      srcApp,
      `import { streamText } from 'ai';
import { createCodex } from ${JSON.stringify(join(root, 'src/index.ts'))};
const codex = createCodex({ auth: { accessToken: 'at-bench' } });
export const chat = (prompt: string) => streamText({ model: codex('gpt-5.3-codex'), prompt });
`,
    );
    const fromSrc = await build({
      ...EDGE,
      entryPoints: [srcApp],
      absWorkingDir: dir,
      define: { __PACKAGE_VERSION__: JSON.stringify(version) },
      resolveExtensions: ['.edge.ts', '.ts', '.js', '.json'],
    });
    const modules = Object.entries(Object.values(fromSrc.metafile!.outputs)[0]!.inputs)
      // the repository's own src/, not a dependency's
      .filter(([input]) => !input.includes('node_modules/') && /(^|\/)src\//.test(input))
      .map(([input, { bytesInOutput }]) => ({
        module: input.replace(/^.*?(^|\/)src\//, 'src/'),
        bytes: bytesInOutput,
      }))
      .sort((a, b) => b.bytes - a.bytes);
    const ours = modules.reduce((n, m) => n + m.bytes, 0);
    const folders = new Map<string, number>();
    for (const m of modules) {
      const folder = m.module.split('/').slice(0, -1).join('/') || 'src';
      folders.set(folder, (folders.get(folder) ?? 0) + m.bytes);
    }
    const nodeOnlyBytes = modules
      .filter(m => NODE_ONLY.some(re => re.test(`/${m.module}`)))
      .reduce((n, m) => n + m.bytes, 0);
    console.log(
      `ours: ${kb(ours)} in ${modules.length} modules; Node-only modules among them: ${kb(nodeOnlyBytes)}\n`,
    );
    console.log('| folder | minified |');
    console.log('|---|---|');
    for (const [folder, bytes] of [...folders].sort((a, b) => b[1] - a[1])) {
      console.log(`| ${folder} | ${kb(bytes)} |`);
    }
    console.log('\n| largest modules | minified |');
    console.log('|---|---|');
    for (const m of modules.slice(0, 20)) {
      const flag = NODE_ONLY.some(re => re.test(`/${m.module}`)) ? ' (Node only)' : '';
      console.log(`| ${m.module}${flag} | ${kb(m.bytes)} |`);
    }
    results.sourceModules = { ours, nodeOnlyBytes, folders: Object.fromEntries(folders), modules };
    writeFileSync(
      new URL('./results-size.json', import.meta.url),
      `${JSON.stringify(results, null, 2)}\n`,
    );
  } finally {
    await rm(dir, { recursive: true, force: true });
  }
}

await main();
