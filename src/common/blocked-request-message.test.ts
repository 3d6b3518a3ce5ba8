import { describe, expect, it } from 'vitest';
import { blockedRequestMessage } from './blocked-request-message';

// Which answers are Cloudflare's own, not the backend's (test/cloudflare-challenge.test.ts has
// the whole call against the emulator: one request, not retryable, the page only in
// `responseBody`).

const html = { 'content-type': 'text/html; charset=UTF-8' };

describe('blockedRequestMessage', () => {
  it('reads any answer marked cf-mitigated as blocked, whatever its status', () => {
    expect(blockedRequestMessage(503, { ...html, 'cf-mitigated': 'challenge' })).toBe(
      'Cloudflare blocked the request before the Codex backend with a challenge page (HTTP 503, cf-mitigated: challenge), as it does for datacenter, VPN and Cloudflare Workers addresses; send it from another network.',
    );
  });

  it.each([
    ['a cf-ray', { 'cf-ray': '9a0b-FRA' }],
    ['server: cloudflare', { server: 'cloudflare' }],
  ])('reads a 403 HTML page with %s as a block page', (_, headers) => {
    expect(blockedRequestMessage(403, { ...html, ...headers })).toContain(
      'Cloudflare blocked the request before the Codex backend with a block page (HTTP 403), as it does',
    );
  });

  it.each([
    ['a 403 from the backend (JSON)', 403, { 'content-type': 'application/json', 'cf-ray': 'x' }],
    ['a 403 HTML page without a sign of Cloudflare', 403, { ...html, server: 'nginx' }],
    ["Cloudflare's page for a backend that is down", 502, { ...html, 'cf-ray': 'x' }],
    ['a 401 HTML page of Cloudflare', 401, { ...html, server: 'cloudflare' }],
  ])('leaves %s to the usual handler', (_, status, headers) => {
    expect(blockedRequestMessage(status, headers)).toBeUndefined();
  });
});
