// Adversarial input against the public API (issue #12): hostile token values, redirects,
// symlinked auth files, CR/LF in settings, aborts while credentials are pending, unchecked
// model settings, misspelt options, huge timeouts, and the User-Agent under `ai@5`.
import {
  APICallError,
  InvalidArgumentError,
  LoadAPIKeyError,
  type LanguageModelV2CallOptions,
} from '@ai-sdk/provider';
import type { FetchFunction } from '@ai-sdk/provider-utils';
import { generateText, streamText } from 'ai';
import {
  lstat,
  mkdir,
  mkdtemp,
  readFile,
  readdir,
  readlink,
  rm,
  stat,
  symlink,
  writeFile,
} from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { createCodex, type CodexProviderSettings } from '../src';
import { makeJwt, nowSeconds } from './support/jwt';
import { startMockTokenServer, type MockTokenServer } from './support/mock-token-server';
import { startRecordingServer, type RecordingServer } from './support/recording-server';
import { failure } from './support/secret-leaks';
import { useCodexEmulator } from './support/use-codex-emulator';

const emu = useCodexEmulator();
const hi: LanguageModelV2CallOptions = {
  prompt: [{ role: 'user', content: [{ type: 'text', text: 'Hi' }] }],
};

let tokens: MockTokenServer;
let dir: string;
let authFile: string;
const servers: RecordingServer[] = [];

beforeEach(async () => {
  tokens = await startMockTokenServer();
  dir = await mkdtemp(join(tmpdir(), 'codex-hardening-'));
  authFile = join(dir, 'auth.json');
});
afterEach(async () => {
  await tokens.close();
  await Promise.all(servers.splice(0).map(s => s.close()));
  await rm(dir, { recursive: true, force: true });
});

async function recordingServer(...args: Parameters<typeof startRecordingServer>) {
  const server = await startRecordingServer(...args);
  servers.push(server);
  return server;
}

const access = (marker: string, expiresIn = 3600) =>
  makeJwt({ exp: nowSeconds() + expiresIn, marker, accountId: 'acct_jwt' });

function authJson(accessToken: string) {
  return {
    auth_mode: 'chatgpt',
    OPENAI_API_KEY: null,
    tokens: { access_token: accessToken, refresh_token: 'rt-SECRET-original' },
    last_refresh: '2026-01-01T00:00:00.000Z',
  };
}

async function writeAuth(content: unknown, path = authFile) {
  await writeFile(path, JSON.stringify(content, null, 2), { mode: 0o600 });
}

const fileModel = (settings: CodexProviderSettings = {}) =>
  createCodex({ baseURL: emu.baseURL, authFile, tokenURL: tokens.tokenURL, ...settings })(
    'gpt-5.3-codex',
  );

const tokenModel = (settings: CodexProviderSettings = {}) =>
  createCodex({
    baseURL: emu.baseURL,
    auth: { accessToken: 'at-SECRET-fixed', accountId: 'acct_1' },
    ...settings,
  })('gpt-5.3-codex');

/** The error `promise` rejects with, checked to show no token anywhere in it. */
/** Like `fetch`, counting its calls. */
function countingFetch(inner: FetchFunction = globalThis.fetch) {
  const counter = { calls: 0 };
  const fetch: FetchFunction = (input, init) => {
    counter.calls++;
    return inner(input, init);
  };
  return Object.assign(counter, { fetch });
}

const sleep = (ms: number) => new Promise(resolve => setTimeout(resolve, ms));

/** What `promise` settled with within `ms`, or 'still pending'. */
async function settledWithin(promise: PromiseLike<unknown>, ms: number): Promise<unknown> {
  return Promise.race([
    Promise.resolve(promise).then(
      value => ({ resolved: value }),
      (error: unknown) => error,
    ),
    sleep(ms).then(() => 'still pending'),
  ]);
}

