import { mkdir, mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { makeJwt } from '../../test/support/jwt';
import { readCodexSignIn } from './read-sign-in';

let dir: string;
let authFile: string;
beforeEach(async () => {
  dir = await mkdtemp(join(tmpdir(), 'codex-read-sign-in-'));
  authFile = join(dir, 'auth.json');
});
afterEach(() => rm(dir, { recursive: true, force: true }));

const AUTH = 'https://api.openai.com/auth';
const write = (content: unknown) =>
  writeFile(authFile, typeof content === 'string' ? content : JSON.stringify(content));

describe('readCodexSignIn', () => {
  it('says why nobody is signed in: no file, unreadable, not JSON', async () => {
    expect(await readCodexSignIn({ authFile })).toStrictEqual({
      authFile,
      kind: 'none',
      problem: 'no auth file',
    });
    await write('{"tokens": ');
    expect(await readCodexSignIn({ authFile })).toStrictEqual({
      authFile,
      kind: 'none',
      problem: 'the auth file is not valid JSON',
    });
    await rm(authFile);
    await mkdir(authFile);
    expect(await readCodexSignIn({ authFile })).toStrictEqual({
      authFile,
      kind: 'none',
      problem: 'the auth file cannot be read (EISDIR)',
    });
  });

  it('tells an API-key file from one without any credentials', async () => {
    await write({ OPENAI_API_KEY: 'sk-SECRET', tokens: null });
    expect(await readCodexSignIn({ authFile })).toStrictEqual({
      authFile,
      kind: 'api-key',
      problem: 'the auth file holds an API key, not a ChatGPT sign-in',
    });
    for (const content of [
      { OPENAI_API_KEY: '', tokens: { access_token: '' } },
      { OPENAI_API_KEY: 5, tokens: { access_token: 5 } },
      null,
    ]) {
      await write(content);
      expect(await readCodexSignIn({ authFile })).toStrictEqual({
        authFile,
        kind: 'none',
        problem: 'the auth file has no ChatGPT tokens',
      });
    }
  });

  it('a ChatGPT sign-in: claims, the file account id over the token one, expiry and last refresh', async () => {
    const exp = 2_000_000_000;
    await write({
      tokens: {
        id_token: makeJwt({
          exp,
          claims: { email: 'ada@example.com', [AUTH]: { chatgpt_plan_type: 'pro' } },
        }),
        access_token: makeJwt({ exp, accountId: 'acct_token' }),
        account_id: 'acct_file',
      },
      last_refresh: '2025-01-02T03:04:05Z',
    });
    expect(await readCodexSignIn({ authFile })).toStrictEqual({
      authFile,
      kind: 'chatgpt',
      email: 'ada@example.com',
      planType: 'pro',
      accountId: 'acct_file',
      accessTokenExpiresAt: new Date(exp * 1000),
      lastRefresh: new Date('2025-01-02T03:04:05Z'),
    });
  });

  it('leaves out, without a key, what the file does not tell or tells as an impossible date', async () => {
    await write({
      tokens: { access_token: 'opaque-token', account_id: 7 },
      last_refresh: 'yesterday',
    });
    expect(await readCodexSignIn({ authFile })).toStrictEqual({ authFile, kind: 'chatgpt' });
    await write({
      tokens: { access_token: makeJwt({ exp: 1e20, accountId: 'acct_token' }) },
      last_refresh: 12345,
    });
    expect(await readCodexSignIn({ authFile })).toStrictEqual({
      authFile,
      kind: 'chatgpt',
      accountId: 'acct_token',
    });
  });
});
