import { mkdtemp, readFile, readdir, rm, utimes, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { makeJwt } from '../../test/support/jwt';
import { startRecordingServer, type RecordingServer } from '../../test/support/recording-server';
import { saveSignIn } from './save-sign-in';

let dir: string;
let authFile: string;
let issuer: RecordingServer;
beforeEach(async () => {
  dir = await mkdtemp(join(tmpdir(), 'codex-save-'));
  authFile = join(dir, 'auth.json');
  issuer = await startRecordingServer();
});
afterEach(async () => {
  await issuer.close();
  await rm(dir, { recursive: true, force: true });
});

const AUTH = 'https://api.openai.com/auth';
const tokens = (claims: Record<string, unknown> = {}) => ({
  id_token: makeJwt({ exp: 2_000_000_000, marker: 'id', claims }),
  access_token: makeJwt({ exp: 2_000_000_000, marker: 'access' }),
  refresh_token: 'rt-SECRET-new',
});
const revokedTokens = () => issuer.hits.map(hit => JSON.parse(hit.body).token);

describe('saveSignIn', () => {
  it('writes no account_id when no token names the account, and reports only what is known', async () => {
    const fresh = tokens({ email: 'ada@example.com' });
    expect(await saveSignIn({ authFile, tokens: fresh })).toStrictEqual({
      authFile,
      email: 'ada@example.com',
    });
    const saved = JSON.parse(await readFile(authFile, 'utf8'));
    expect(saved.tokens).toStrictEqual({
      id_token: fresh.id_token,
      access_token: fresh.access_token,
      refresh_token: 'rt-SECRET-new',
    });
  });

  it('starts afresh over a file that is valid JSON but no object, keeping none of it', async () => {
    const fresh = tokens({ [AUTH]: { chatgpt_account_id: 'acct_1' } });
    for (const previous of ['null', '42', '"rt-SECRET-old"', '["rt-SECRET-old"]', 'torn {']) {
      await writeFile(authFile, previous);
      expect(await saveSignIn({ authFile, tokens: fresh })).toStrictEqual({
        authFile,
        accountId: 'acct_1',
      });
      const saved = JSON.parse(await readFile(authFile, 'utf8'));
      expect(saved).toStrictEqual({
        auth_mode: 'chatgpt',
        OPENAI_API_KEY: null,
        tokens: {
          id_token: fresh.id_token,
          access_token: fresh.access_token,
          refresh_token: 'rt-SECRET-new',
          account_id: 'acct_1',
        },
        last_refresh: expect.any(String),
      });
    }
    expect(issuer.hits).toEqual([]);
  });

  it('revokes only a replaced refresh token that differs from the new one, where it was issued', async () => {
    const id_token = makeJwt({ exp: 2_000_000_000, marker: 'old', claims: { iss: issuer.url } });
    for (const previous of ['', 'rt-SECRET-new', 'rt-SECRET-old']) {
      await writeFile(authFile, JSON.stringify({ tokens: { id_token, refresh_token: previous } }));
      await saveSignIn({ authFile, tokens: tokens() });
    }
    expect(revokedTokens()).toEqual(['rt-SECRET-old']);
  });

  it('keeps the new sign-in when the replaced token cannot be revoked', async () => {
    const refusing = await startRecordingServer((_, res) => {
      res.writeHead(500);
      res.end();
    });
    try {
      const id_token = makeJwt({
        exp: 2_000_000_000,
        marker: 'old',
        claims: { iss: refusing.url },
      });
      await writeFile(
        authFile,
        JSON.stringify({ tokens: { id_token, refresh_token: 'rt-SECRET-old' } }),
      );
      await saveSignIn({ authFile, tokens: tokens() });
      expect(refusing.hits).toHaveLength(1);
      expect(JSON.parse(await readFile(authFile, 'utf8')).tokens.refresh_token).toBe(
        'rt-SECRET-new',
      );
    } finally {
      await refusing.close();
    }
  });

  it('is not blocked by a lock file dated in the future (a clock stepped back after a crash)', async () => {
    await writeFile(`${authFile}.lock`, 'crashed process\n');
    const nextYear = new Date(Date.now() + 365 * 86_400_000);
    await utimes(`${authFile}.lock`, nextYear, nextYear);
    await saveSignIn({ authFile, tokens: tokens() });
    expect(await readdir(dir)).toEqual(['auth.json']);
  });

  it('writes nothing when cancelled before the write', async () => {
    const controller = new AbortController();
    controller.abort();
    await expect(
      saveSignIn({
        authFile,
        tokens: tokens(),
        abortSignal: controller.signal,
      }),
    ).rejects.toMatchObject({ name: 'AbortError' });
    expect(await readdir(dir)).toEqual([]);
  });

  it('refuses an access token no header can carry, writing nothing', async () => {
    await writeFile(authFile, '{"kept":true}');
    const error = await saveSignIn({
      authFile,
      tokens: { ...tokens(), access_token: 'at-SECRET\nx' },
    }).catch((e: unknown) => e);
    expect(error).toMatchObject({
      reason: 'invalid_response',
      message: expect.stringMatching(
        /^The access token the sign-in server answered with contains a line break/,
      ),
    });
    expect(await readFile(authFile, 'utf8')).toBe('{"kept":true}');
  });
});