describe('1. no token in any error', () => {
  it('rejects a token with a line break from an `auth` function before sending, without quoting it', async () => {
    let calls = 0;
    const m = createCodex({
      baseURL: emu.baseURL,
      auth: async () => {
        calls++;
        return { accessToken: 'at-SECRET-evil\r\nX-Injected: SECRET' };
      },
    })('gpt-5');
    const error = await failure(m.doGenerate(hi));
    expect(LoadAPIKeyError.isInstance(error)).toBe(true);
    expect(error.message).toMatch(
      /^The accessToken from the Codex `auth` setting contains a line break \(CR or LF\), so it cannot be sent\./,
    );
    expect(calls).toBe(1);
    expect(emu.requests).toHaveLength(0);
  });

  it('rejects a token with a line break from auth.json, naming the file, not the token', async () => {
    await writeAuth(authJson(`${access('a')}\nSECRET-tail`));
    const error = await failure(fileModel().doGenerate(hi));
    expect(LoadAPIKeyError.isInstance(error)).toBe(true);
    expect(error.message).toBe(
      `The access_token in ${authFile} contains a line break (CR or LF), so it cannot be sent. Run \`codex login\` to write a fresh sign-in.`,
    );
    expect(emu.requests).toHaveLength(0);
  });

  it('redacts a header value that fetch quotes in its error, in the message and the cause', async () => {
    // A runtime whose fetch refuses the request and quotes the header, as undici does.
    const strict = countingFetch(async (_url, init) => {
      const auth = (init?.headers as Record<string, string>).authorization;
      throw new TypeError(`Headers.append: "${auth}" is an invalid header value.`);
    });
    const error = await failure(tokenModel({ fetch: strict.fetch }).doGenerate(hi));
    expect(APICallError.isInstance(error)).toBe(true);
    expect(error.message).toContain('Headers.append: "[redacted]" is an invalid header value.');
    expect((error as APICallError).isRetryable).toBe(false);
    expect(strict.calls).toBe(1);
  });

  it('rejects a call header with a line break by name, never quoting its value', async () => {
    const error = await failure(
      tokenModel().doGenerate({ ...hi, headers: { 'x-proxy-token': 'pt-SECRET\r\nX: 1' } }),
    );
    expect(InvalidArgumentError.isInstance(error)).toBe(true);
    expect((error as InvalidArgumentError).argument).toBe('headers.x-proxy-token');
    expect(error.message).toMatch(/"x-proxy-token" contains a line break/);
    expect(emu.requests).toHaveLength(0);
  });
});

describe('2. credentials never follow a redirect', () => {
  it.each([307, 308])(
    'fails a token refresh answered with %i, without posting the refresh token elsewhere',
    async status => {
      const elsewhere = await recordingServer();
      tokens.enqueue({ status, body: {}, headers: { location: `${elsewhere.url}/oauth/token` } });
      await writeAuth(authJson(access('old', -10)));
      const before = await readFile(authFile, 'utf8');
      const error = await failure(fileModel().doGenerate(hi));
      expect(APICallError.isInstance(error)).toBe(true);
      expect(error.message).toBe(
        `The ChatGPT token endpoint at ${tokens.tokenURL} answered with a redirect (${status}) to ${elsewhere.url}/oauth/token. Requests that carry ChatGPT credentials never follow redirects; check \`tokenURL\`.`,
      );
      expect((error as APICallError).isRetryable).toBe(false);
      expect((error as APICallError).statusCode).toBe(status);
      expect(elsewhere.hits).toHaveLength(0);
      expect(tokens.requests).toHaveLength(1);
      expect(await readFile(authFile, 'utf8')).toBe(before);
      expect(emu.requests).toHaveLength(0);
    },
  );

  it('fails a backend request answered with a redirect, without sending the token elsewhere', async () => {
    const elsewhere = await recordingServer();
    emu.enqueue({
      kind: 'http',
      status: 307,
      body: {},
      headers: { location: `${elsewhere.url}/backend-api/codex/responses?sig=abc` },
    });
    const error = await failure(tokenModel().doGenerate(hi));
    expect(APICallError.isInstance(error)).toBe(true);
    expect(error.message).toMatch(
      new RegExp(
        `^The Codex backend at ${emu.baseURL}/responses answered with a redirect \\(307\\) to ${elsewhere.url}/backend-api/codex/responses\\. .*check \`baseURL\``,
      ),
    );
    expect((error as APICallError).isRetryable).toBe(false);
    expect(elsewhere.hits).toHaveLength(0);
    expect(emu.requests).toHaveLength(1);
  });

  it('fails a model catalog request answered with a redirect', async () => {
    const elsewhere = await recordingServer();
    const redirector = await recordingServer((_, res) => {
      res.writeHead(308, { location: `${elsewhere.url}/models` });
      res.end();
    });
    const provider = createCodex({ baseURL: redirector.url, auth: { accessToken: 'at-SECRET-c' } });
    const error = await failure(provider.listModels());
    expect(APICallError.isInstance(error)).toBe(true);
    expect(error.message).toMatch(/answered with a redirect \(308\)/);
    expect(redirector.hits).toHaveLength(1);
    expect(elsewhere.hits).toHaveLength(0);
  });
});

