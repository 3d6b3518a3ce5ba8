import { describe, expect, it } from 'vitest';
import { blockedRequestError } from './blocked-request-error';

// Which answers are Cloudflare's own, not the backend's (test/cloudflare-challenge.test.ts has
// the whole call against the emulator).

const html = { 'content-type': 'text/html; charset=UTF-8' };

function blocked(status: number, headers: Record<string, string>, body = '<html></html>') {
  return blockedRequestError({
    url: 'https://chatgpt.example/backend-api/codex/responses',
    requestBodyValues: { model: 'm' },
    statusCode: status,
    responseHeaders: headers,
    responseBody: body,
  });
}

describe('blockedRequestError', () => {
  it('reads any answer marked cf-mitigated as blocked, whatever its status', async () => {
    const error = await blocked(503, { ...html, 'cf-mitigated': 'challenge' }, '<p>wait</p>');
    expect(error).toMatchObject({
      statusCode: 503,
      isRetryable: false,
      responseBody: '<p>wait</p>',
      requestBodyValues: { model: 'm' },
      responseHeaders: { 'cf-mitigated': 'challenge' },
    });
    expect(error!.message).toBe(
      'The request was blocked before it reached the Codex backend: Cloudflare answered with a challenge page (HTTP 503, cf-mitigated: challenge). It does so to requests from datacenter, VPN and Cloudflare Workers addresses; send them from another network.',
    );
  });

  it.each([
    ['a cf-ray', { 'cf-ray': '9a0b-FRA' }],
    ['server: cloudflare', { server: 'cloudflare' }],
  ])('reads a 403 HTML page with %s as a block page', async (_, headers) => {
    const error = await blocked(403, { ...html, ...headers });
    expect(error!.message).toContain('Cloudflare answered with a block page (HTTP 403).');
    expect(error!.isRetryable).toBe(false);
  });

  it.each([
    ['a 403 from the backend (JSON)', 403, { 'content-type': 'application/json', 'cf-ray': 'x' }],
    ['a 403 HTML page without a sign of Cloudflare', 403, { ...html, server: 'nginx' }],
    ["Cloudflare's page for a backend that is down", 502, { ...html, 'cf-ray': 'x' }],
    ['a 401 HTML page of Cloudflare', 401, { ...html, server: 'cloudflare' }],
  ])('leaves %s to the usual handler', async (_, status, headers) => {
    expect(await blocked(status, headers)).toBeUndefined();
  });
});
