import {
  APICallError,
  LoadAPIKeyError,
  type LanguageModelV2,
  type LanguageModelV2CallOptions,
} from '@ai-sdk/provider';
import { convertReadableStreamToArray } from '@ai-sdk/provider-utils/test';
import { describe, expect, it, vi } from 'vitest';
import { createCodex, DEFAULT_CODEX_INSTRUCTIONS, type CodexProviderSettings } from '../src';
import { postResponses, startCodexEmulator } from './support/codex-emulator';
import { useCodexEmulator } from './support/use-codex-emulator';

const emu = useCodexEmulator();

const ACCESS_TOKEN = 'at-SECRET-lm';
const hi: LanguageModelV2CallOptions = {
  prompt: [{ role: 'user', content: [{ type: 'text', text: 'Hi' }] }],
};

function createModel(settings: CodexProviderSettings = {}, id = 'gpt-5.3-codex'): LanguageModelV2 {
  return createCodex({
    baseURL: emu.baseURL,
    auth: { accessToken: ACCESS_TOKEN, accountId: 'acct_1' },
    ...settings,
  })(id);
}

const model = createModel;

async function expectCallError(promise: PromiseLike<unknown>): Promise<APICallError> {
  const error = await Promise.resolve(promise).then(
    () => undefined,
    e => e,
  );
  expect(APICallError.isInstance(error)).toBe(true);
  return error as APICallError;
}

