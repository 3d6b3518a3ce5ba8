import { readFileSync } from 'node:fs';
import { availableParallelism } from 'node:os';
import { fileURLToPath } from 'node:url';
import { configDefaults, defineConfig } from 'vitest/config';

const { version } = JSON.parse(readFileSync(new URL('./package.json', import.meta.url), 'utf8'));

// The tests of the packed tarball (see test/support/packed-package.ts).
const packageTests = [
  'test/package.test.ts',
  'test/consumer-types.test.ts',
  'test/edge-bundle.test.ts',
  'test/examples.test.ts',
];

export default defineConfig({
  resolve: {
    alias: [
      {
        find: /^ai-sdk-provider-codex\/redis$/,
        replacement: fileURLToPath(new URL('./src/redis/index.ts', import.meta.url)),
      },
      {
        find: /^ai-sdk-provider-codex\/v3$/,
        replacement: fileURLToPath(new URL('./src/v3/index.ts', import.meta.url)),
      },
      {
        find: /^ai-sdk-provider-codex\/v4$/,
        replacement: fileURLToPath(new URL('./src/v4/index.ts', import.meta.url)),
      },
      {
        find: /^ai-sdk-provider-codex$/,
        replacement: fileURLToPath(new URL('./src/index.ts', import.meta.url)),
      },
    ],
  },
  define: { __PACKAGE_VERSION__: JSON.stringify(version) },
  test: {
    setupFiles: ['test/support/no-secrets-setup.ts', 'test/support/quiet-ai-sdk-warnings.ts'],
    testTimeout: 20_000,
    // Much of the suite waits: on child processes (tsc, tsx, node), loopback servers, real
    // timers. Vitest's default, a worker less than there are cores, leaves a 2-core machine
    // a single worker; one more than the cores keeps them busy.
    maxWorkers: availableParallelism() + 1,
    projects: [
      {
        extends: true,
        test: {
          name: 'code',
          include: ['src/**/*.test.ts', 'test/**/*.test.ts'],
          // test/redis/ runs a real redis-server, which a fresh machine may lack:
          // `npm run test:redis` (vitest.redis.config.ts)
          exclude: [...configDefaults.exclude, ...packageTests, 'test/redis/**'],
        },
      },
      {
        // `npm pack` starts with the run (only a run that has package tests) and the package
        // tests come last, by when the tarball is built.
        extends: true,
        test: {
          name: 'package',
          include: packageTests,
          globalSetup: ['test/support/pack-in-background.ts'],
          sequence: { groupOrder: 1 },
        },
      },
    ],
  },
});
