import { APICallError, InvalidArgumentError } from '@ai-sdk/provider';
import type { FetchFunction } from '@ai-sdk/provider-utils';
import { afterEach, describe, expect, it } from 'vitest';
import { startRecordingServer, type RecordingServer } from '../../test/support/recording-server';
import { secretLeaks } from '../../test/support/secret-leaks';
import { sendCodexRequest } from './send-codex-request';

const TOKEN = 'token-SECRET-0123456789abcdef';
const URL = 'http://127.0.0.1:9/backend-api/codex/responses';

function failingFetch(error: unknown): FetchFunction {
  return async () => {
    throw error;
  };
}

function send(
  fetch: FetchFunction,
  headers: Record<string, string> = {},
  abortSignal?: AbortSignal,
) {
  return sendCodexRequest({
    method: 'POST',
    url: URL,
    headers: { authorization: `Bearer ${TOKEN}`, ...headers },
    body: { model: 'gpt-5.5' },
    fetch,
    abortSignal,
  });
}

async function rejection(promise: Promise<unknown>): Promise<unknown> {
  return promise.then(
    () => expect.fail('the request should have failed'),
    (error: unknown) => error,
  );
}

describe('sendCodexRequest: headers fetch would refuse', () => {
  async function refused(headers: Record<string, string>) {
    let calls = 0;
    const error = await rejection(
      sendCodexRequest({
        method: 'POST',
        url: URL,
        headers,
        fetch: async () => (calls++, new Response('{}')),
      }),
    );
    expect(calls).toBe(0);
    expect(InvalidArgumentError.isInstance(error)).toBe(true);
    expect(secretLeaks(error)).toEqual([]);
    const { argument, message } = error as InvalidArgumentError;
    return { argument, message };
  }

  it('names the access token and the auth setting, never the value', async () => {
    expect(await refused({ authorization: `Bearer ${TOKEN}\nx` })).toEqual({
      argument: 'auth',
      message:
        'The request header "authorization" contains a line break (CR or LF), so it cannot be sent. Check the `auth` setting or the auth file (`codex login` writes a valid one).',
    });
  });

  it('names the account id and the auth setting', async () => {
    expect(await refused({ 'chatgpt-account-id': `acct-${TOKEN}\u0001` })).toEqual({
      argument: 'auth',
      message:
        'The request header "chatgpt-account-id" contains a control character, so it cannot be sent. Check the `auth` setting or the auth file (`codex login` writes a valid one).',
    });
  });

  it('names any other header and the headers setting', async () => {
    expect(await refused({ 'x-trace': `a\rb${TOKEN}` })).toEqual({
      argument: 'headers.x-trace',
      message:
        'The request header "x-trace" contains a line break (CR or LF), so it cannot be sent. Fix the `headers` you pass.',
    });
  });

  it('does not quote a header name fetch would refuse', async () => {
    expect(await refused({ 'x trace': 'value' })).toEqual({
      argument: 'headers.x trace',
      message:
        'The name of a request header contains an invalid character, so it cannot be sent. Fix the `headers` you pass.',
    });
  });
});

