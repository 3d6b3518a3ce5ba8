import { spawn, type ChildProcess } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, beforeEach, afterEach, describe, expect, it } from 'vitest';
import { startCodexEmulator, type CodexEmulator } from '../support/codex-emulator';
import { startMockTokenServer, type MockTokenServer } from '../support/mock-token-server';
import { accessToken, signInContent, until, useRedisServer } from '../support/redis-sign-in';
import { makeJwt, nowSeconds } from '../support/jwt';

// Whole processes sharing one sign-in in a real Redis: what a fleet of machines does.

const KEY = 'codex:auth';
const child = fileURLToPath(new URL('../support/redis-child.ts', import.meta.url));
const redis = useRedisServer();
let emu: CodexEmulator;
let tokens: MockTokenServer;
const running = new Set<ChildProcess>();

beforeAll(async () => {
  emu = await startCodexEmulator();
});
afterAll(() => emu.close());
beforeEach(async () => {
  tokens = await startMockTokenServer();
  emu.requests.length = 0;
});
afterEach(async () => {
  for (const process of running) process.kill('SIGKILL');
  running.clear();
  await tokens.close();
});

type ChildRun = { process: ChildProcess; done: Promise<{ ok: number; errors: string[] }> };

/** One child process making `calls` concurrent calls with `redisAuth`. */
function runChild(env: Record<string, string> = {}): ChildRun {
  const proc = spawn(process.execPath, ['--import', 'tsx', child], {
    env: {
      ...process.env,
      REDIS_URL: redis.url,
      REDIS_KEY: KEY,
      BASE_URL: emu.baseURL,
      TOKEN_URL: tokens.tokenURL,
      ...env,
    },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  running.add(proc);
  let stdout = '';
  let stderr = '';
  proc.stdout!.on('data', chunk => (stdout += chunk));
  proc.stderr!.on('data', chunk => (stderr += chunk));
  const done = new Promise<{ ok: number; errors: string[] }>((resolve, reject) => {
    proc.once('exit', code => {
      running.delete(proc);
      // a leaked token fails the file through the no-secrets setup
      if (stdout.includes('SECRET') || stderr.includes('SECRET')) console.log(stdout, stderr);
      if (code !== 0) return reject(new Error(`child exited with ${code}: ${stderr}`));
      resolve(JSON.parse(stdout.trim().split('\n').at(-1)!));
    });
  });
  return { process: proc, done };
}

const stored = () => JSON.parse(redis.cli('GET', KEY));

describe('a fleet of processes', () => {
  it('4 processes × 50 concurrent calls with an expired token: exactly one refresh, every call succeeds', async () => {
    tokens.validRefreshTokens.add('rt-SECRET-original');
    tokens.delayMs = 300; // every process finds the token expired before the refresh ends
    redis.cli('SET', KEY, JSON.stringify(signInContent({ access_token: accessToken('old', -60) })));
    const runs = [1, 2, 3, 4].map(() => runChild({ CALLS: '50' }));
    const results = await Promise.all(runs.map(r => r.done));
    expect(results).toEqual([1, 2, 3, 4].map(() => ({ ok: 50, errors: [] })));
    expect(tokens.requests).toHaveLength(1);
    expect(emu.requests).toHaveLength(200);
    expect(new Set(emu.requests.map(r => r.headers.authorization))).toEqual(
      new Set([`Bearer ${tokens.issued[0]}`]),
    );
    expect(stored().tokens.refresh_token).toBe('rt-SECRET-rotated-1');
    expect(redis.cli('--scan')).toBe(KEY);
  });

  it('the refreshing process killed mid-refresh: its lock expires and another completes the refresh', async () => {
    tokens.validRefreshTokens.add('rt-SECRET-original');
    redis.cli('SET', KEY, JSON.stringify(signInContent({ access_token: accessToken('old', -60) })));
    // the token endpoint holds the first refresh (never answered: its process dies first)
    tokens.enqueue({
      status: 200,
      body: { access_token: makeJwt({ exp: nowSeconds() + 3600, marker: 'never' }) },
      delayMs: 15_000,
    });
    const first = runChild({ REFRESH_TIMEOUT_MS: '1000' });
    await until(() => tokens.requests.length === 1, 20_000);
    const lockTtl = Number(redis.cli('PTTL', `${KEY}:refresh-lock`));
    expect(lockTtl).toBeGreaterThan(0);
    expect(lockTtl).toBeLessThanOrEqual(6_000); // the refresh timeout + 5 s
    first.process.kill('SIGKILL');
    await first.done.catch(() => {});

    const started = Date.now();
    const second = await runChild({ REFRESH_TIMEOUT_MS: '1000' }).done;
    expect(second).toEqual({ ok: 1, errors: [] });
    // it waited for the dead holder's lock to expire, not longer than its life
    expect(Date.now() - started).toBeGreaterThan(lockTtl - 1_500);
    expect(tokens.requests.map(r => r.body.refresh_token)).toEqual([
      'rt-SECRET-original',
      'rt-SECRET-original',
    ]);
    expect(stored().tokens.access_token).toBe(tokens.issued[0]);
    expect(emu.requests.map(r => r.headers.authorization)).toEqual([`Bearer ${tokens.issued[0]}`]);
    expect(redis.cli('--scan')).toBe(KEY);
  });

  it('a process whose Redis is down fails with one clear error per call, and exits', async () => {
    await redis.stop();
    try {
      const { ok, errors } = await runChild({ CALLS: '3', MAX_RETRIES: '0' }).done;
      expect(ok).toBe(0);
      expect(new Set(errors)).toEqual(
        new Set([
          `Cannot reach Redis at redis://127.0.0.1:${redis.port} (key "${KEY}") for the Codex sign-in (ECONNREFUSED). Check that Redis is up and the URL is right; try again shortly.`,
        ]),
      );
    } finally {
      await redis.start();
    }
  });
});
