import { APICallError, LoadAPIKeyError, type LanguageModelV2CallOptions } from '@ai-sdk/provider';
import { describe, expect, it } from 'vitest';
import { secretLeaks } from '../../test/support/secret-leaks';
import { useCodexEmulator } from '../../test/support/use-codex-emulator';
import { createCodex, type CodexProviderSettings } from '..';
import type { CodexAuth } from './codex-auth-source';

const emu = useCodexEmulator();

const hi: LanguageModelV2CallOptions = {
  prompt: [{ role: 'user', content: [{ type: 'text', text: 'Hi' }] }],
};

const generate = (settings: CodexProviderSettings) =>
  createCodex({ baseURL: emu.baseURL, ...settings })('gpt-5').doGenerate(hi);

const failure = (promise: PromiseLike<unknown>) =>
  Promise.resolve(promise).then(
    () => {
      throw new Error('expected a failure');
    },
    (error: unknown) => error,
  );

describe('explicit auth', () => {
  it.each([
    ['an empty access token', { accessToken: '' }],
    ['a function returning an empty access token', () => ({ accessToken: '' })],
    ['a function returning nothing', (() => undefined) as unknown as CodexAuth],
    [
      'a function returning no access token',
      (() => ({ accountId: 'acct_1' })) as unknown as CodexAuth,
    ],
  ])('%s fails before any request, saying what to pass', async (_, auth) => {
    const error = await failure(generate({ auth }));
    expect(LoadAPIKeyError.isInstance(error)).toBe(true);
    expect((error as LoadAPIKeyError).message).toBe(
      'The Codex `auth` setting gave no access token: pass `{ accessToken, accountId }` or a function returning it, or leave `auth` unset to use `codex login`.',
    );
    expect(emu.requests).toHaveLength(0);
  });

  it('the accountId setting wins over the account id the auth setting gives', async () => {
    await generate({
      auth: async () => ({ accessToken: 'at-SECRET-1', accountId: 'acct_from_auth' }),
      accountId: 'acct_setting',
    });
    expect(emu.requests[0]!.headers).toMatchObject({
      authorization: 'Bearer at-SECRET-1',
      'chatgpt-account-id': 'acct_setting',
    });
  });

  it('a token function that hands back the rejected token is asked once more, not retried', async () => {
    emu.acceptToken = () => false;
    let asked = 0;
    const error = await failure(
      generate({
        auth: () => {
          asked++;
          return { accessToken: 'at-SECRET-same' };
        },
      }),
    );
    expect(APICallError.isInstance(error)).toBe(true);
    expect((error as APICallError).statusCode).toBe(401);
    expect((error as APICallError).message).toMatch(
      /^The Codex backend rejected the ChatGPT access token \(401: .*\)\. Run `codex login` to sign in again, or pass fresh credentials\.$/,
    );
    expect((error as APICallError).isRetryable).toBe(false);
    expect(secretLeaks(error)).toEqual([]);
    expect(asked).toBe(2);
    expect(emu.requests).toHaveLength(1);
  });

  it('a token function that rotated its token is retried with the new one', async () => {
    emu.acceptToken = token => token === 'at-SECRET-2';
    let n = 0;
    const result = await generate({ auth: () => ({ accessToken: `at-SECRET-${++n}` }) });
    expect(result.finishReason).toBe('stop');
    expect(emu.requests.map(r => r.headers.authorization)).toEqual([
      'Bearer at-SECRET-1',
      'Bearer at-SECRET-2',
    ]);
  });
});
