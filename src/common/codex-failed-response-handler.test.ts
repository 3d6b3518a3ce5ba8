import { afterEach, describe, expect, it, vi } from 'vitest';
import { codexErrorToMessage, codexFailedResponseError } from './codex-failed-response-handler';
import { redactSecrets } from './redact-secrets';

describe('codexErrorToMessage', () => {
  it('says the plan and when a usage limit resets', () => {
    const data = {
      error: {
        type: 'usage_limit_reached',
        message: 'The usage limit has been reached',
        plan_type: 'plus',
        resets_at: 1_900_000_000,
        resets_in_seconds: 1500,
      },
    };
    expect(codexErrorToMessage(data)).toBe(
      'You have hit your ChatGPT usage limit (plus plan). Try again in ~25 min (resets at 2030-03-17T17:46:40.000Z).',
    );
  });

  describe('the wait, from resets_at alone', () => {
    afterEach(() => vi.useRealTimers());
    it.each([
      [30, '~30 s'],
      [0.2, '~1 s'],
      [89 * 60, '~89 min'],
      [2 * 3600, '~2 h'],
      [30 * 3600, '~30 h'],
    ])('%i s ahead: %s', (seconds, wait) => {
      vi.useFakeTimers({ now: 1_900_000_000_000 });
      const resetsAt = 1_900_000_000 + seconds;
      expect(
        codexErrorToMessage({ error: { code: 'usage_limit_reached', resets_at: resetsAt } }),
      ).toBe(
        `You have hit your ChatGPT usage limit. Try again in ${wait} (resets at ${new Date(resetsAt * 1000).toISOString()}).`,
      );
    });
  });

  it('says no wait when the reset time is none a Date can hold, instead of throwing', () => {
    for (const times of [
      { resets_at: 1e300 },
      { resets_at: -1e300, resets_in_seconds: 60 },
      { resets_in_seconds: 1e300 },
    ]) {
      expect(codexErrorToMessage({ error: { type: 'usage_limit_reached', ...times } })).toBe(
        'You have hit your ChatGPT usage limit.',
      );
    }
  });

  it('says only that the limit is hit when the answer says nothing more', () => {
    expect(codexErrorToMessage({ error: { type: 'usage_limit_reached' } })).toBe(
      'You have hit your ChatGPT usage limit.',
    );
  });

  it('explains a plan without Codex', () => {
    const data = { error: { type: 'usage_not_included', plan_type: 'free' } };
    expect(codexErrorToMessage(data)).toBe(
      'Your ChatGPT plan (free) does not include Codex (usage_not_included): upgrade it (https://chatgpt.com/pricing) or sign in with another account; retrying will not help.',
    );
    // by its code too, and without a plan
    expect(codexErrorToMessage({ error: { code: 'usage_not_included', message: 'x' } })).toMatch(
      /^Your ChatGPT plan does not include Codex \(usage_not_included\): upgrade it/,
    );
  });

  it('says what to do when the input exceeds the context window, by code or by type', () => {
    const message = 'Your input exceeds the context window of this model.';
    for (const error of [
      { code: 'context_length_exceeded', type: 'invalid_request_error', message },
      { type: 'context_length_exceeded', message },
    ]) {
      expect(codexErrorToMessage({ error })).toBe(
        `context_length_exceeded: ${message} Automatic compaction is off (\`compaction: false\`), lacks this model's window (call \`listModels()\` or set \`compaction: { atInputTokens: n }\`) or cannot help; \`providerOptions.codex.compact: true\` compacts for one call. Else start a new conversation or drop earlier messages.`,
      );
    }
    // a sentence without a full stop gets one; no sentence gets ours
    expect(
      codexErrorToMessage({ error: { code: 'context_length_exceeded', message: 'Too long' } }),
    ).toMatch(/^context_length_exceeded: Too long\. Automatic compaction/);
    expect(codexErrorToMessage({ error: { code: 'context_length_exceeded' } })).toMatch(
      /^context_length_exceeded: The input exceeds the model's context window\. Automatic/,
    );
  });

  it('passes the backend sentence through, with its code', () => {
    expect(
      codexErrorToMessage({
        detail: "The 'gpt-4o' model is not supported when using Codex with a ChatGPT account.",
      }),
    ).toBe(
      "The 'gpt-4o' model is not supported when using Codex with a ChatGPT account. `listModels()` lists the models this account can use.",
    );
    expect(
      codexErrorToMessage({
        error: {
          message: 'Unsupported parameter: temperature',
          type: 'invalid_request_error',
          code: 'unsupported_parameter',
        },
      }),
    ).toBe('Unsupported parameter: temperature (unsupported_parameter)');
    expect(
      codexErrorToMessage({ detail: [{ loc: ['body', 'model'], msg: 'field required' }] }),
    ).toBe('field required');
    // each entry of a list, an entry without a `msg` as it is
    expect(
      codexErrorToMessage({ detail: [{ msg: 'a' }, 'b', null, { loc: ['x'] }, { msg: 7 }] }),
    ).toBe('a; "b"; null; {"loc":["x"]}; 7');
    // any other detail as JSON; none, or an empty one, says the request failed
    expect(codexErrorToMessage({ detail: { reason: 'x' } })).toBe('{"reason":"x"}');
    expect(codexErrorToMessage({ detail: null })).toBe('Codex request failed');
    expect(codexErrorToMessage({ detail: [] })).toBe('Codex request failed');
  });
});

