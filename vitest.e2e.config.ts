import { defineConfig } from 'vitest/config';

// Browser tests of the Next.js example; they need Chromium and a built example app
// (see .ci/run), so they stay out of `npm test`.
export default defineConfig({
  test: {
    include: ['test/e2e/**/*.e2e.ts'],
    setupFiles: ['test/support/no-secrets-setup.ts'],
    testTimeout: 60_000,
  },
});
