import { Miniflare } from 'miniflare';
import { rm } from 'node:fs/promises';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { useCodexEmulator } from '../support/use-codex-emulator';
import { bundleApp, ENTRIES, runtimeApp, type EntryName } from './support/runtime-app';
import {
  CHAT_STREAM,
  once,
  readUIMessageStream,
  slowAnswer,
  WEBSOCKET_FALLBACK_RESULT,
} from './support/app-answers';

// Cloudflare's workerd (through miniflare) running a worker bundled as wrangler bundles it:
// esbuild, the workerd/worker/browser conditions, nothing external. A worker's global scope
// may not draw random values, start timers or do I/O, so merely importing the package must
// do none of them.

const emu = useCodexEmulator();
let app: string;

beforeAll(async () => {
  app = await runtimeApp();
}, 300_000);
afterAll(async () => {
  if (app) await rm(app, { recursive: true, force: true });
});

async function startWorker(entry: EntryName, flags: string[]): Promise<Miniflare> {
  const { code } = await bundleApp(app, 'worker.mjs', {
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

    it('starts, and streams a tool loop as a UI message stream', async () => {
      worker = await startWorker(entry, flags);
      const response = await worker.dispatchFetch('http://worker.local/chat');
      expect(response.headers.get('content-type')).toBe('text/event-stream');
      expect(readUIMessageStream(await response.text())).toMatchObject(CHAT_STREAM);
      expect(emu.requests.map(r => r.headers.authorization)).toEqual([
        'Bearer at-SECRET-runtime',
        'Bearer at-SECRET-runtime',
      ]);
    });

    if (entry !== 'root') return;

    async function get(path: string) {
      worker ??= await startWorker(entry, flags);
      const response = await worker.dispatchFetch(`http://worker.local${path}`);
      return { status: response.status, body: (await response.json()) as any };
    }

    it('falls back to HTTP SSE for the WebSocket transport, saying so once', async () => {
      const { body } = await get('/tool-loop?transport=websocket');
      expect(body).toEqual(WEBSOCKET_FALLBACK_RESULT);
      expect(emu.requests.map(r => r.method)).toEqual(['POST', 'POST']);
    });

    it('stops streaming at once on abort', async () => {
      emu.inject = once(slowAnswer());
      const { body } = await get('/abort');
      expect(body).toMatchObject({ text: 'word0 ', types: expect.arrayContaining(['abort']) });
      expect(body.types).not.toContain('error');
      expect(body.msAfterAbort).toBeLessThan(1000);
    });

    it('generates an image', async () => {
      const { body } = await get('/image');
      expect(body).toEqual({ images: [{ mediaType: 'image/png', bytes: expect.any(Number) }] });
    });

    it('says that it needs `auth` when there is no auth file to read', async () => {
      const { status, body } = await get('/auth-file');
      expect(status).toBe(500);
      expect(body.thrown).toMatchObject({
        name: 'AI_LoadAPIKeyError',
        message: expect.stringMatching(/`auth`/),
      });
      expect(emu.requests).toEqual([]);
    });
  });
});
