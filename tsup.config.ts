import { readFileSync } from 'node:fs';
import { defineConfig } from 'tsup';

const { version } = JSON.parse(readFileSync(new URL('./package.json', import.meta.url), 'utf8'));

const shared = {
  // tsup's default: ESM is split, so the lazily loaded auth-file code is a chunk of its own;
  // CJS is not, because tsup's CJS splitting turns `await import('node:fs')` into a
  // `require` that bundlers can no longer tell apart from a hard dependency.
  // `node:fs` stays `node:fs`: bundlers for browsers and edge runtimes know the prefix, while
  // a bare `fs` looks like an npm package they must find.
  removeNodeProtocol: false,
  sourcemap: true,
  target: 'es2022',
  define: { __PACKAGE_VERSION__: JSON.stringify(version) },
} as const;

export default defineConfig([
  {
    ...shared,
    entry: {
      index: 'src/index.ts',
      'v3/index': 'src/v3/index.ts',
      'v4/index': 'src/v4/index.ts',
      // Node only: sign-in flows for apps, and the command (its `#!/usr/bin/env node` line is
      // in src/cli/bin.ts; esbuild keeps an entry's hashbang, so no other file gets one).
      'login/index': 'src/login/index.ts',
      cli: 'src/cli/bin.ts',
      // Node only: the sign-in in Redis; the `redis` package (an optional peer) stays external
      // and is loaded with `import()` when the first Redis command runs.
      'redis/index': 'src/redis/index.ts',
    },
    format: ['esm', 'cjs'],
    // V3/V4 types come from dev-only aliases of the @ai-sdk/provider majors that ai@6 and ai@7
    // use, and are inlined, so an AI SDK 5 app installs no newer runtime.
    dts: { resolve: ['@ai-sdk/provider-latest', '@ai-sdk/provider-v3'] },
    // dist/edge is the other build's
    clean: ['!edge/**'],
  },
  {
    ...shared,
    // The entries again for browsers and edge runtimes (the `browser`, `worker`, `workerd`
    // and `edge-light` conditions of package.json): a module with an `.edge.ts` twin is built
    // from the twin, so the Node-only code (auth file, WebSocket, proxy variables) is not in
    // their bundles at all, not even as a lazy chunk a one-file bundle would inline.
    entry: { index: 'src/index.ts', 'v3/index': 'src/v3/index.ts', 'v4/index': 'src/v4/index.ts' },
    outDir: 'dist/edge',
    format: ['esm'],
    clean: true,
    esbuildOptions(options) {
      options.resolveExtensions = ['.edge.ts', '.ts', '.js', '.json'];
    },
  },
]);
