import { configDefaults, defineConfig } from 'vitest/config';
import base from './vitest.config';

// `npm run test:redis`: the tests of `ai-sdk-provider-codex/redis` against a real
// redis-server (Debian's package), which each file starts on a free loopback port. Not a
// mergeConfig: it would append to the base's include and exclude, not replace them.
export default defineConfig({
  ...base,
  test: {
    ...base.test,
    // one project of its own, not the base's `code` and `package` projects
    projects: undefined,
    include: ['test/redis/**/*.test.ts'],
    exclude: configDefaults.exclude,
    globalSetup: ['test/support/redis-global-setup.ts'],
    testTimeout: 60_000,
    hookTimeout: 30_000,
  },
});
