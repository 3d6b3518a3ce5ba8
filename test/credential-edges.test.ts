// The credentials at their edges, after the sign-in (#15) and hardening (#12) work: answers
// that echo a token back, a symlinked or misshapen auth.json met by login and logout, a
// cancel while the sign-in waits to be saved, and which header wins.
import { APICallError, type LanguageModelV2CallOptions } from '@ai-sdk/provider';
import type { FetchFunction } from '@ai-sdk/provider-utils';
import { mkdtemp, readdir, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { createCodex } from '../src';
import { loginWithDeviceCode } from '../src/auth/login';
import { makeJwt, nowSeconds } from './support/jwt';
import { startMockIssuer, type MockIssuer } from './support/mock-issuer';
import { startMockTokenServer, type MockTokenServer } from './support/mock-token-server';
import { secretLeaks } from './support/secret-leaks';
import { useCodexEmulator } from './support/use-codex-emulator';

const emu = useCodexEmulator();
const hi: LanguageModelV2CallOptions = {
  prompt: [{ role: 'user', content: [{ type: 'text', text: 'Hi' }] }],
};

let issuer: MockIssuer;
let tokens: MockTokenServer;
let dir: string;
let authFile: string;

beforeEach(async () => {
  issuer = await startMockIssuer();
  tokens = await startMockTokenServer();
  dir = await mkdtemp(join(tmpdir(), 'codex-edges-'));
  authFile = join(dir, 'auth.json');
});
afterEach(async () => {
  await issuer.close();
  await tokens.close();
  await rm(dir, { recursive: true, force: true });
});

/** The error `promise` rejects with, checked to show no token anywhere in it. */
async function failure(promise: PromiseLike<unknown>): Promise<Error> {
  const error = await Promise.resolve(promise).then(
    () => {
      throw new Error('expected a failure');
    },
    (e: Error) => e,
  );
  expect(secretLeaks(error)).toEqual([]);
  return error;
}

const fixedTokenModel = (accessToken: string) =>
  createCodex({ baseURL: emu.baseURL, auth: { accessToken, accountId: 'acct_1' }, maxRetries: 0 })(
    'gpt-5.3-codex',
  );

describe('an answer that echoes a credential', () => {
  it('backend error bodies quoting the access token are redacted (message, body, data)', async () => {
    const token = 'at-SECRET-echoed';
    emu.enqueue(
      {
        kind: 'http',
        status: 400,
        body: { error: { message: `Malformed token ${token}`, type: 'invalid_request_error' } },
      },
      // a proxy's HTML error page that prints the request headers
      { kind: 'http', status: 502, body: `<pre>authorization: Bearer ${token}</pre>` },
    );
    const json = (await failure(fixedTokenModel(token).doGenerate(hi))) as APICallError;
    expect(json.statusCode).toBe(400);
    expect(json.message).toBe(
      'Malformed token [redacted] (invalid_request_error) [request id: req_emulator]',
    );
    const html = (await failure(fixedTokenModel(token).doGenerate(hi))) as APICallError;
    expect(html.statusCode).toBe(502);
    expect(html.responseBody).toBe('<pre>authorization: [redacted]</pre>');

    // the same answer as a WebSocket error frame
    emu.enqueue({
      kind: 'http',
      status: 400,
      body: { error: { message: `Malformed token ${token}`, type: 'invalid_request_error' } },
    });
    const frame = (await failure(
      createCodex({
        baseURL: emu.baseURL,
        auth: { accessToken: token },
        transport: 'websocket',
        maxRetries: 0,
      })('gpt-5.3-codex').doGenerate(hi),
    )) as APICallError;
    expect(frame.message).toMatch(/^Malformed token \[redacted\] \(invalid_request_error\)/);

    emu.usage = { status: 403, body: { detail: `token ${token} may not read usage` } };
    const usage = createCodex({ baseURL: emu.baseURL, auth: { accessToken: token } });
    const usageError = (await failure(usage.getUsage())) as APICallError;
    expect(usageError.message).toContain('token [redacted] may not read usage');
  });

  it('a token endpoint error quoting the refresh token is redacted', async () => {
    await writeFile(
      authFile,
      JSON.stringify({
        tokens: {
          access_token: makeJwt({ exp: nowSeconds() - 60, marker: 'expired' }),
          refresh_token: 'rt-SECRET-original',
        },
      }),
    );
    tokens.enqueue({
      status: 400,
      body: { error: 'refresh token rt-SECRET-original is not valid for this client' },
    });
    const model = createCodex({
      baseURL: emu.baseURL,
      authFile,
      tokenURL: tokens.tokenURL,
      maxRetries: 0,
    })('gpt-5.3-codex');
    const error = (await failure(model.doGenerate(hi))) as APICallError;
    expect(error.message).toBe(
      'Refreshing the ChatGPT sign-in failed (refresh token [redacted] is not valid for this client). Try again shortly.',
    );
    expect(emu.requests).toHaveLength(0);
  });

  it('a code exchange error quoting the code is redacted, even where it is cut short', async () => {
    // a sign-in server whose error page quotes the code around character 200
    const echoing: FetchFunction = async (input, init) => {
      if (!String(input).endsWith('/oauth/token')) return globalThis.fetch(input, init);
      const code = new URLSearchParams(String(init?.body)).get('code')!;
      return new Response(`${'.'.repeat(184)} code ${code}`, { status: 400 });
    };
    const error = await failure(
      loginWithDeviceCode({
        codexHome: dir,
        issuer: issuer.issuer,
        onUserCode: () => {},
        fetch: echoing,
      }),
    );
    expect(error.message).toMatch(/^The sign-in server refused the authorization code \(HTTP 400/);
    expect(await readdir(dir)).toEqual([]);
  });
});
