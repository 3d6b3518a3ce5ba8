import { spawn, type ChildProcess } from 'node:child_process';
import { mkdir } from 'node:fs/promises';
import { createServer } from 'node:net';
import { fileURLToPath } from 'node:url';
import { chromium, type Browser } from 'playwright-core';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { startCodexEmulator, type CodexEmulator } from '../support/codex-emulator';

// The Next.js example, built (`npm run build --prefix examples/next-chat`) and started
// against the emulator, driven in Debian's headless Chromium like a user would.

const app = fileURLToPath(new URL('../../examples/next-chat/', import.meta.url));
const results = fileURLToPath(new URL('../../test-results/', import.meta.url));
const CHROMIUM = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';

let emu: CodexEmulator;
let server: ChildProcess | undefined;
let browser: Browser | undefined;
let url: string;
let serverLog = '';

async function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const s = createServer();
    s.listen(0, '127.0.0.1', () => {
      const { port } = s.address() as { port: number };
      s.close(() => resolve(port));
    });
    s.on('error', reject);
  });
}

beforeAll(async () => {
  emu = await startCodexEmulator();
  const port = await freePort();
  url = `http://127.0.0.1:${port}`;
  server = spawn(
    process.execPath,
    ['node_modules/next/dist/bin/next', 'start', '-H', '127.0.0.1', '-p', String(port)],
    {
      cwd: app,
      env: {
        ...process.env,
        CODEX_BASE_URL: emu.baseURL,
        CODEX_ACCESS_TOKEN: 'at-SECRET-next',
        NEXT_TELEMETRY_DISABLED: '1',
      },
      stdio: ['ignore', 'pipe', 'pipe'],
    },
  );
  server.stdout!.on('data', d => (serverLog += d));
  server.stderr!.on('data', d => (serverLog += d));
  const deadline = Date.now() + 60_000;
  for (;;) {
    try {
      if ((await fetch(url)).ok) break;
    } catch {
      // not up yet
    }
    if (Date.now() > deadline) throw new Error(`next start did not come up:\n${serverLog}`);
    await new Promise(r => setTimeout(r, 250));
  }
  browser = await chromium.launch({
    executablePath: CHROMIUM,
    args: [
      '--headless',
      '--no-sandbox',
      '--disable-gpu',
      '--disable-quic',
      '--no-first-run',
      '--disable-background-networking',
      '--disable-component-update',
      '--disable-sync',
    ],
  });
}, 120_000);

afterAll(async () => {
  await browser?.close();
  server?.kill();
  await emu?.close();
});

it('streams a Codex answer into the useChat page', async () => {
  const page = await browser!.newPage();
  await page.goto(url);
  await page.getByLabel('Message').fill('Hello from the browser');
  await page.getByRole('button', { name: 'Send' }).click();

  const answer = page.locator('li[data-role="assistant"]');
  await expect
    .poll(async () => (await answer.textContent()) ?? '', { timeout: 30_000 })
    .toContain('Hello from the Codex emulator! You said: "Hello from the browser"');
  await expect
    .poll(() => page.getByTestId('status').textContent(), { timeout: 10_000 })
    .toBe('ready');
  expect(await page.getByTestId('reasoning').first().textContent()).toContain(
    'Planning the answer',
  );

  await mkdir(results, { recursive: true });
  await page.screenshot({ path: `${results}next-chat.png`, fullPage: true });

  const request = emu.requests.find(r => r.path.endsWith('/responses'))!;
  expect(request.headers.originator).toBe('next-chat-example');
  expect(request.body.input.at(-1)).toEqual({
    type: 'message',
    role: 'user',
    content: [{ type: 'input_text', text: 'Hello from the browser' }],
  });
}, 60_000);
