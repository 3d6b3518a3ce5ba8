// Issue #26, item 4: Cloudflare, in front of chatgpt.com, answers some requests (from
// datacenter IPs and from Cloudflare Workers) itself, with an HTML challenge page, before
// they reach the Codex backend. Such an answer must read as a blocked request: said so in
// one sentence, not retried, no page and no token quoted.
import { APICallError } from '@ai-sdk/provider';
import { describe, expect, it } from 'vitest';
import { createCodex } from '../src';
import type { EmulatorScript } from './support/codex-emulator';
import { secretLeaks } from './support/secret-leaks';
import { useCodexEmulator } from './support/use-codex-emulator';

const emu = useCodexEmulator();

/** A managed challenge as Cloudflare serves it (HTTP 403, `cf-mitigated: challenge`). */
const CHALLENGE_PAGE = `<!DOCTYPE html><html lang="en-US"><head><title>Just a moment...</title><meta http-equiv="Content-Type" content="text/html; charset=UTF-8"><meta name="robots" content="noindex,nofollow"></head><body><div class="main-wrapper" role="main"><div class="main-content"><noscript><div class="h2"><span id="challenge-error-text">Enable JavaScript and cookies to continue</span></div></noscript></div></div><script>(function(){window._cf_chl_opt={cvId: '3',cZone: "chatgpt.com",cType: 'managed',cRay: '9a0b1c2d3e4f5a6b',cH: 'x'};}());</script></body></html>`;

const challenge: EmulatorScript = {
  kind: 'http',
  status: 403,
  body: CHALLENGE_PAGE,
  headers: {
    'content-type': 'text/html; charset=UTF-8',
    'cf-mitigated': 'challenge',
    'cf-ray': '9a0b1c2d3e4f5a6b-FRA',
    server: 'cloudflare',
    'cache-control': 'private, max-age=0, no-store, no-cache, must-revalidate',
  },
};

/** The block page of a firewall rule: 403, HTML, no `cf-mitigated`. */
const blockPage: EmulatorScript = {
  kind: 'http',
  status: 403,
  body: '<!DOCTYPE html><html><head><title>Attention Required! | Cloudflare</title></head><body><h1>Sorry, you have been blocked</h1><p>Cloudflare Ray ID: <strong>9a0b1c2d3e4f5a6c</strong></p></body></html>',
  headers: {
    'content-type': 'text/html; charset=UTF-8',
    'cf-ray': '9a0b1c2d3e4f5a6c-FRA',
    server: 'cloudflare',
  },
};

async function failure(script: EmulatorScript): Promise<APICallError> {
  emu.inject = () => script;
  const codex = createCodex({
    baseURL: emu.baseURL,
    auth: { accessToken: 'at-SECRET-challenged', accountId: 'acct-challenged' },
  });
  const error = await codex('gpt-5.3-codex')
    .doGenerate({ prompt: [{ role: 'user', content: [{ type: 'text', text: 'Hi' }] }] })
    .then(
      () => undefined,
      (e: unknown) => e,
    );
  expect(APICallError.isInstance(error)).toBe(true);
  return error as APICallError;
}

describe('a request blocked by Cloudflare before it reached the Codex backend', () => {
  it.each([
    ['a challenge page (cf-mitigated: challenge)', challenge, '9a0b1c2d3e4f5a6b-FRA'],
    ['a block page', blockPage, '9a0b1c2d3e4f5a6c-FRA'],
  ])('reads as blocked: %s', async (_, script, ray) => {
    const error = await failure(script);
    expect(error.statusCode).toBe(403);
    expect(error.isRetryable).toBe(false);
    // one request: a challenge does not go away on a retry a second later
    expect(emu.requests).toHaveLength(1);
    expect(error.message).toMatch(/blocked/i);
    expect(error.message).toMatch(/before the Codex backend/);
    expect(error.message).toContain(`cf-ray: ${ray}`);
    // the page itself is no message
    expect(error.message).not.toMatch(/<html|<!DOCTYPE|_cf_chl_opt|Just a moment/i);
    expect(secretLeaks(error)).toEqual([]);
  });

  it('quotes no token from a page that echoes the request', async () => {
    const error = await failure({
      ...challenge,
      body: `${CHALLENGE_PAGE}<!-- Authorization: Bearer at-SECRET-challenged -->`,
    });
    expect(error.message).toMatch(/blocked the request before the Codex backend/);
    expect(error.responseBody).toContain('Authorization: [redacted] -->');
    expect(secretLeaks(error)).toEqual([]);
  });
});
