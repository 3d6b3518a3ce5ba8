import { EdgeRuntime } from 'edge-runtime';
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

// Vercel's edge runtime (the `edge-runtime` package: the sandbox `next dev` and
// `vercel dev` run edge functions in) with the app bundled as Next.js bundles edge code:
// the edge-light/worker/browser conditions, one script, nothing external.

const emu = useCodexEmulator();
let app: string;

beforeAll(async () => {
  app = await runtimeApp();
}, 300_000);
afterAll(async () => {
  if (app) await rm(app, { recursive: true, force: true });
});

async function startEdge(entry: EntryName): Promise<EdgeRuntime> {
  const { code } = await bundleApp(app, 'edge.mjs', {
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

  it('streams a tool loop as a UI message stream', async () => {
    edge = await startEdge(entry);
    const response = await edge.dispatchFetch('http://edge.local/chat');
    expect(readUIMessageStream(await response.text())).toMatchObject(CHAT_STREAM);
    expect(emu.requests.map(r => r.headers.authorization)).toEqual([
      'Bearer at-SECRET-runtime',
      'Bearer at-SECRET-runtime',
    ]);
  });

  if (entry !== 'root') return;

  async function get(path: string) {
    edge ??= await startEdge(entry);
    const response = await edge.dispatchFetch(`http://edge.local${path}`);
    return { status: response.status, body: await response.json() };
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
