import { build } from 'esbuild';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';

describe('edge bundle', () => {
  it('keeps node:fs out of the entry chunk; the auth-file code loads only on use', async () => {
    const result = await build({
      entryPoints: [fileURLToPath(new URL('../src/index.ts', import.meta.url))],
      bundle: true,
      splitting: true,
      format: 'esm',
      platform: 'neutral',
      outdir: '/virtual-out',
      write: false,
      external: ['@ai-sdk/*', 'zod', 'zod/*', 'eventsource-parser', 'node:*'],
      logLevel: 'silent',
    });
    const entry = result.outputFiles.find(f => f.path.endsWith('/index.js'))!;
    expect(entry.text).not.toMatch(/node:(fs|os|path|crypto)/);
    const chunks = result.outputFiles.filter(f => f !== entry && f.path.endsWith('.js'));
    expect(chunks.some(c => c.text.includes('node:fs'))).toBe(true);
  });
});
