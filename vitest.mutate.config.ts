import { configDefaults, defineConfig, mergeConfig } from 'vitest/config';
import base from './vitest.config';

// The suite Stryker runs against each mutant. Tests that spawn processes (the packed
// tarball, the examples) or bundle the sources with esbuild run outside this process, where
// Stryker cannot switch a mutant on, and they take minutes each, so they are left out (and
// the emulator's own command, which tests no source).
export default mergeConfig(
  base,
  defineConfig({
    test: {
      exclude: [
        ...configDefaults.exclude,
        'test/package.test.ts',
        'test/edge-bundle.test.ts',
        'test/examples.test.ts',
        'test/e2e/**',
        'test/emulator-cli.test.ts',
      ],
    },
  }),
);
