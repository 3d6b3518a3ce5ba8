import { Miniflare } from 'miniflare';
import { afterAll, describe } from 'vitest';
import { useCodexEmulator } from '../support/use-codex-emulator';
import { bundleApp, ENTRIES, useRuntimeApp, type EntryName } from './support/runtime-app';
import { edgeAppChecks } from './support/edge-app-checks';

// Cloudflare's workerd (through miniflare) running a worker bundled as wrangler bundles it:
// esbuild, the workerd/worker/browser conditions, nothing external. A worker's global scope
// may not draw random values, start timers or do I/O, so merely importing the package must
// do none of them.

const emu = useCodexEmulator();
const app = useRuntimeApp();

async function startWorker(entry: EntryName, flags: string[]): Promise<Miniflare> {
  const { code } = await bundleApp(app(), 'worker.mjs', {
    entry,
    format: 'esm',
    platform: 'neutral',
    conditions: ['workerd', 'worker', 'browser'],
    mainFields: ['browser', 'module', 'main'],
  });
  const worker = new Miniflare({
    // the bundle as one module, as wrangler uploads it (miniflare would otherwise refuse its
    // `import()` of a computed name, undici's, which never runs in a worker)
    modules: [{ type: 'ESModule', path: 'worker.js', contents: code }],
    compatibilityDate: '2026-07-01',
    compatibilityFlags: flags,
    bindings: { CODEX_BASE_URL: emu.baseURL },
  });
  try {
    await worker.ready;
  } catch (error) {
    await worker.dispose();
    throw error;
  }
  return worker;
}

describe.each([
  { flags: [] as string[], name: 'without nodejs_compat' },
  { flags: ['nodejs_compat'], name: 'with nodejs_compat' },
])('workerd $name', ({ flags }) => {
  describe.each(Object.keys(ENTRIES) as EntryName[])('a worker importing the %s entry', entry => {
    let worker: Miniflare | undefined;
    afterAll(() => worker?.dispose());
    edgeAppChecks(emu, entry, async path => {
      worker ??= await startWorker(entry, flags);
      return worker.dispatchFetch(`http://worker.local${path}`);
    });
  });
});
