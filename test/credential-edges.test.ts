// The credentials at their edges, after the sign-in (#15) and hardening (#12) work: answers
// that echo a token back, a symlinked or misshapen auth.json met by login and logout, a
// cancel while the sign-in waits to be saved, and which header wins.
import { APICallError, type LanguageModelV2CallOptions } from '@ai-sdk/provider';
import { describe, expect, it } from 'vitest';
import { createCodex } from '../src';
import { secretLeaks } from './support/secret-leaks';
import { useCodexEmulator } from './support/use-codex-emulator';

const emu = useCodexEmulator();
const hi: LanguageModelV2CallOptions = {
  prompt: [{ role: 'user', content: [{ type: 'text', text: 'Hi' }] }],
};

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
});