describe('sendCodexRequest: transport failures', () => {
  let server: RecordingServer | undefined;
  afterEach(async () => {
    await server?.close();
    server = undefined;
  });

  it('reports a refused connection as retryable, keeping the runtime error as its cause', async () => {
    server = await startRecordingServer();
    const url = `${server.url}/backend-api/codex/responses`;
    await server.close();
    server = undefined;
    const error = await rejection(
      sendCodexRequest({
        method: 'POST',
        url,
        headers: { authorization: `Bearer ${TOKEN}` },
        body: {},
      }),
    );
    expect(APICallError.isInstance(error)).toBe(true);
    const e = error as APICallError;
    expect(e.message).toBe(`Cannot connect to the Codex backend at ${url}: ECONNREFUSED`);
    expect(e.isRetryable).toBe(true);
    // nothing to hide: the runtime's own error, with its stack and code, stays the cause
    expect(e.cause).toBeInstanceOf(TypeError);
    expect((e.cause as Error).message).toBe('fetch failed');
    expect((e.cause as { cause?: { code?: string } }).cause?.code).toBe('ECONNREFUSED');
  });

  it.each(['fetch failed', 'Network request failed', 'terminated'])(
    'treats a TypeError "%s" as a network failure worth a retry',
    async message => {
      const error = await rejection(send(failingFetch(new TypeError(message))));
      expect(error).toMatchObject({
        message: `Cannot connect to the Codex backend at ${URL}: ${message}`,
        isRetryable: true,
      });
    },
  );

  it.each([
    'Failed to fetch',
    'NetworkError when attempting to fetch resource.',
    'NetworkError when attempting to fetch resource',
    'Load failed',
  ])('treats a browser\'s TypeError "%s" as a network failure, and names CORS', async message => {
    const error = await rejection(send(failingFetch(new TypeError(message))));
    expect(error).toMatchObject({
      message: `Cannot connect to the Codex backend at ${URL}: ${message} (in a browser, also a request refused by CORS: the server must allow this origin and its headers)`,
      isRetryable: true,
    });
  });

  it.each([
    'Failed to parse URL from http://host:badport/terminated',
    'fetch failed: the request mode is not supported',
  ])('treats a TypeError "%s" as a request that cannot be sent', async message => {
    const error = await rejection(send(failingFetch(new TypeError(message))));
    expect(error).toMatchObject({
      message: `The request to the Codex backend at ${URL} could not be sent: ${message}. Check \`baseURL\` and \`headers\`.`,
      isRetryable: false,
    });
  });

  it('passes the abort of the caller through as it is', async () => {
    server = await startRecordingServer(() => {}); // never answers
    const controller = new AbortController();
    const pending = sendCodexRequest({
      method: 'POST',
      url: server.url,
      headers: {},
      body: {},
      abortSignal: controller.signal,
    });
    setTimeout(() => controller.abort(), 20);
    const error = await rejection(pending);
    expect(APICallError.isInstance(error)).toBe(false);
    expect(error).toMatchObject({ name: 'AbortError' });
  });

  it('passes an APICallError of a custom fetch through as it is', async () => {
    const own = new APICallError({
      message: 'proxy refused',
      url: URL,
      requestBodyValues: {},
      isRetryable: false,
    });
    expect(await rejection(send(failingFetch(own)))).toBe(own);
  });

  it('replaces a cause that quotes the token though the message does not', async () => {
    // the code names the failure; the cause's message still quotes the header
    const cause = Object.assign(new Error(`proxy rejected header Bearer ${TOKEN}`), {
      code: 'ECONNRESET',
    });
    const error = await rejection(send(failingFetch(new TypeError('fetch failed', { cause }))));
    expect(error).toMatchObject({
      message: `Cannot connect to the Codex backend at ${URL}: ECONNRESET`,
      isRetryable: true,
    });
    expect((error as APICallError).cause).toMatchObject({ message: 'ECONNRESET' });
    expect(secretLeaks(error)).toEqual([]);
  });

  it('replaces a cause whose stack alone quotes the token', async () => {
    const cause = Object.assign(new Error('socket hang up'), { code: 'ECONNRESET' });
    cause.stack = `Error: header Bearer ${TOKEN} rejected\n    at connect (net.js:1:1)`;
    const error = await rejection(send(failingFetch(new TypeError('fetch failed', { cause }))));
    expect((error as APICallError).cause).toMatchObject({ message: 'ECONNRESET' });
    expect(secretLeaks(error)).toEqual([]);
  });

  it('replaces a cause that is no Error but quotes the token', async () => {
    const cause = { message: `bad header value Bearer ${TOKEN}` };
    const error = await rejection(send(failingFetch(new TypeError('fetch failed', { cause }))));
    expect(error).toMatchObject({
      message: `Cannot connect to the Codex backend at ${URL}: bad header value [redacted]`,
    });
    expect((error as APICallError).cause).toMatchObject({
      message: 'bad header value [redacted]',
    });
    expect(secretLeaks(error)).toEqual([]);
  });

  it('replaces a cause that quotes the token further down its chain', async () => {
    const deep = new Error(`upstream echoed Bearer ${TOKEN}`);
    const cause = Object.assign(
      new Error('tunnel failed', { cause: new Error('proxy', { cause: deep }) }),
      {
        code: 'ECONNRESET',
      },
    );
    const error = await rejection(send(failingFetch(new TypeError('fetch failed', { cause }))));
    expect((error as APICallError).cause).toMatchObject({ message: 'ECONNRESET' });
    expect(secretLeaks(error)).toEqual([]);
  });

  it('ends on a cause chain that loops', async () => {
    const cause = Object.assign(new Error('loop'), { code: 'ECONNRESET' });
    (cause as { cause?: unknown }).cause = cause;
    const error = await rejection(send(failingFetch(new TypeError('fetch failed', { cause }))));
    expect((error as APICallError).cause).toBeInstanceOf(TypeError);
  });
});
