import { APICallError } from '@ai-sdk/provider';
import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { createCodex } from '../src';
import { createCodex as createV3 } from '../src/v3';
import { createCodex as createV4 } from '../src/v4';
import { makeJwt, nowSeconds } from './support/jwt';
import { startRecordingServer } from './support/recording-server';
import { startMockTokenServer } from './support/mock-token-server';
import { useCodexEmulator } from './support/use-codex-emulator';

const emu = useCodexEmulator();

const provider = () =>
  createCodex({
    baseURL: emu.baseURL,
    auth: { accessToken: 'at-SECRET-usage', accountId: 'acct' },
  });

const window = (usedPercent: number, seconds: number, resetIn: number, now = nowSeconds()) => ({
  used_percent: usedPercent,
  limit_window_seconds: seconds,
  reset_after_seconds: resetIn,
  reset_at: now + resetIn,
});

describe('getUsage', () => {
  it('reads the plan, both windows and credits from GET {chatgpt base}/wham/usage', async () => {
    const now = nowSeconds();
    emu.usage = {
      plan_type: 'plus',
      rate_limit: {
        allowed: true,
        limit_reached: false,
        primary_window: window(12, 18_000, 7_200, now),
        secondary_window: window(40, 604_800, 259_200, now),
      },
      credits: { has_credits: true, unlimited: false, balance: '9.99' },
    };
    const usage = await provider().getUsage();
    expect(usage).toEqual({
      planType: 'plus',
      windows: {
        short: { usedPercent: 12, windowMinutes: 300, resetsAt: new Date((now + 7_200) * 1000) },
        weekly: {
          usedPercent: 40,
          windowMinutes: 10_080,
          resetsAt: new Date((now + 259_200) * 1000),
        },
      },
      credits: { hasCredits: true, unlimited: false, balance: 9.99 },
      limitReached: false,
    });
    expect(emu.requests).toHaveLength(1);
    const request = emu.requests[0]!;
    expect(request.method).toBe('GET');
    expect(request.path).toBe('/backend-api/wham/usage');
    expect(request.headers).toMatchObject({
      authorization: 'Bearer at-SECRET-usage',
      'chatgpt-account-id': 'acct',
      accept: 'application/json',
      originator: 'ai-sdk-provider-codex',
    });
    // a GET has no body, so no content type
    expect(request.headers['content-type']).toBeUndefined();
  });

  it('classifies windows by length when the backend swaps primary and secondary', async () => {
    emu.usage = {
      plan_type: 'pro',
      rate_limit: {
        allowed: true,
        limit_reached: false,
        primary_window: window(70, 604_800, 3_600),
        secondary_window: window(3, 18_000, 600),
      },
    };
    const { windows } = await provider().getUsage();
    expect(windows.short).toMatchObject({ usedPercent: 3, windowMinutes: 300 });
    expect(windows.weekly).toMatchObject({ usedPercent: 70, windowMinutes: 10_080 });
  });

  it('reports only the weekly window of a plan that has no short one', async () => {
    emu.usage = {
      plan_type: 'free',
      rate_limit: { allowed: true, limit_reached: false, primary_window: window(5, 604_800, 60) },
    };
    const usage = await provider().getUsage();
    expect(Object.keys(usage.windows)).toEqual(['weekly']);
    expect(usage.credits).toBeUndefined();
  });

  it('copes with missing fields: no plan, relative resets only, windows without a length', async () => {
    const before = Date.now();
    emu.usage = {
      rate_limit: {
        primary_window: { used_percent: 50, limit_window_seconds: 18_000, reset_after_seconds: 60 },
        secondary_window: { used_percent: 10, reset_at: nowSeconds() + 60 },
      },
      credits: { has_credits: false, unlimited: true, balance: null },
    };
    const usage = await provider().getUsage();
    expect(usage.planType).toBeUndefined();
    expect(usage.windows.weekly).toBeUndefined(); // no length: not guessed from its slot
    expect(usage.windows.short?.usedPercent).toBe(50);
    const resetsAt = usage.windows.short!.resetsAt.getTime();
    expect(resetsAt).toBeGreaterThanOrEqual(before + 60_000);
    expect(resetsAt).toBeLessThanOrEqual(Date.now() + 60_000);
    expect(usage.credits).toEqual({ hasCredits: false, unlimited: true });
    expect(usage.limitReached).toBe(false);

    emu.usage = { plan_type: 'plus', rate_limit: null, credits: null };
    expect(await provider().getUsage()).toEqual({
      planType: 'plus',
      windows: {},
      limitReached: false,
    });
  });

  it('keeps what it can when fields have unexpected types', async () => {
    emu.usage = {
      plan_type: 5,
      rate_limit: {
        allowed: 'yes',
        primary_window: { ...window(12, 18_000, 600), used_percent: '12' },
        secondary_window: window(40, 604_800, 3_600),
      },
      credits: 'none',
      rate_limit_reached_type: 'x',
      additional_rate_limits: { not: 'a list' },
    };
    const usage = await provider().getUsage();
    expect(usage).toEqual({
      windows: { weekly: { usedPercent: 40, windowMinutes: 10080, resetsAt: expect.any(Date) } },
      limitReached: false,
    });
    // but a body that is no usage object at all is an error
    emu.usage = ['not', 'usage'];
    await expect(provider().getUsage()).rejects.toMatchObject({
      message: 'The ChatGPT usage answer had an unexpected shape.',
    });
  });

  it('leaves out a window whose reset time is out of range, instead of an invalid Date', async () => {
    emu.usage = {
      rate_limit: {
        primary_window: { ...window(12, 18_000, 600), reset_at: 1e15, reset_after_seconds: null },
        secondary_window: {
          ...window(40, 604_800, 3_600),
          reset_at: null,
          reset_after_seconds: 1e15,
        },
      },
    };
    expect((await provider().getUsage()).windows).toEqual({});
  });

  it('says when a limit is reached, and why', async () => {
    emu.usage = {
      plan_type: 'business',
      rate_limit: {
        allowed: false,
        limit_reached: true,
        primary_window: window(100, 18_000, 1_800),
        secondary_window: null,
      },
      rate_limit_reached_type: { type: 'workspace_member_credits_depleted' },
      additional_rate_limits: [
        {
          limit_name: 'codex_other',
          metered_feature: 'codex_other',
          rate_limit: { allowed: true, limit_reached: false, primary_window: window(20, 900, 60) },
        },
      ],
    };
    const usage = await provider().getUsage();
    expect(usage).toMatchObject({
      limitReached: true,
      limitReachedType: 'workspace_member_credits_depleted',
      windows: { short: { usedPercent: 100 } },
      additionalLimits: [
        {
          id: 'codex_other',
          name: 'codex_other',
          limitReached: false,
          windows: { short: { usedPercent: 20, windowMinutes: 15 } },
        },
      ],
    });
  });

  it('is on the /v3 and /v4 providers too', async () => {
    const settings = { baseURL: emu.baseURL, auth: { accessToken: 'at-SECRET-v' } };
    expect((await createV3(settings).getUsage()).planType).toBe('plus');
    expect((await createV4(settings).getUsage()).planType).toBe('plus');
  });

  it('uses {baseURL}/wham/usage when the base URL does not end in /codex', async () => {
    const base = emu.baseURL.replace(/\/codex$/, '');
    const codex = createCodex({ baseURL: `${base}/`, auth: { accessToken: 'at-SECRET-b' } });
    await codex.getUsage();
    expect(emu.requests[0]!.path).toBe('/backend-api/wham/usage');
  });

  it('fails like a model call: APICallError with status, retryability and a clear message', async () => {
    emu.usage = { status: 503, body: { detail: 'Service Unavailable' } };
    const outage = await provider()
      .getUsage()
      .catch(e => e);
    expect(APICallError.isInstance(outage)).toBe(true);
    expect(outage).toMatchObject({ statusCode: 503, isRetryable: true });

    emu.usage = 'not json at all';
    const shape = await provider()
      .getUsage()
      .catch(e => e);
    expect(shape).toMatchObject({ isRetryable: false });
    expect(shape.message).toBe('The ChatGPT usage answer was not JSON.');

    emu.acceptToken = () => false;
    const denied = await provider()
      .getUsage()
      .catch(e => e);
    expect(denied).toMatchObject({ statusCode: 401, isRetryable: false });
    expect(denied.message).toMatch(/sign in again/);
    expect(denied.message).not.toContain('SECRET');
  });

  it('passes the abort signal', async () => {
    const controller = new AbortController();
    controller.abort();
    await expect(provider().getUsage({ abortSignal: controller.signal })).rejects.toMatchObject({
      name: 'AbortError',
    });
  });

  it('renews the sign-in after a 401 like a model call: refresh, write back, retry', async () => {
    const tokens = await startMockTokenServer({ accountId: 'acct_file' });
    const dir = await mkdtemp(join(tmpdir(), 'codex-usage-'));
    try {
      const stale = makeJwt({ exp: nowSeconds() + 3600, accountId: 'acct_file', marker: 'stale' });
      tokens.validRefreshTokens.add('rt-SECRET-1');
      const authFile = join(dir, 'auth.json');
      await writeFile(
        authFile,
        JSON.stringify({ tokens: { access_token: stale, refresh_token: 'rt-SECRET-1' } }),
      );
      emu.acceptToken = token => token !== stale;
      const codex = createCodex({ baseURL: emu.baseURL, authFile, tokenURL: tokens.tokenURL });
      expect((await codex.getUsage()).planType).toBe('plus');
      expect(emu.requests).toHaveLength(2);
      expect(emu.requests[1]!.headers.authorization).toBe(`Bearer ${tokens.issued[0]}`);
      const saved = JSON.parse(await readFile(authFile, 'utf8'));
      expect(saved.tokens.refresh_token).toBe('rt-SECRET-rotated-1');
    } finally {
      await tokens.close();
      await rm(dir, { recursive: true, force: true });
    }
  });

  it('reports an answer that breaks off while it is read as a retryable error, for the catalog too', async () => {
    const server = await startRecordingServer((_, res) => {
      res.writeHead(200, { 'content-type': 'application/json', 'content-length': '4096' });
      res.write('{"plan_type":"plus","models":[');
      setTimeout(() => res.socket?.destroy(), 20);
    });
    try {
      const codex = createCodex({
        baseURL: `${server.url}/backend-api/codex`,
        auth: { accessToken: 'at-SECRET-broken' },
      });
      for (const [call, what, path] of [
        [codex.getUsage(), 'The ChatGPT usage answer', '/backend-api/wham/usage'],
        [codex.listModels(), 'The Codex model catalog', '/backend-api/codex/models'],
      ] as const) {
        const error = await call.catch(e => e);
        expect(APICallError.isInstance(error)).toBe(true);
        expect(error.message).toMatch(new RegExp(`^${what} broke off while it was being read: `));
        expect(error).toMatchObject({ statusCode: 200, isRetryable: true });
        expect(error.url).toMatch(new RegExp(`^${server.url}${path}`));
      }
      expect(server.hits).toHaveLength(2);
    } finally {
      await server.close();
    }
  });
});