describe('request', () => {
  it('sends the protocol headers and a stable session id', async () => {
    const provider = createCodex({
      baseURL: emu.baseURL,
      auth: { accessToken: ACCESS_TOKEN, accountId: 'acct_1' },
    });
    await provider('gpt-5.3-codex').doGenerate(hi);
    await provider('gpt-5.3-codex').doGenerate(hi);
    const [a, b] = emu.requests;
    expect(a!.path).toBe('/backend-api/codex/responses');
    expect(a!.headers).toMatchObject({
      authorization: `Bearer ${ACCESS_TOKEN}`,
      'chatgpt-account-id': 'acct_1',
      originator: 'ai-sdk-provider-codex',
      accept: 'text/event-stream',
      'content-type': 'application/json',
    });
    expect(a!.headers['user-agent']).toMatch(
      /^ai-sdk-provider-codex\/\d+\.\d+\.\d+\S* \(\S.*; \S+\)$/,
    );
    expect(a!.headers.session_id).toBe(provider.sessionId);
    expect(a!.headers['session-id']).toBe(provider.sessionId);
    expect(b!.headers.session_id).toBe(provider.sessionId);
    expect(a!.body.prompt_cache_key).toBe(provider.sessionId);
    expect(createCodex().sessionId).not.toBe(provider.sessionId);
  });

  it('draws a version-4 UUID as the session id where crypto.randomUUID is missing (an http page)', () => {
    vi.stubGlobal('crypto', {});
    try {
      const ids = [createCodex().sessionId, createCodex().sessionId];
      for (const id of ids) {
        expect(id).toMatch(/^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-a[0-9a-f]{3}-[0-9a-f]{12}$/);
      }
      expect(ids[0]).not.toBe(ids[1]);
    } finally {
      vi.unstubAllGlobals();
    }
  });

  it('trims defaultInstructions, and falls back to the Codex ones when only blanks are left', async () => {
    await model({ defaultInstructions: '  Be brief.\n' }).doGenerate(hi);
    await model({ defaultInstructions: ' \n ' }).doGenerate(hi);
    const [trimmed, blank] = emu.requests.map(r => r.body);
    expect(trimmed!.instructions).toBe('Be brief.');
    expect(blank!.instructions).toBe(DEFAULT_CODEX_INSTRUCTIONS);
  });

  it('lets an app name itself and add headers', async () => {
    await model({
      originator: 'my-agent',
      sessionId: 'conv-1',
      headers: { 'X-Extra': '1' },
    }).doGenerate({
      ...hi,
      headers: { 'x-call': '2' },
    });
    const { headers, body } = emu.requests[0]!;
    expect(headers.originator).toBe('my-agent');
    expect(headers['user-agent']).toMatch(/^my-agent ai-sdk-provider-codex\//);
    expect(headers).toMatchObject({ 'x-extra': '1', 'x-call': '2', session_id: 'conv-1' });
    expect(body.prompt_cache_key).toBe('conv-1');
  });

  it('omits ChatGPT-Account-ID when the account is unknown', async () => {
    await createCodex({ baseURL: emu.baseURL, auth: async () => ({ accessToken: ACCESS_TOKEN }) })(
      'gpt-5',
    ).doGenerate(hi);
    expect(emu.requests[0]!.headers).not.toHaveProperty('chatgpt-account-id');
  });

  it('asks the auth function for credentials on every call', async () => {
    let n = 0;
    const m = createCodex({
      baseURL: emu.baseURL,
      auth: async () => ({ accessToken: `token-${++n}` }),
    })('gpt-5');
    await m.doGenerate(hi);
    await m.doGenerate(hi);
    expect(emu.requests.map(r => r.headers.authorization)).toEqual([
      'Bearer token-1',
      'Bearer token-2',
    ]);
  });

  it('fails with LoadAPIKeyError before any request when there are no credentials', async () => {
    const m = createCodex({ baseURL: emu.baseURL, authFile: '/nonexistent/codex/auth.json' })(
      'gpt-5',
    );
    await expect(m.doGenerate(hi)).rejects.toSatisfy(e => LoadAPIKeyError.isInstance(e));
    expect(emu.requests).toHaveLength(0);
  });

  it('passes the emulator checks for a full request (system, tools, json, options)', async () => {
    const { warnings } = await model().doGenerate({
      prompt: [{ role: 'system', content: 'Be brief.' }, ...hi.prompt],
      tools: [
        {
          type: 'function',
          name: 'f',
          inputSchema: { type: 'object', properties: { q: { type: 'string' } } },
        },
      ],
      temperature: 0.5,
      providerOptions: { codex: { reasoningEffort: 'low', textVerbosity: 'low' } },
    });
    expect(warnings).toEqual([
      expect.objectContaining({ type: 'unsupported-setting', setting: 'temperature' }),
    ]);
    expect(emu.requests[0]!.body).toMatchObject({
      instructions: 'Be brief.',
      store: false,
      stream: true,
    });
  });
});

describe('serviceTier (Fast mode)', () => {
  it("sends 'fast' as priority and does not report the tier the backend echoes as used", async () => {
    const result = await model().doGenerate({
      ...hi,
      providerOptions: { codex: { serviceTier: 'fast' } },
    });
    expect(emu.requests[0]!.body.service_tier).toBe('priority');
    expect(result.warnings).toEqual([]);
    // the emulator echoes service_tier 'default', which says nothing about priority
    expect(result.providerMetadata?.codex).not.toHaveProperty('serviceTier');
  });

  it('leaves out a tier the backend would refuse with 400, with a warning', async () => {
    const result = await model().doGenerate({
      ...hi,
      providerOptions: { codex: { serviceTier: 'flex' } },
    });
    expect(emu.requests[0]!.body).not.toHaveProperty('service_tier');
    expect(result.warnings).toEqual([
      { type: 'other', message: expect.stringContaining("serviceTier 'flex' was not sent") },
    ]);
    // what the emulator, like the backend, answers when it is sent anyway
    const refused = await postResponses(emu, { ...emu.requests[0]!.body, service_tier: 'flex' });
    expect(refused.status).toBe(400);
    expect(await refused.text()).toContain('Unsupported service_tier: flex');
  });
});

describe('history hygiene', () => {
  it('a history with an unanswered tool call is accepted by the backend', async () => {
    const result = await model().doGenerate({
      prompt: [
        { role: 'user', content: [{ type: 'text', text: 'Delete it' }] },
        {
          role: 'assistant',
          content: [{ type: 'tool-call', toolCallId: 'c1', toolName: 'deleteFile', input: {} }],
        },
        {
          role: 'tool',
          content: [
            {
              type: 'tool-result',
              toolCallId: 'ghost',
              toolName: 'x',
              output: { type: 'text', value: 'v' },
            },
          ],
        },
        { role: 'user', content: [{ type: 'text', text: 'Never mind' }] },
      ],
    });
    expect(result.finishReason).toBe('stop');
    expect(result.warnings).toHaveLength(2);
    expect(emu.requests).toHaveLength(1);
  });
});

describe('doGenerate', () => {
  it('aggregates reasoning and text with metadata, usage and response info', async () => {
    emu.enqueue({
      kind: 'sse',
      fixture: 'reasoning-text',
      chunkSize: 'random',
      noContentType: true,
    });
    const result = await model().doGenerate(hi);
    expect(result.content).toEqual([
      {
        type: 'reasoning',
        text: '**Reading** the question.',
        providerMetadata: { codex: { itemId: 'rs_r1' } },
      },
      {
        type: 'reasoning',
        text: '**Answering** briefly.',
        providerMetadata: {
          codex: { itemId: 'rs_r1', reasoningEncryptedContent: 'enc:gAAAAB-reasoning-1' },
        },
      },
      {
        type: 'text',
        text: 'The answer is 4.',
        providerMetadata: { codex: { itemId: 'msg_r1', phase: 'final_answer' } },
      },
    ]);
    expect(result.finishReason).toBe('stop');
    expect(result.usage).toEqual({
      inputTokens: 30,
      outputTokens: 50,
      totalTokens: 80,
      reasoningTokens: 40,
      cachedInputTokens: 10,
    });
    expect(result.providerMetadata).toEqual({ codex: { responseId: 'resp_reason_1' } });
    expect(result.response).toMatchObject({
      id: 'resp_reason_1',
      modelId: 'gpt-5.3-codex',
      timestamp: new Date(1_760_000_000_000),
      headers: expect.objectContaining({ 'x-request-id': 'req_emulator' }),
    });
    expect(result.request?.body).toMatchObject({ model: 'gpt-5.3-codex', store: false });
  });

  it('returns tool calls with their JSON input and finishReason tool-calls', async () => {
    emu.enqueue({ kind: 'sse', fixture: 'parallel-tool-calls' });
    const result = await model().doGenerate(hi);
    expect(result.content).toEqual([
      {
        type: 'tool-call',
        toolCallId: 'call_a',
        toolName: 'getWeather',
        input: '{"city":"Paris"}',
      },
      { type: 'tool-call', toolCallId: 'call_b', toolName: 'getTime', input: '{"zone":"UTC"}' },
    ]);
    expect(result.finishReason).toBe('tool-calls');
  });

  it('returns finishReason length for an incomplete response', async () => {
    emu.enqueue({ kind: 'sse', fixture: 'incomplete' });
    expect((await model().doGenerate(hi)).finishReason).toBe('length');
  });

  it('throws an APICallError for response.failed', async () => {
    emu.enqueue({ kind: 'sse', fixture: 'failed' });
    const error = await expectCallError(model().doGenerate(hi));
    expect(error.message).toMatch(
      /^context_length_exceeded: Your input exceeds the context window/,
    );
    expect(error.isRetryable).toBe(false);
  });

  it('throws when the stream ends without a terminal event', async () => {
    emu.enqueue({ kind: 'sse', fixture: 'no-terminal' });
    // with retries on, doGenerate would try again (fault-matrix.test.ts)
    const error = await expectCallError(model({ maxRetries: 0 }).doGenerate(hi));
    expect(error.message).toMatch(/ended before the response was complete/);
  });

  it('finishes when the server keeps the connection open after response.completed', async () => {
    emu.enqueue({ kind: 'sse', fixture: 'text', keepOpen: true });
    const result = await model().doGenerate(hi);
    expect(result.content).toMatchObject([
      { type: 'text', text: 'Hello, world! Ünïcödé 👋 done.' },
    ]);
  });
});

describe('rate limits and diagnostics', () => {
  const limitHeaders = {
    'x-codex-primary-used-percent': '12.5',
    'x-codex-primary-window-minutes': '300',
    'x-codex-primary-reset-at': '1900000000',
    'x-codex-secondary-used-percent': '40',
    'x-codex-secondary-window-minutes': '10080',
    'x-codex-credits-has-credits': 'true',
    'x-codex-credits-balance': '17.5',
  };
  const expected = {
    primary: { usedPercent: 12.5, windowMinutes: 300, resetsAt: 1_900_000_000 },
    secondary: { usedPercent: 40, windowMinutes: 10080 },
    short: { usedPercent: 12.5, windowMinutes: 300, resetsAt: 1_900_000_000 },
    weekly: { usedPercent: 40, windowMinutes: 10080 },
    credits: { hasCredits: true, balance: 17.5 },
  };

  it('reports the rate-limit headers on finish and on doGenerate', async () => {
    emu.enqueue({ kind: 'sse', fixture: 'text', headers: limitHeaders });
    const { stream } = await model().doStream(hi);
    const parts = await convertReadableStreamToArray(stream);
    expect(parts.at(-1)).toMatchObject({
      type: 'finish',
      providerMetadata: { codex: { rateLimits: expected } },
    });

    emu.enqueue({ kind: 'sse', fixture: 'text', headers: limitHeaders });
    const result = await model().doGenerate(hi);
    expect(result.providerMetadata?.codex?.rateLimits).toEqual(expected);
  });

  it('reports the per-model limits (x-<limit>-* header families) beside the main one', async () => {
    emu.enqueue({
      kind: 'sse',
      fixture: 'text',
      headers: {
        ...limitHeaders,
        'x-codex-credits-unlimited': 'false',
        'x-codex-bengalfox-primary-used-percent': '64',
        'x-codex-bengalfox-primary-window-minutes': '300',
        'x-codex-bengalfox-primary-reset-at': '1900000100',
        'x-codex-bengalfox-limit-name': 'GPT-5.3-Codex-Spark',
      },
    });
    const result = await model().doGenerate(hi);
    expect(result.providerMetadata?.codex?.rateLimits).toEqual({
      ...expected,
      credits: { hasCredits: true, unlimited: false, balance: 17.5 },
      additionalLimits: [
        {
          id: 'codex_bengalfox',
          name: 'GPT-5.3-Codex-Spark',
          primary: { usedPercent: 64, windowMinutes: 300, resetsAt: 1_900_000_100 },
          short: { usedPercent: 64, windowMinutes: 300, resetsAt: 1_900_000_100 },
        },
      ],
    });
  });

  it('puts x-request-id and cf-ray into stream error messages', async () => {
    emu.enqueue({
      kind: 'sse',
      fixture: 'failed',
      headers: { 'x-request-id': 'req_42', 'cf-ray': 'ray-7' },
    });
    const { stream } = await model().doStream(hi);
    const error = (await convertReadableStreamToArray(stream)).find(p => p.type === 'error') as {
      error: APICallError;
    };
    expect(error.error.message).toMatch(/\[request id: req_42, cf-ray: ray-7\]$/);
  });
});

describe('doStream', () => {
  it('streams parts from the emulator with the request body and headers', async () => {
    emu.enqueue({ kind: 'sse', fixture: 'tool-call', chunkSize: 'random' });
    const { stream, request, response } = await model().doStream({
      ...hi,
      includeRawChunks: false,
    });
    const parts = await convertReadableStreamToArray(stream);
    expect(parts[0]).toEqual({ type: 'stream-start', warnings: [] });
    expect(parts.map(p => p.type)).toContain('tool-call');
    expect(parts.at(-1)).toMatchObject({ type: 'finish', finishReason: 'tool-calls' });
    expect(request?.body).toMatchObject({ stream: true });
    expect(response?.headers).toMatchObject({ 'x-request-id': 'req_emulator' });
  });

  it('ends with an error part, keeping what arrived, when the connection drops mid-stream', async () => {
    emu.enqueue({ kind: 'sse', fixture: 'text', chunkSize: 64, destroyAfterBytes: 1500 });
    const { stream } = await model().doStream(hi);
    const parts = await convertReadableStreamToArray(stream);
    const types = parts.map(p => p.type);
    expect(types).toContain('text-delta');
    const error = parts.find(p => p.type === 'error') as { error: APICallError };
    expect(error.error.message).toMatch(/broke mid-stream/);
    expect(parts.at(-1)).toMatchObject({ type: 'finish', finishReason: 'error' });
  });

  it('cancels the HTTP request when the caller aborts mid-stream', async () => {
    emu.enqueue({ kind: 'sse', fixture: 'reasoning-text', chunkSize: 40, delayMs: 20 });
    const controller = new AbortController();
    const { stream } = await model().doStream({ ...hi, abortSignal: controller.signal });
    const reader = stream.getReader();
    await reader.read(); // stream-start
    await reader.read();
    controller.abort();
    const error = await (async () => {
      try {
        for (;;) if ((await reader.read()).done) return undefined;
      } catch (e) {
        return e;
      }
    })();
    expect(error).toMatchObject({ name: 'AbortError' });
    // the emulator still had bytes to send: it sees the connection closed by us
    await vi.waitFor(() => expect(emu.requests[0]!.closedByClient).toBe(true));
    expect(emu.requests).toHaveLength(1);
  });

  it('rejects at once when the signal is already aborted', async () => {
    const controller = new AbortController();
    controller.abort();
    await expect(model().doStream({ ...hi, abortSignal: controller.signal })).rejects.toMatchObject(
      { name: 'AbortError' },
    );
  });
});

// One attempt each: these pin how a single answer is classified (retries: fault-matrix.test.ts).
describe('HTTP errors', () => {
  const model = (settings: CodexProviderSettings = {}, id = 'gpt-5.3-codex') =>
    createModel({ maxRetries: 0, ...settings }, id);

  it('passes the backend sentence through for an unknown model (400, not retryable)', async () => {
    const error = await expectCallError(model({}, 'gpt-4o').doGenerate(hi));
    expect(error.statusCode).toBe(400);
    expect(error.message).toBe(
      "The 'gpt-4o' model is not supported when using Codex with a ChatGPT account. `listModels()` lists the models this account can use. [request id: req_emulator]",
    );
    expect(error.isRetryable).toBe(false);
    expect(error.url).toBe(`${emu.baseURL}/responses`);
    expect(error.requestBodyValues).toMatchObject({ model: 'gpt-4o' });
    expect(error.responseBody).toContain('not supported');
  });

  /** A 429 usage-limit answer of a pro plan that resets in `seconds`. */
  const usageLimit = (seconds: number, headers?: Record<string, string>) => {
    const resetsAt = Math.floor(Date.now() / 1000) + seconds;
    emu.enqueue({
      kind: 'http',
      status: 429,
      headers,
      body: {
        error: {
          type: 'usage_limit_reached',
          message: 'The usage limit has been reached',
          plan_type: 'pro',
          resets_at: resetsAt,
          resets_in_seconds: seconds,
        },
      },
    });
    return resetsAt;
  };

  it('explains a usage limit (429, not retryable) with plan and reset time', async () => {
    const resetsAt = usageLimit(3600);
    const error = await expectCallError(model().doGenerate(hi));
    expect(error.statusCode).toBe(429);
    expect(error.isRetryable).toBe(false);
    expect(error.message).toMatch(
      /^You have hit your ChatGPT usage limit \(pro plan\)\. Try again in ~60 min \(resets at .+\)\. \[request id: req_emulator\]$/,
    );
    expect(error.data).toMatchObject({ plan: 'pro', resetsAt: new Date(resetsAt * 1000) });
  });

  it('says which limit a usage limit is: the requested model’s own, or the main one', async () => {
    const sparkFull = {
      'x-codex-primary-used-percent': '40',
      'x-codex-primary-window-minutes': '300',
      'x-codex-bengalfox-primary-used-percent': '100',
      'x-codex-bengalfox-primary-window-minutes': '300',
      'x-codex-bengalfox-limit-name': 'gpt-5.2',
    };
    const resetsAt = usageLimit(600, sparkFull);
    const perModel = await expectCallError(model({}, 'gpt-5.2').doGenerate(hi));
    expect(perModel.isRetryable).toBe(false);
    expect(perModel.message).toMatch(
      /^You have hit your ChatGPT usage limit for gpt-5\.2 \(pro plan; its short window is used up\)\. Try again in ~10 min \(resets at .+\)\. \[request id: req_emulator\]$/,
    );
    expect(perModel.data).toMatchObject({
      plan: 'pro',
      resetsAt: new Date(resetsAt * 1000),
      limit: { id: 'codex_bengalfox', name: 'gpt-5.2', window: 'short' },
    });

    usageLimit(600, {
      'x-codex-secondary-used-percent': '100',
      'x-codex-secondary-window-minutes': '10080',
    });
    const main = await expectCallError(model().doGenerate(hi));
    expect(main.message).toMatch(
      /^You have hit your ChatGPT usage limit \(pro plan; its weekly window is used up\)\. Try again/,
    );
    expect(main.data).toMatchObject({ limit: { id: 'codex', window: 'weekly' } });
  });

  it('classifies a usage limit by its body even on 404', async () => {
    emu.enqueue({
      kind: 'http',
      status: 404,
      body: { error: { type: 'usage_not_included', plan_type: 'free' } },
    });
    const error = await expectCallError(model().doGenerate(hi));
    expect(error.isRetryable).toBe(false);
    expect(error.message).toMatch(/does not include Codex/);
  });

  it('marks a 429 rate limit retryable', async () => {
    emu.enqueue({
      kind: 'http',
      status: 429,
      headers: { 'retry-after': '1' },
      body: {
        error: {
          type: 'rate_limit_exceeded',
          message: 'Rate limit reached. Please try again in 1s.',
        },
      },
    });
    const error = await expectCallError(model().doGenerate(hi));
    expect(error.isRetryable).toBe(true);
    expect(error.responseHeaders).toMatchObject({ 'retry-after': '1' });
  });

  it('marks 500 retryable and survives an empty or non-JSON body', async () => {
    emu.enqueue({
      kind: 'http',
      status: 500,
      body: { error: { message: 'Internal error', type: 'server_error' } },
    });
    const a = await expectCallError(model().doGenerate(hi));
    expect(a.isRetryable).toBe(true);
    expect(a.message).toBe('Internal error (server_error) [request id: req_emulator]');

    emu.enqueue({ kind: 'http', status: 502, body: '<html>Bad gateway</html>' });
    const b = await expectCallError(model().doGenerate(hi));
    expect(b.statusCode).toBe(502);
    expect(b.isRetryable).toBe(true);
    expect(b.responseBody).toContain('Bad gateway');
  });

  it('turns a refused connection into a retryable APICallError', async () => {
    const closed = await startCodexEmulator();
    await closed.close();
    const error = await expectCallError(model({ baseURL: closed.baseURL }).doGenerate(hi));
    expect(error.isRetryable).toBe(true);
    expect(error.message).toMatch(/Cannot connect to the Codex backend .*ECONNREFUSED/);
  });

  it('turns a connection reset before headers into a retryable APICallError', async () => {
    emu.enqueue({ kind: 'reset' });
    const error = await expectCallError(model().doGenerate(hi));
    expect(error.isRetryable).toBe(true);
  });
});
