import { EdgeRuntime } from 'edge-runtime';
import { describe } from 'vitest';
import { useCodexEmulator } from '../support/use-codex-emulator';
import { bundleApp, ENTRIES, useRuntimeApp, type EntryName } from './support/runtime-app';
import { edgeAppChecks } from './support/edge-app-checks';

// Vercel's edge runtime (the `edge-runtime` package: the sandbox `next dev` and
// `vercel dev` run edge functions in) with the app bundled as Next.js bundles edge code:
// the edge-light/worker/browser conditions, one script, nothing external.

const emu = useCodexEmulator();
const app = useRuntimeApp();

async function startEdge(entry: EntryName): Promise<EdgeRuntime> {
  const { code } = await bundleApp(app(), 'edge.mjs', {
    entry,
    format: 'iife',
    platform: 'neutral',
    conditions: ['edge-light', 'worker', 'browser'],
    mainFields: ['browser', 'module', 'main'],
  });
  return new EdgeRuntime({
    initialCode: code,
    extend: context => Object.assign(context, { CODEX_BASE_URL: emu.baseURL }),
  });
}

describe.each(Object.keys(ENTRIES) as EntryName[])('edge runtime, the %s entry', entry => {
  let edge: EdgeRuntime | undefined;
  edgeAppChecks(emu, entry, async path => {
    edge ??= await startEdge(entry);
    return edge.dispatchFetch(`http://edge.local${path}`);
  });
});
