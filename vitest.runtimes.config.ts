import { defineConfig } from 'vitest/config';

// The packed package in real runtimes (workerd, Bun, Deno, Vercel's edge runtime, Chromium)
// against the emulator: `npm run test:runtimes`, run by .ci/run after `npm test`.
export default defineConfig({
  test: {
    include: ['test/runtimes/**/*.runtime.ts'],
    setupFiles: ['test/support/no-secrets-setup.ts'],
    testTimeout: 60_000,
    hookTimeout: 300_000,
  },
});