describe('codexFailedResponseError', () => {
  const URL_ = 'https://chatgpt.example/backend-api/codex/responses';
  const fail = (status: number, body: string, headers: Record<string, string> = {}) =>
    codexFailedResponseError({
      response: new Response(body, { status, statusText: 'Unavailable', headers }),
      url: URL_,
      requestBodyValues: { model: 'gpt-5.3-codex' },
    });

  it("reads Cloudflare's challenge as blocked, not retryable even as a 503, the page kept as the body", async () => {
    const error = await fail(503, '<p>Just a moment…</p>', {
      'content-type': 'text/html',
      'cf-mitigated': 'challenge',
      'cf-ray': '9a0b-FRA',
    });
    expect(error).toMatchObject({
      statusCode: 503,
      isRetryable: false,
      url: URL_,
      requestBodyValues: { model: 'gpt-5.3-codex' },
      responseBody: '<p>Just a moment…</p>',
      data: undefined,
    });
    expect(error.message).toMatch(
      /^Cloudflare blocked the request before the Codex backend with a challenge page \(HTTP 503, cf-mitigated: challenge\), .* \[cf-ray: 9a0b-FRA\]$/,
    );
  });

  it('reads no error body out of a blocked page, JSON or not', async () => {
    const error = await fail(
      429,
      JSON.stringify({ error: { type: 'usage_limit_reached', plan_type: 'plus' } }),
      { 'cf-mitigated': 'challenge' },
    );
    expect(error.message).toMatch(/^Cloudflare blocked the request/);
    expect(error.data).toBeUndefined();
    expect(error.isRetryable).toBe(false);
  });

  it('gives a body in no known shape its status text, retryable by its status', async () => {
    for (const body of ['', 'upstream connect error', '{"error":{"message":5}}']) {
      const error = await fail(503, body, { 'x-request-id': 'req-1' });
      expect(error).toMatchObject({
        message: 'Unavailable [request id: req-1]',
        data: undefined,
        isRetryable: true,
      });
      expect(error.responseBody).toBe(body);
    }
    for (const [status, retryable] of [
      [400, false],
      [404, false],
      [408, true],
      [409, false],
      [429, true],
      [500, true],
    ] as const) {
      expect((await fail(status, 'no')).isRetryable).toBe(retryable);
    }
  });

  it.each([
    ['usage_limit_reached', 'type'],
    ['usage_limit_reached', 'code'],
    ['usage_not_included', 'type'],
    ['usage_not_included', 'code'],
  ])('never retries %s (as its %s), whatever the status', async (kind, field) => {
    for (const status of [429, 500, 503]) {
      const error = await fail(status, JSON.stringify({ error: { [field]: kind } }));
      expect(error.isRetryable).toBe(false);
      expect(error.data).toMatchObject({ error: { [field]: kind } });
    }
    // the same status with another error is retried
    expect((await fail(503, JSON.stringify({ error: { code: 'x' } }))).isRetryable).toBe(true);
  });

  it('says which limit a usage-limit answer is about, with the plan and reset time as data', async () => {
    const error = await fail(
      429,
      JSON.stringify({
        error: { type: 'usage_limit_reached', plan_type: 'plus', resets_at: 1_900_000_000 },
      }),
      {
        'x-codex-bengalfox-primary-used-percent': '100',
        'x-codex-bengalfox-primary-window-minutes': '300',
        'x-codex-bengalfox-limit-name': 'GPT-5.3-Codex',
        'x-request-id': 'req-2',
      },
    );
    expect(error.isRetryable).toBe(false);
    expect(error.message).toMatch(
      /^You have hit your ChatGPT usage limit for GPT-5\.3-Codex \(plus plan; its short window is used up\)\. Try again in .* \(resets at 2030-03-17T17:46:40\.000Z\)\. \[request id: req-2\]$/,
    );
    expect(error.data).toMatchObject({
      plan: 'plus',
      resetsAt: new Date(1_900_000_000_000),
      limit: { id: 'codex_bengalfox', name: 'GPT-5.3-Codex', window: 'short' },
    });
  });
  it('gives the reset time in data from resets_in_seconds alone, and none from nulls', async () => {
    const before = Date.now();
    const { data } = await fail(
      429,
      JSON.stringify({ error: { type: 'usage_limit_reached', resets_in_seconds: 600 } }),
    );
    const resetsAt = (data as { resetsAt: Date }).resetsAt.getTime();
    expect(resetsAt).toBeGreaterThanOrEqual(before + 600_000);
    expect(resetsAt).toBeLessThanOrEqual(Date.now() + 600_000);
    const none = await fail(
      429,
      JSON.stringify({
        error: { type: 'usage_limit_reached', resets_at: null, resets_in_seconds: null },
      }),
    );
    expect(none.message).toBe('You have hit your ChatGPT usage limit.');
    expect(none.data).toMatchObject({ resetsAt: undefined });
  });

  it('gives no reset time in data when the answer’s is none a Date can hold', async () => {
    const error = await fail(
      429,
      JSON.stringify({
        error: { type: 'usage_limit_reached', plan_type: 'plus', resets_at: 1e300 },
      }),
    );
    expect(error.message).toBe('You have hit your ChatGPT usage limit (plus plan).');
    expect(error.isRetryable).toBe(false);
    expect(error.data).toMatchObject({ plan: 'plus', resetsAt: undefined });
  });
});

describe('redactSecrets', () => {
  it('replaces each secret and each line of a multi-line one, longest first', () => {
    const token = 'at-SECRET-1234\r\nX-Injected: yes';
    expect(
      redactSecrets(`Headers.append: "Bearer ${token}" is invalid; also at-SECRET-1234`, [
        `Bearer ${token}`,
        undefined,
        'short',
      ]),
    ).toBe('Headers.append: "[redacted]" is invalid; also [redacted]');
  });

  it('leaves text alone when nothing secret is in it', () => {
    expect(redactSecrets('fetch failed', ['at-SECRET-1234', 'Bearer'])).toBe('fetch failed');
  });
});