describe('3. symlinked auth.json', () => {
  it('writes refreshed tokens to the link target and keeps the link', async () => {
    const dotfiles = join(dir, 'dotfiles');
    const home = join(dir, 'codex-home');
    await mkdir(dotfiles);
    await mkdir(home);
    const target = join(dotfiles, 'auth.json');
    const link = join(home, 'auth.json');
    await writeAuth(authJson(access('old', 30)), target);
    await symlink(target, link);
    tokens.validRefreshTokens.add('rt-SECRET-original');

    const result = await fileModel({ authFile: link }).doGenerate(hi);
    expect(result.finishReason).toBe('stop');

    expect((await lstat(link)).isSymbolicLink()).toBe(true);
    expect(await readlink(link)).toBe(target);
    const written = JSON.parse(await readFile(target, 'utf8'));
    expect(written.tokens.refresh_token).toBe('rt-SECRET-rotated-1');
    expect(written.tokens.access_token).toBe(tokens.issued[0]);
    expect((await stat(target)).mode & 0o777).toBe(0o600);
    // the lock and the temp file lived next to the target, and are gone
    expect(await readdir(home)).toEqual(['auth.json']);
    expect(await readdir(dotfiles)).toEqual(['auth.json']);
    expect(emu.requests[0]!.headers.authorization).toBe(`Bearer ${tokens.issued[0]}`);
  });
});

describe('4. CR/LF in settings', () => {
  it.each([
    ['sessionId', { sessionId: 'conv-1\r\nX-Injected: 1' }],
    ['originator', { originator: 'my-app\n' }],
    ['accountId', { accountId: 'acct\r1' }],
    ['headers.x-app', { headers: { 'x-app': 'a\r\nb' } }],
  ] as const)('rejects %s at createCodex, naming it', (argument, settings) => {
    let error: unknown;
    try {
      createCodex({ baseURL: emu.baseURL, auth: { accessToken: 'at-SECRET-x' }, ...settings });
    } catch (e) {
      error = e;
    }
    expect(InvalidArgumentError.isInstance(error)).toBe(true);
    expect((error as InvalidArgumentError).argument).toBe(argument);
    expect((error as Error).message).toMatch(
      new RegExp(`^The Codex \`${argument}\` setting contains (a line break|a control character)`),
    );
  });

  it('does not retry a request that fetch refuses to send (a TypeError, not a network failure)', async () => {
    const counted = countingFetch();
    const error = await failure(
      createCodex({ baseURL: 'not a url', auth: { accessToken: 'at-SECRET-x' }, ...counted })(
        'gpt-5',
      ).doGenerate(hi),
    );
    expect(APICallError.isInstance(error)).toBe(true);
    expect(error.message).toMatch(
      /^The request to the Codex backend at not a url\/responses could not be sent: Failed to parse URL from not a url\/responses\./,
    );
    expect((error as APICallError).isRetryable).toBe(false);
    expect(counted.calls).toBe(1);
  });

  it('still retries a refused connection (a network TypeError)', async () => {
    const closed = await startRecordingServer();
    await closed.close();
    const counted = countingFetch();
    const error = await failure(
      createCodex({
        baseURL: closed.url,
        auth: { accessToken: 'at-SECRET-x' },
        maxRetries: 1,
        initialRetryDelayMs: 1,
        ...counted,
      })('gpt-5').doGenerate(hi),
    );
    expect(error.message).toMatch(/^Cannot connect to the Codex backend .*ECONNREFUSED/);
    expect(counted.calls).toBe(2);
  });
});

