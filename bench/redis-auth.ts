/**
 * `npm run bench:redis` — what `redisAuth` costs. Against a real redis-server on a free
 * loopback port (Debian's package), the Codex emulator and a mock token endpoint; loopback
 * only, every loop bounded. Not part of `npm test`. Prints the numbers and writes
 * bench/results-redis.json.
 *
 * 1. Per call, with a valid token: `redisAuth` against fixed tokens (`auth: { accessToken }`),
 *    the credential lookup alone and a whole `doGenerate` over loopback HTTP.
 * 2. A fleet across an expiry: 200 sources (4 warmed-up processes × 50 independent
 *    `redisAuth` sources, each its own connection, cache and flight: 200 processes' worth)
 *    each make their first call at once (connect, read the key, call), first with a valid
 *    token, then with an expired one that one of them refreshes while the others wait. The
 *    token endpoint answers after 100 ms.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { writeFileSync } from 'node:fs';
import { createInterface } from 'node:readline';
import { fileURLToPath } from 'node:url';
import type { LanguageModelV2CallOptions } from '@ai-sdk/provider';
import { createCodex } from '../src';
import { resolveCodexAuth } from '../src/auth/resolve-codex-auth';
import { redisAuth } from '../src/redis';
import { startCodexEmulator } from '../test/support/codex-emulator';
import { makeJwt, nowSeconds } from '../test/support/jwt';
import { startMockTokenServer } from '../test/support/mock-token-server';
import { startRedisServer } from '../test/support/redis-server';
import { benchEnvironment } from './bench-environment';
import { median, round } from './bench-stats';

const LOOKUPS = Number(process.env.BENCH_LOOKUPS ?? 200_000);
const CALLS = Number(process.env.BENCH_CALLS ?? 400);
const ROUNDS = Number(process.env.BENCH_ROUNDS ?? 7);
const PROCESSES = 4;
const SOURCES = 50;
const FLEET_ROUNDS = Number(process.env.BENCH_FLEET_ROUNDS ?? 3);
const KEY = 'codex:auth';

const hi: LanguageModelV2CallOptions = {
  prompt: [{ role: 'user', content: [{ type: 'text', text: 'hi' }] }],
};
const token = (marker: string, expiresIn: number) =>
  makeJwt({ exp: nowSeconds() + expiresIn, marker, accountId: 'acct_bench' });
const signIn = (access: string) =>
  JSON.stringify({
    auth_mode: 'chatgpt',
    OPENAI_API_KEY: null,
    tokens: { access_token: access, refresh_token: 'rt-bench-0', account_id: 'acct_bench' },
    last_refresh: new Date().toISOString(),
  });

const redis = await startRedisServer();
const emu = await startCodexEmulator();
const tokens = await startMockTokenServer({ accountId: 'acct_bench' });
tokens.delayMs = 100;
const children = new Set<ChildProcess>();

try {
  // --- 1. per call, with a valid token ---
  const valid = token('valid', 3600);
  redis.cli('SET', KEY, signIn(valid));
  const fleetAuth = redisAuth({ url: redis.url });
  const settings = { baseURL: emu.baseURL, tokenURL: tokens.tokenURL };
  const lookups = {
    fixed: resolveCodexAuth({ auth: { accessToken: valid }, tokenURL: tokens.tokenURL }),
    redis: resolveCodexAuth({ auth: fleetAuth, tokenURL: tokens.tokenURL }),
  };
  const models = {
    fixed: createCodex({ ...settings, auth: { accessToken: valid } })('gpt-5.3-codex'),
    redis: createCodex({ ...settings, auth: fleetAuth })('gpt-5.3-codex'),
  };
  await lookups.redis.getCredentials(); // the one GET; every later call is served from memory
  const lookupNs = { fixed: [] as number[], redis: [] as number[] };
  const callMs = { fixed: [] as number[], redis: [] as number[] };
  for (let round = 0; round < ROUNDS; round++) {
    // alternate who goes first, so drift hits both alike
    const order = round % 2 ? (['redis', 'fixed'] as const) : (['fixed', 'redis'] as const);
    for (const name of order) {
      const source = lookups[name];
      let t = performance.now();
      for (let i = 0; i < LOOKUPS; i++) await source.getCredentials();
      lookupNs[name].push(((performance.now() - t) * 1e6) / LOOKUPS);
      t = performance.now();
      for (let i = 0; i < CALLS; i++) await models[name].doGenerate(hi);
      callMs[name].push((performance.now() - t) / CALLS);
    }
  }
  await fleetAuth.close();

  // --- 2. a fleet across an expiry ---
  const child = fileURLToPath(new URL('./redis-fleet-child.ts', import.meta.url));
  redis.cli('SET', `${KEY}:warmup`, signIn(token('warmup', 3600)));
  const fleet = async (access: string) => {
    redis.cli('SET', KEY, signIn(access));
    const requestsBefore = tokens.requests.length;
    const runs = Array.from({ length: PROCESSES }, () => {
      const proc = spawn(process.execPath, ['--import', 'tsx', child], {
        env: {
          ...process.env,
          SOURCES: String(SOURCES),
          REDIS_URL: redis.url,
          REDIS_KEY: KEY,
          BASE_URL: emu.baseURL,
          TOKEN_URL: tokens.tokenURL,
        },
        stdio: ['pipe', 'pipe', 'inherit'],
      });
      children.add(proc);
      const lines = createInterface({ input: proc.stdout! })[Symbol.asyncIterator]();
      return { proc, next: async () => (await lines.next()).value as string };
    });
    for (const run of runs) if ((await run.next()) !== 'ready') throw new Error('no ready');
    const started = performance.now();
    for (const run of runs) run.proc.stdin!.write('go\n');
    const results = await Promise.all(runs.map(async run => JSON.parse(await run.next())));
    const wallMs = performance.now() - started;
    for (const run of runs) {
      run.proc.stdin!.end();
      children.delete(run.proc);
    }
    const failed = results.flatMap(r => r.errors);
    if (failed.length > 0) throw new Error(`fleet calls failed: ${failed[0]}`);
    return { wallMs, refreshes: tokens.requests.length - requestsBefore };
  };
  const warm: number[] = [];
  const expiring: number[] = [];
  const refreshes: number[] = [];
  for (let round = 0; round < FLEET_ROUNDS; round++) {
    warm.push((await fleet(token(`warm-${round}`, 3600))).wallMs);
    tokens.validRefreshTokens.add('rt-bench-0');
    const expired = await fleet(token(`expired-${round}`, -60));
    expiring.push(expired.wallMs);
    refreshes.push(expired.refreshes);
  }

  const results = {
    environment: await benchEnvironment(),
    perCall: {
      lookupNs: {
        fixed: round(median(lookupNs.fixed), 0),
        redis: round(median(lookupNs.redis), 0),
      },
      doGenerateMs: {
        fixed: round(median(callMs.fixed), 3),
        redis: round(median(callMs.redis), 3),
      },
      lookups: LOOKUPS,
      calls: CALLS,
      rounds: ROUNDS,
    },
    fleet: {
      sources: PROCESSES * SOURCES,
      processes: PROCESSES,
      tokenEndpointDelayMs: tokens.delayMs,
      validTokenMs: round(median(warm), 0),
      acrossExpiryMs: round(median(expiring), 0),
      refreshesPerExpiry: refreshes,
      rounds: FLEET_ROUNDS,
    },
  };
  console.log(JSON.stringify(results, null, 2));
  writeFileSync(
    new URL('./results-redis.json', import.meta.url),
    `${JSON.stringify(results, null, 2)}\n`,
  );
} finally {
  for (const proc of children) proc.kill('SIGKILL');
  await tokens.close();
  await emu.close();
  await redis.close();
}
