import { describe, expect, it } from 'vitest';
import { redirectError } from './redirect-error';

const URL_ = 'https://backend.test/codex/responses';
const check = (response: Response) =>
  redirectError(response, URL_, { a: 1 }, 'The Codex backend', 'baseURL');

describe('redirectError', () => {
  it.each([301, 302, 303, 307, 308])('turns %i into a non-retryable error', status => {
    const error = check(
      new Response('moved', {
        status,
        headers: { location: 'https://user:pw@other.test/x/y?token=abc#f' },
      }),
    );
    expect(error?.message).toBe(
      `The Codex backend at ${URL_} answered with a redirect (${status}) to https://other.test/x/y. Requests that carry ChatGPT credentials never follow redirects; check \`baseURL\`.`,
    );
    expect(error?.isRetryable).toBe(false);
    expect(error?.statusCode).toBe(status);
    expect(error?.requestBodyValues).toEqual({ a: 1 });
    expect(error?.responseHeaders).toMatchObject({ location: expect.any(String) });
  });

  it('resolves a relative Location and says nothing of a missing or broken one', () => {
    expect(
      check(new Response(null, { status: 307, headers: { location: '/v2' } }))?.message,
    ).toContain('redirect (307) to https://backend.test/v2.');
    expect(check(new Response(null, { status: 307 }))?.message).toContain(
      'answered with a redirect (307). Requests',
    );
    expect(
      check(new Response(null, { status: 307, headers: { location: 'http://[::1' } }))?.message,
    ).toContain('answered with a redirect (307). Requests');
  });

  it('recognises the opaque answer a browser gives for a manual redirect', () => {
    const opaque = { type: 'opaqueredirect', status: 0, headers: new Headers(), body: null };
    const error = check(opaque as unknown as Response);
    expect(error?.message).toBe(
      `The Codex backend at ${URL_} answered with a redirect. Requests that carry ChatGPT credentials never follow redirects; check \`baseURL\`.`,
    );
    expect(error?.statusCode).toBeUndefined();
  });

  it('leaves other answers alone', () => {
    for (const status of [200, 204, 304, 400, 401, 500]) {
      expect(check(new Response(null, { status }))).toBeUndefined();
    }
  });

  it('cancels the body it will not read', async () => {
    let cancelled = false;
    const body = new ReadableStream({ cancel: () => void (cancelled = true) });
    check(new Response(body, { status: 302, headers: { location: '/x' } }));
    await new Promise(resolve => setTimeout(resolve, 0));
    expect(cancelled).toBe(true);
  });
});
