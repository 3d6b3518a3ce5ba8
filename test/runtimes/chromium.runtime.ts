import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { responseEvents } from '../support/codex-events';
import { launchChromium } from '../support/launch-chromium';
import { useCodexEmulator } from '../support/use-codex-emulator';
import { bundleApp, useRuntimeApp } from './support/runtime-app';
import {
  CHAT_STREAM,
  expectAbortedEarly,
  once,
  readUIMessageStream,
  slowAnswer,
  TOOL_LOOP_RESULT,
  WEBSOCKET_FALLBACK_RESULT,
} from './support/app-answers';

// The browser bundle in Debian's headless Chromium: a page on one loopback origin loads an
// esbuild bundle of the app and calls the emulator, on another origin, with explicit tokens.
// The emulator allows CORS here (the real backend does not: a page needs a gateway of its
// own in between, which must allow the same headers).

const emu = useCodexEmulator({ cors: true });
const app = useRuntimeApp();
let pageServer: Server;
let pageURL: string;
let browser: Browser;
let page: Page;

beforeAll(async () => {
  const { code } = await bundleApp(app(), 'browser.mjs', { format: 'esm', platform: 'browser' });
  pageServer = createServer((req, res) => {
    if (req.url === '/app.js') {
      res.writeHead(200, { 'content-type': 'text/javascript' });
      return res.end(code);
    }
    res.writeHead(200, { 'content-type': 'text/html' });
    res.end('<!doctype html><title>codex</title><script type="module" src="/app.js"></script>');
  });
  await new Promise<void>(resolve => pageServer.listen(0, '127.0.0.1', resolve));
  pageURL = `http://127.0.0.1:${(pageServer.address() as AddressInfo).port}/`;
  browser = await launchChromium();
  page = await browser.newPage();
  await page.goto(pageURL);
  await page.waitForFunction(() => 'callApp' in window);
}, 300_000);
afterAll(async () => {
  await browser?.close();
  await new Promise(resolve => pageServer?.close(resolve));
});

async function call(path: string, baseURL = emu.baseURL): Promise<string> {
  return page.evaluate(([p, b]) => (window as any).callApp(p, b), [path, baseURL] as const);
}

const json = async (path: string) => JSON.parse(await call(path));

describe('the browser bundle in Chromium', () => {
  it('streams a tool loop over HTTP SSE, each request after a CORS preflight', async () => {
    expect(await json('/tool-loop?transport=sse')).toEqual(TOOL_LOOP_RESULT);
    const [post] = emu.requests;
    expect(post!.headers).toMatchObject({
      authorization: 'Bearer at-SECRET-runtime',
      'chatgpt-account-id': 'acct-runtime',
      originator: 'ai-sdk-provider-codex',
      origin: new URL(pageURL).origin,
    });
    // Chromium keeps its own User-Agent: the package's never reaches the server
    expect(post!.headers['user-agent']).toMatch(/Chrome\//);
    expect(post!.headers['user-agent']).not.toMatch(/ai-sdk-provider-codex/);
    // what the page asked the preflight to allow: the package's headers
    expect(emu.preflights[0]).toEqual({
      path: new URL(emu.baseURL).pathname + '/responses',
      origin: new URL(pageURL).origin,
      method: 'POST',
      headers: [
        'authorization',
        'chatgpt-account-id',
        'content-type',
        'originator',
        'session-id',
        'session_id',
        'thread-id',
        'x-client-request-id',
        'x-codex-beta-features',
        'x-codex-routing-hint',
        'x-codex-window-id',
      ],
    });
  });

  it('streams a tool loop as a UI message stream', async () => {
    expect(readUIMessageStream(await call('/chat'))).toMatchObject(CHAT_STREAM);
  });

  it('reads the rate-limit headers the server exposes', async () => {
    emu.inject = once({
      kind: 'sse',
      events: responseEvents({ output: [{ type: 'message', text: 'Hi.' }] }),
      headers: { 'x-codex-primary-used-percent': '12', 'x-codex-primary-window-minutes': '300' },
    });
    const result = await json('/tool-loop');
    expect(result).toMatchObject({ text: 'Hi.', steps: 1 });
    expect(result.rateLimits).toMatchObject({ primary: { usedPercent: 12, windowMinutes: 300 } });
  });

  it('falls back to HTTP SSE for the WebSocket transport, saying so once', async () => {
    expect(await json('/tool-loop?transport=websocket')).toEqual(WEBSOCKET_FALLBACK_RESULT);
    expect(emu.requests.map(r => r.method)).toEqual(['POST', 'POST']);
  });

  it('stops streaming at once on abort', async () => {
    emu.inject = once(slowAnswer());
    expectAbortedEarly(await json('/abort'));
  });

  it('generates an image', async () => {
    expect(await json('/image')).toEqual({
      images: [{ mediaType: 'image/png', bytes: expect.any(Number) }],
    });
  });

  it('names CORS when a server does not allow the page', async () => {
    // answers, but with no CORS header: the browser hides the answer from the page
    const server = createServer((_, res) => res.end('{}'));
    await new Promise<void>(resolve => server.listen(0, '127.0.0.1', resolve));
    try {
      const baseURL = `http://127.0.0.1:${(server.address() as AddressInfo).port}/backend-api/codex`;
      const { errors } = JSON.parse(await call('/tool-loop', baseURL));
      expect(errors).toEqual([
        {
          name: 'AI_APICallError',
          message: expect.stringMatching(
            /^Cannot connect to the Codex backend at .*: Failed to fetch \(in a browser, also a request refused by CORS: .*\) \(gave up after 5 attempts\)$/,
          ),
          isRetryable: false,
        },
      ]);
    } finally {
      await new Promise(resolve => server.close(resolve));
    }
  });

  it('says that it needs `auth` when there is no auth file to read', async () => {
    const { thrown } = await json('/auth-file');
    expect(thrown).toMatchObject({
      name: 'AI_LoadAPIKeyError',
      message: expect.stringMatching(/`auth`/),
    });
    expect(emu.requests).toEqual([]);
  });
});
