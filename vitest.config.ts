import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { defineConfig } from 'vitest/config';

const { version } = JSON.parse(readFileSync(new URL('./package.json', import.meta.url), 'utf8'));

export default defineConfig({
  resolve: {
    alias: [
      { find: /^ai-sdk-provider-codex\/v3$/, replacement: fileURLToPath(new URL('./src/v3/index.ts', import.meta.url)) },
      { find: /^ai-sdk-provider-codex\/v4$/, replacement: fileURLToPath(new URL('./src/v4/index.ts', import.meta.url)) },
      { find: /^ai-sdk-provider-codex$/, replacement: fileURLToPath(new URL('./src/index.ts', import.meta.url)) },
    ],
  },
  define: { __PACKAGE_VERSION__: JSON.stringify(version) },
  test: {
    include: ['src/**/*.test.ts', 'test/**/*.test.ts'],
    setupFiles: ['test/support/no-secrets-setup.ts', 'test/support/quiet-ai-sdk-warnings.ts'],
    testTimeout: 20_000,
  },
});
