import { configDefaults, defineConfig, mergeConfig } from 'vitest/config';
import base from './vitest.config';

// The suite Stryker runs against each mutant. Tests that spawn processes (the packed
// tarball, the examples) or bundle the sources with esbuild run outside this process, where
// Stryker cannot switch a mutant on, and they take minutes each, so they are left out (and
// the emulator's own command, which tests no source). The fault soak runs for seconds over
// the whole hot path, so it would run against nearly every mutant; the focused tests of
// what it checks (fault matrix, credential edges) run instead.
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
        'test/fault-soak.test.ts',
      ],
    },
  }),
);
