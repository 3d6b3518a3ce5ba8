import { execFile } from 'node:child_process';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { startCodexEmulator, type CodexEmulator } from './support/codex-emulator';
import { makeJwt, nowSeconds } from './support/jwt';
import {
  startMockProxy,
  startTlsFront,
  TLS_FIXTURE_CERT,
  type MockProxy,
} from './support/mock-proxy';
import { startMockTokenServer, type MockTokenServer } from './support/mock-token-server';

// Company networks: HTTPS_PROXY / HTTP_PROXY / NO_PROXY, honoured for model calls, token
// refresh and the model catalog. The backend and the token endpoint are https origins on
// 127.0.0.1 (fronting the emulator and the mock token server), so clients tunnel to them
// with CONNECT, as they would to chatgpt.com. Each scenario runs in a child process that
// trusts the fixture certificate.

const run = promisify(execFile);
const root = fileURLToPath(new URL('..', import.meta.url));

let emu: CodexEmulator;
let tokens: MockTokenServer;
let proxy: MockProxy;
let fronts: Array<{ baseURL: string; close: () => Promise<void> }>;
let dir: string;

beforeAll(async () => {
  [emu, tokens, proxy] = await Promise.all([
    startCodexEmulator(),
    startMockTokenServer(),
    startMockProxy(),
  ]);
  fronts = await Promise.all([startTlsFront(emu.baseURL), startTlsFront(tokens.tokenURL)]);
  dir = await mkdtemp(join(tmpdir(), 'codex-proxy-'));
});
afterAll(async () => {
  await Promise.all([emu, tokens, proxy, ...fronts].map(s => s.close()));
  await rm(dir, { recursive: true, force: true });
});
beforeEach(() => {
  proxy.requests.length = 0;
  emu.requests.length = 0;
  emu.websocket.handshakes.length = 0;
  tokens.requests.length = 0;
});

const host = (url: string) => new URL(url).host;

/** One model call (whose token is expired, so it refreshes first) and one catalog call. */
async function scenario(
  env: Record<string, string>,
  { https = true }: { https?: boolean } = {},
): Promise<{ text?: string; model?: string; error?: string }> {
  const authFile = join(dir, `auth-${Math.random().toString(36).slice(2)}.json`);
  const refreshToken = `rt-SECRET-${Math.random().toString(36).slice(2)}`;
  tokens.validRefreshTokens.add(refreshToken);
  await writeFile(
    authFile,
    JSON.stringify({
      tokens: {
        access_token: makeJwt({ exp: nowSeconds() - 60, marker: 'expired', accountId: 'acct_p' }),
        refresh_token: refreshToken,
      },
    }),
    { mode: 0o600 },
  );
  const inherited = Object.fromEntries(
    Object.entries(process.env).filter(([name]) => !/^(https?|no)_proxy$/i.test(name)),
  );
  const { stdout } = await run(
    process.execPath,
    ['--import', 'tsx', 'test/support/proxy-child.ts'],
    {
      cwd: root,
      env: {
        ...inherited,
        NODE_EXTRA_CA_CERTS: TLS_FIXTURE_CERT,
        BASE_URL: https ? fronts[0]!.baseURL : emu.baseURL,
        TOKEN_URL: https ? fronts[1]!.baseURL : tokens.tokenURL,
        AUTH_FILE: authFile,
        ...env,
      },
      timeout: 30_000,
    },
  ).catch((error: { stdout: string; stderr: string }) => {
    throw new Error(`proxy child failed: ${error.stdout}${error.stderr}`);
  });
  return JSON.parse(stdout);
}

const answered = {
  text: 'Hello from the Codex emulator! You said: "via proxy"',
  model: expect.any(String),
};

describe('proxy environment variables', () => {
  it('sends model calls, the token refresh and the catalog through HTTPS_PROXY', async () => {
    expect(await scenario({ HTTPS_PROXY: proxy.url })).toEqual(answered);
    const tunnels = new Set(proxy.requests.map(r => `${r.method} ${r.target}`));
    expect(tunnels).toEqual(
      new Set([`CONNECT ${host(fronts[0]!.baseURL)}`, `CONNECT ${host(fronts[1]!.baseURL)}`]),
    );
    expect(tokens.requests).toHaveLength(1);
    expect(emu.requests.map(r => r.method)).toEqual(['POST', 'GET']);
  });

  it('bypasses the proxy for hosts in NO_PROXY', async () => {
    expect(await scenario({ HTTPS_PROXY: proxy.url, NO_PROXY: '127.0.0.1' })).toEqual(answered);
    expect(proxy.requests).toEqual([]);
    expect(tokens.requests).toHaveLength(1);
    expect(emu.requests).toHaveLength(2);
  });

  it('sends http requests through HTTP_PROXY', async () => {
    expect(await scenario({ HTTP_PROXY: proxy.url }, { https: false })).toEqual(answered);
    const targets = proxy.requests.map(r => r.target);
    expect(targets.some(t => t.includes(host(emu.baseURL)))).toBe(true);
    expect(targets.some(t => t.includes(host(tokens.tokenURL)))).toBe(true);
  });

  it('opens WebSocket upgrades through the proxy too', async () => {
    expect(
      await scenario({ HTTP_PROXY: proxy.url, TRANSPORT: 'websocket' }, { https: false }),
    ).toEqual(answered);
    expect(emu.websocket.handshakes.map(h => h.status)).toEqual([101]);
    // one tunnel for the upgrade, one for the catalog request
    const tunnels = proxy.requests.filter(r => r.target === host(emu.baseURL));
    expect(tunnels).toEqual([
      { method: 'CONNECT', target: host(emu.baseURL) },
      { method: 'CONNECT', target: host(emu.baseURL) },
    ]);
  });

  it('leaves a `fetch` setting alone: it wins over the proxy variables', async () => {
    expect(await scenario({ HTTPS_PROXY: proxy.url, OWN_FETCH: '1' })).toEqual(answered);
    expect(proxy.requests).toEqual([]);
  });
});
