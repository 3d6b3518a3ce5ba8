import { build, type BuildOptions } from 'esbuild';
import { rm, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startCodexEmulator, type CodexEmulator } from './support/codex-emulator';
import { consumerProject, run } from './support/packed-package';

// What we ship, bundled the way browser and edge apps bundle it: the packed tarball's
// `dist`, with nothing marked external. An app that passes `auth` never needs Node, so its
// bundle must build, and the Node-only auth-file code must stay out of the entry chunk (out
// of the bundle altogether where the browser and edge conditions pick `dist/edge`).

let dir: string;
let emu: CodexEmulator;

beforeAll(async () => {
  emu = await startCodexEmulator();
  dir = await consumerProject({ zod: 'zod' });
}, 240_000);
afterAll(async () => {
  await emu.close();
  await rm(dir, { recursive: true, force: true });
});

const targets: Record<string, BuildOptions> = {
  browser: { platform: 'browser' },
  neutral: { platform: 'neutral' },
  // Vercel's edge runtime and Cloudflare workers resolve with these conditions, and minify
  edge: {
    platform: 'neutral',
    conditions: ['edge-light', 'workerd', 'worker', 'browser'],
    minify: true,
  },
};
const entries = ['ai-sdk-provider-codex', 'ai-sdk-provider-codex/v3', 'ai-sdk-provider-codex/v4'];
const cases = entries.flatMap(entry =>
  Object.keys(targets).flatMap(target =>
    (['import', 'require'] as const).map(style => ({ entry, target, style })),
  ),
);

describe('browser and edge bundles of the packed package', () => {
  it.each(cases)(
    '$entry for $target ($style) builds and runs',
    async ({ entry, target, style }) => {
      const name = `${entry.replaceAll(/\W/g, '-')}-${target}-${style}`;
      const app = join(dir, `${name}.${style === 'import' ? 'mjs' : 'cjs'}`);
      const call = `createCodex({ baseURL: globalThis.CODEX_BASE_URL, auth: { accessToken: 'at-SECRET-edge' } })('gpt-5.3-codex').doGenerate({ prompt: [{ role: 'user', content: [{ type: 'text', text: 'edge' }] }] })`;
      await writeFile(
        app,
        style === 'import'
          ? `import { createCodex } from '${entry}';\nexport const answer = () => ${call};\n`
          : `const { createCodex } = require('${entry}');\nexports.answer = () => ${call};\n`,
      );
      const outdir = join(dir, name);
      const result = await build({
        entryPoints: { app },
        bundle: true,
        splitting: true,
        format: 'esm',
        outdir,
        logLevel: 'silent',
        metafile: true,
        ...targets[target],
      });
      expect(result.errors).toEqual([]);

      const outputs = Object.entries(result.metafile!.outputs).filter(([f]) => f.endsWith('.js'));
      const [, main] = outputs.find(([, o]) => o.entryPoint != null)!;
      const builtins = (o: (typeof outputs)[number][1]) =>
        o.imports.filter(i => i.path.startsWith('node:')).map(i => i.kind);
      // Node builtins are reached only through `import()`, never statically
      expect(builtins(main).every(kind => kind === 'dynamic-import')).toBe(true);
      if (style === 'import' && target !== 'neutral') {
        // the browser and edge conditions pick dist/edge, which has no Node-only code at all
        for (const [, output] of outputs) expect(builtins(output)).toEqual([]);
        const ours = outputs.flatMap(([, o]) =>
          Object.keys(o.inputs).filter(i => i.includes('node_modules/ai-sdk-provider-codex/')),
        );
        expect(ours.length).toBeGreaterThan(0);
        expect(ours.filter(i => !i.includes('/dist/edge/'))).toEqual([]);
      } else if (style === 'import') {
        // ESM `dist` keeps the auth-file code in a chunk of its own, loaded on use
        expect(builtins(main)).toEqual([]);
        expect(outputs.some(([, o]) => builtins(o).length > 0)).toBe(true);
      }
      for (const [, output] of outputs) {
        const inputs = Object.keys(output.inputs);
        // undici (proxies, WebSocket) is loaded by Node's resolver on use, never bundled
        expect(output.imports.map(i => i.path)).not.toContain('undici');
        expect(inputs.filter(input => input.includes('/undici/'))).toEqual([]);
        // the sign-in flows (`/login`: a loopback server, a browser opener) are not even lazy
        expect(output.imports.map(i => i.path)).not.toContain('node:http');
        expect(output.imports.map(i => i.path)).not.toContain('node:child_process');
        // the Redis sign-in (`/redis`) and its client are not even lazy
        expect(output.imports.map(i => i.path)).not.toContain('redis');
        expect(inputs.filter(input => input.includes('/redis/'))).toEqual([]);
        // zod as a namespace: its named `z` export drags every locale into an ESM bundle,
        // not only the English one zod itself uses (CommonJS cannot leave any out)
        if (style === 'import') {
          expect(inputs.filter(input => /\/zod\/.*\/locales\/(?!en\.)/.test(input))).toEqual([]);
        }
      }

      // and the bundle works: one call against the emulator
      const script = `globalThis.CODEX_BASE_URL = ${JSON.stringify(emu.baseURL)};
const bundle = await import(${JSON.stringify(pathToFileURL(join(outdir, 'app.js')).href)});
const { answer } = bundle.answer ? bundle : bundle.default;
const result = await answer();
console.log(result.content.find(p => p.type === 'text').text);`;
      const { stdout } = await run(process.execPath, ['--input-type=module', '-e', script]);
      expect(stdout).toBe('Hello from the Codex emulator! You said: "edge"\n');
    },
  );
});
