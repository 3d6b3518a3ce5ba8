import { build } from 'esbuild';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';

describe('edge bundle', () => {
  it.each(['index', 'v3/index', 'v4/index'])(
    '%s keeps node:* and undici out of the entry chunk; auth-file and WebSocket code load only on use',
    async entry => {
      const result = await build({
        entryPoints: { entry: fileURLToPath(new URL(`../src/${entry}.ts`, import.meta.url)) },
        bundle: true,
        splitting: true,
        format: 'esm',
        platform: 'neutral',
        outdir: '/virtual-out',
        write: false,
        external: ['@ai-sdk/*', 'zod', 'zod/*', 'eventsource-parser', 'undici', 'node:*'],
        logLevel: 'silent',
      });
      const main = result.outputFiles.find(f => f.path.endsWith('/entry.js'))!;
      expect(main.text).not.toMatch(/node:(fs|os|path|crypto)/);
      // type-only imports of the newest spec leave no runtime trace
      expect(main.text).not.toContain('provider-latest');
      const chunks = result.outputFiles.filter(f => f !== main && f.path.endsWith('.js'));
      expect(chunks.some(c => c.text.includes('node:fs'))).toBe(true);
      // the sign-in flows (`/login`: a loopback server, a browser opener) are not even lazy here
      for (const file of result.outputFiles) {
        expect(file.text).not.toMatch(/node:(http|child_process|util)/);
        expect(file.text).not.toContain('loginWithBrowser');
      }
      expect(main.text).not.toContain('undici');
      expect(chunks.some(c => c.text.includes('"undici"'))).toBe(true);
    },
  );
});