describe('5. abort reaches pending credentials', () => {
  it('ends the call at once while an `auth` function is pending', async () => {
    const controller = new AbortController();
    const m = createCodex({ baseURL: emu.baseURL, auth: () => new Promise(() => {}) })('gpt-5');
    const call = m.doGenerate({ ...hi, abortSignal: controller.signal });
    await sleep(20);
    controller.abort();
    expect(await settledWithin(call, 500)).toMatchObject({ name: 'AbortError' });
    expect(emu.requests).toHaveLength(0);
  });

  it('ends the call at once while a refresh hangs, and the shared refresh serves the others', async () => {
    tokens.validRefreshTokens.add('rt-SECRET-original');
    tokens.delayMs = 1000;
    await writeAuth(authJson(access('old', 30)));
    const m = fileModel();
    const controller = new AbortController();
    const aborted = m.doGenerate({ ...hi, abortSignal: controller.signal });
    const other = m.doGenerate(hi);
    await sleep(100);
    controller.abort();
    expect(await settledWithin(aborted, 300)).toMatchObject({ name: 'AbortError' });
    expect((await other).finishReason).toBe('stop');
    expect(tokens.requests).toHaveLength(1);
    expect(emu.requests.map(r => r.headers.authorization)).toEqual([`Bearer ${tokens.issued[0]}`]);
    expect(JSON.parse(await readFile(authFile, 'utf8')).tokens.refresh_token).toBe(
      'rt-SECRET-rotated-1',
    );
  });

  it('frees the connection of a response that still arrives after the abort', async () => {
    emu.enqueue({ kind: 'sse', fixture: 'text', keepOpen: true });
    let release!: () => void;
    const gate = new Promise<void>(resolve => (release = resolve));
    const m = createCodex({
      baseURL: emu.baseURL,
      auth: async () => {
        await gate;
        return { accessToken: 'at-SECRET-late' };
      },
      // a fetch wrapper that drops the signal, so only we can close the late response
      fetch: (url, init) => globalThis.fetch(url, { ...init, signal: undefined }),
    })('gpt-5');
    const controller = new AbortController();
    const call = m.doStream({ ...hi, abortSignal: controller.signal });
    controller.abort();
    await expect(call).rejects.toMatchObject({ name: 'AbortError' });
    release();
    await vi.waitFor(() => expect(emu.requests[0]?.closedByClient).toBe(true));
  });

  it('ends a model catalog request at once while credentials are pending', async () => {
    const controller = new AbortController();
    const provider = createCodex({ baseURL: emu.baseURL, auth: () => new Promise(() => {}) });
    const call = provider.listModels({ abortSignal: controller.signal });
    await sleep(20);
    controller.abort();
    expect(await settledWithin(call, 500)).toMatchObject({ name: 'AbortError' });
  });
});

describe('6. model settings are validated like providerOptions.codex', () => {
  it.each([
    ['include', { include: 'x' }],
    ['instructions', { instructions: {} }],
    ['reasoningEffort', { reasoningEffort: 42 }],
    ['serviceTier', { serviceTier: {} }],
  ])('rejects a bad %s when the model is made', (field, settings) => {
    const provider = createCodex({ baseURL: emu.baseURL, auth: { accessToken: 'at-SECRET-x' } });
    for (const make of [
      () => provider('gpt-5', settings as never),
      () => provider.languageModel('gpt-5', settings as never),
    ]) {
      let error: unknown;
      try {
        make();
      } catch (e) {
        error = e;
      }
      expect(InvalidArgumentError.isInstance(error)).toBe(true);
      expect((error as InvalidArgumentError).argument).toBe('model settings');
      expect((error as Error).message).toMatch(
        new RegExp(`^Invalid model settings: .*→ at ${field}`),
      );
    }
  });

  it('uses valid model settings as call defaults', async () => {
    const provider = createCodex({ baseURL: emu.baseURL, auth: { accessToken: 'at-SECRET-x' } });
    await provider('gpt-5', { reasoningEffort: 'low', include: ['a'] }).doGenerate(hi);
    expect(emu.requests[0]!.body.reasoning.effort).toBe('low');
    expect(emu.requests[0]!.body.include).toEqual(['reasoning.encrypted_content', 'a']);
  });
});

describe('7. unknown option keys are reported', () => {
  it('warns of a misspelt providerOptions.codex key, naming the closest known one', async () => {
    const { warnings } = await tokenModel().doGenerate({
      ...hi,
      providerOptions: { codex: { reasoningEfort: 'high' } },
    });
    expect(warnings).toEqual([
      {
        type: 'other',
        message:
          'Unknown providerOptions.codex key "reasoningEfort" was ignored; did you mean "reasoningEffort"?',
      },
    ]);
    expect(emu.requests[0]!.body.reasoning).not.toHaveProperty('effort');
  });

  it('warns of a misspelt model setting on every call', async () => {
    const m = createCodex({ baseURL: emu.baseURL, auth: { accessToken: 'at-SECRET-x' } })(
      'gpt-5.3-codex',
      { textVerbosty: 'low' } as never,
    );
    const expected = {
      type: 'other',
      message:
        'Unknown model settings key "textVerbosty" was ignored; did you mean "textVerbosity"?',
    };
    expect((await m.doGenerate(hi)).warnings).toEqual([expected]);
    expect((await generateText({ model: m, prompt: 'Hi' })).warnings).toEqual([expected]);
  });

  it('lists the known keys when nothing is close', async () => {
    const { warnings } = await tokenModel().doGenerate({
      ...hi,
      providerOptions: { codex: { temperatureBoost: 1 } },
    });
    expect(warnings).toEqual([
      {
        type: 'other',
        message:
          'Unknown providerOptions.codex key "temperatureBoost" was ignored. Known keys: reasoningEffort, reasoningSummary, textVerbosity, parallelToolCalls, promptCacheKey, serviceTier, instructions, include, strictJsonSchema, compact.',
      },
    ]);
  });
});

