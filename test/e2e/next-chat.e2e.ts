import { spawn, type ChildProcess } from 'node:child_process';
import { mkdir } from 'node:fs/promises';
import { createServer } from 'node:net';
import { fileURLToPath } from 'node:url';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { startCodexEmulator, type CodexEmulator } from '../support/codex-emulator';
import { launchChromium } from '../support/launch-chromium';

// The Next.js example, built (`npm run build --prefix examples/next-chat`) and started
// against the emulator, driven in Debian's headless Chromium like a user would.

const app = fileURLToPath(new URL('../../examples/next-chat/', import.meta.url));
const results = fileURLToPath(new URL('../../test-results/', import.meta.url));

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
  browser = await launchChromium();
}, 120_000);

afterAll(async () => {
  await browser?.close();
  server?.kill();
  await emu?.close();
});

const assistant = (page: Page) => page.locator('li[data-role="assistant"]').last();
const settled = (page: Page) =>
  expect.poll(() => page.getByTestId('status').textContent(), { timeout: 30_000 });

it('streams an answer with its tool call and result, folded reasoning and rendered markdown', async () => {
  const page = await browser!.newPage();
  await page.goto(url);
  await page.getByLabel('Message').fill('What is the weather in Paris?');
  await page.getByRole('button', { name: 'Send' }).click();
  await settled(page).toBe('ready');
  const answer = assistant(page);

  // the tool call and its result are on the page
  const tool = answer.getByTestId('tool');
  expect(await tool.getAttribute('data-state')).toBe('output-available');
  expect(await tool.textContent()).toContain('getWeather({"city":"Paris"})');
  expect(await tool.getByTestId('tool-output').textContent()).toContain(
    '**Sunny**, 18 °C in Paris',
  );

  // the answer's markdown is rendered, not shown raw
  const text = answer.getByTestId('text').last();
  expect(await text.textContent()).toBe('The getWeather tool returned Sunny, 18 °C in Paris.');
  expect(await text.locator('strong').textContent()).toBe('Sunny');

  // reasoning: folded once done, with its markdown rendered; a click opens it
  const reasoning = answer.getByTestId('reasoning').first();
  expect(await reasoning.evaluate(d => (d as HTMLDetailsElement).open)).toBe(false);
  expect(await reasoning.locator('summary').textContent()).toBe('Reasoning');
  expect(await reasoning.locator('strong').textContent()).toBe('Planning the answer');
  expect(await reasoning.textContent()).not.toContain('**');
  await reasoning.locator('summary').click();
  expect(await reasoning.evaluate(d => (d as HTMLDetailsElement).open)).toBe(true);
  expect(await reasoning.locator('strong').isVisible()).toBe(true);

  await mkdir(results, { recursive: true });
  await page.screenshot({ path: `${results}next-chat.png`, fullPage: true });

  const requests = emu.requests.filter(r => r.path.endsWith('/responses'));
  expect(requests).toHaveLength(2);
  expect(requests[0]!.headers.originator).toBe('next-chat-example');
  expect(requests[0]!.body.input.at(-1)).toEqual({
    type: 'message',
    role: 'user',
    content: [{ type: 'input_text', text: 'What is the weather in Paris?' }],
  });
  await page.close();
}, 60_000);

it('shows an error with what to do, and a retry that works', async () => {
  emu.requests.length = 0;
  const resetsInSeconds = 1800;
  emu.enqueue({
    kind: 'http',
    status: 429,
    body: {
      error: {
        type: 'usage_limit_reached',
        message: 'The usage limit has been reached',
        plan_type: 'plus',
        resets_at: Math.floor(Date.now() / 1000) + resetsInSeconds,
        resets_in_seconds: resetsInSeconds,
      },
    },
  });
  const page = await browser!.newPage();
  await page.goto(url);
  await page.getByLabel('Message').fill('Hello from the browser');
  await page.getByRole('button', { name: 'Send' }).click();
  await settled(page).toBe('error');

  const alert = page.getByTestId('error');
  expect(await alert.textContent()).toMatch(/usage limit \(plus plan\)\. Try again in ~30 min/);
  await mkdir(results, { recursive: true });
  await page.screenshot({ path: `${results}next-chat-error.png`, fullPage: true });

  await alert.getByRole('button', { name: 'Try again' }).click();
  await settled(page).toBe('ready');
  expect(await page.getByTestId('error').count()).toBe(0);
  expect(await assistant(page).getByTestId('tool').count()).toBe(1);
  await page.close();
}, 60_000);