describe('8. streamIdleTimeoutMs', () => {
  it.each([2 ** 31, Infinity, -1])(
    'rejects %d, naming the setting and how to turn it off',
    value => {
      let error: unknown;
      try {
        createCodex({ auth: { accessToken: 'at-SECRET-x' }, streamIdleTimeoutMs: value });
      } catch (e) {
        error = e;
      }
      expect(InvalidArgumentError.isInstance(error)).toBe(true);
      expect((error as InvalidArgumentError).argument).toBe('streamIdleTimeoutMs');
      expect((error as Error).message).toBe(
        `streamIdleTimeoutMs must be a number from 0 to 2147483647, got ${value}. Use 0 to turn it off.`,
      );
    },
  );

  it.each([0, 2 ** 31 - 1])('streams normally with %d (0 = off)', async streamIdleTimeoutMs => {
    emu.enqueue({ kind: 'sse', fixture: 'text', chunkSize: 400, delayMs: 30 });
    const result = await tokenModel({ streamIdleTimeoutMs, maxRetries: 0 }).doGenerate(hi);
    expect(result.finishReason).toBe('stop');
    expect(emu.requests).toHaveLength(1);
  });

  it('still times out a silent stream with a small value', async () => {
    emu.enqueue({ kind: 'sse', fixture: 'text', chunkSize: 400, delayMs: 300 });
    const { stream } = await tokenModel({ streamIdleTimeoutMs: 50, maxRetries: 0 }).doStream(hi);
    const parts: Array<{ type: string; error?: Error }> = [];
    for await (const part of stream as unknown as AsyncIterable<{ type: string }>) {
      parts.push(part);
    }
    expect(parts.find(p => p.type === 'error')?.error?.message).toMatch(
      /no data for 0\.05 s \(streamIdleTimeoutMs\)/,
    );
  });
});

describe('9. User-Agent under ai@5', () => {
  const VERSIONED = String.raw`\d+\.\d+\.\d+\S*`;
  const OURS = String.raw`ai-sdk-provider-codex/${VERSIONED} \([^;()]+; [^;()]+\)`;

  const AI5 = String.raw`ai/5\.\d+\.\d+\S*`;

  it('keeps ours and appends ai/5.x (generateText)', async () => {
    await generateText({ model: tokenModel(), prompt: 'Hi' });
    expect(emu.requests[0]!.headers['user-agent']).toMatch(new RegExp(`^${OURS} ${AI5}$`));
  });

  it('leads with the originator an app sets', async () => {
    await generateText({ model: tokenModel({ originator: 'my-app' }), prompt: 'Hi' });
    expect(emu.requests[0]!.headers['user-agent']).toMatch(new RegExp(`^my-app ${OURS} ${AI5}$`));
  });

  it('appends the user-agent a caller passes to streamText', async () => {
    const result = streamText({
      model: tokenModel(),
      prompt: 'Hi',
      headers: { 'User-Agent': 'my-tool/1.0' },
    });
    await result.consumeStream();
    expect(emu.requests[0]!.headers['user-agent']).toMatch(new RegExp(`^${OURS} my-tool/1\\.0$`));
  });

  it('appends a user-agent from the headers setting and the call, in that order', async () => {
    await tokenModel({ headers: { 'User-Agent': 'MyApp/2.0' } }).doGenerate({
      ...hi,
      headers: { 'user-agent': 'ai/5.0.0' },
    });
    expect(emu.requests[0]!.headers['user-agent']).toMatch(
      new RegExp(`^${OURS} MyApp/2\\.0 ai/5\\.0\\.0$`),
    );
  });
});
