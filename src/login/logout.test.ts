import { APICallError, LoadAPIKeyError } from '@ai-sdk/provider';
import {
  access,
  lstat,
  mkdir,
  mkdtemp,
  readFile,
  readdir,
  readlink,
  rm,
  symlink,
  utimes,
  writeFile,
} from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { makeJwt } from '../../test/support/jwt';
import { startRecordingServer, type RecordingServer } from '../../test/support/recording-server';
import { secretLeaks } from '../../test/support/secret-leaks';
import { logout } from './logout';

let dir: string;
let authFile: string;
let issuer: RecordingServer;
let revokeStatus = 200;
beforeEach(async () => {
  dir = await mkdtemp(join(tmpdir(), 'codex-logout-'));
  authFile = join(dir, 'auth.json');
  revokeStatus = 200;
  issuer = await startRecordingServer((_, res) => {
    res.writeHead(revokeStatus, { 'content-type': 'application/json' });
    res.end('{}');
  });
});
afterEach(async () => {
  await issuer.close();
  await rm(dir, { recursive: true, force: true });
});

const write = (path: string, content: unknown) =>
  writeFile(path, typeof content === 'string' ? content : JSON.stringify(content));

describe('logout', () => {
  it('revokes the refresh token at the issuer as the Codex CLI does, whatever trailing slash it has', async () => {
    await write(authFile, { tokens: { access_token: 'at-SECRET', refresh_token: 'rt-SECRET-1' } });
    expect(await logout({ authFile, issuer: `${issuer.url}/` })).toStrictEqual({
      authFile,
      removed: true,
      revoked: true,
    });
    expect(issuer.hits).toHaveLength(1);
    expect(issuer.hits[0]!.url).toBe('/oauth/revoke');
    expect(issuer.hits[0]!.headers['content-type']).toBe('application/json');
    expect(JSON.parse(issuer.hits[0]!.body)).toEqual({
      token: 'rt-SECRET-1',
      token_type_hint: 'refresh_token',
      client_id: 'app_EMoamEEZ73f0CkXaXp7hrann',
    });
  });

  it('revokes first: the file is still there while the issuer is asked, and gone after', async () => {
    const seen: boolean[] = [];
    const checking = await startRecordingServer((_, res) => {
      void access(authFile).then(
        () => seen.push(true),
        () => seen.push(false),
      );
      setTimeout(() => {
        res.writeHead(200, { 'content-type': 'application/json' });
        res.end('{}');
      }, 50);
    });
    try {
      await write(authFile, { tokens: { refresh_token: 'rt-SECRET-1' } });
      expect(await logout({ authFile, issuer: checking.url })).toStrictEqual({
        authFile,
        removed: true,
        revoked: true,
      });
      expect(seen).toEqual([true]);
      expect(await readdir(dir)).toEqual([]);
    } finally {
      await checking.close();
    }
  });

  it('keeps the sign-in when the issuer refuses the revocation, and says so; `force` removes it anyway', async () => {
    for (const [status, retryable] of [
      [400, false],
      [503, true],
    ] as const) {
      revokeStatus = status;
      const content = { tokens: { access_token: 'at-SECRET', refresh_token: 'rt-SECRET-1' } };
      await write(authFile, content);
      const error = await logout({ authFile, issuer: issuer.url }).catch((e: unknown) => e);
      expect(APICallError.isInstance(error)).toBe(true);
      expect(error).toMatchObject({
        message: `Revoking the refresh token at ${issuer.url} failed: the issuer answered HTTP ${status}. Nothing was removed: ${authFile} still holds the sign-in. Try again, or remove it anyway with \`force: true\` (\`logout --force\`): the refresh token then stays valid until it expires.`,
        statusCode: status,
        isRetryable: retryable,
        url: `${issuer.url}/oauth/revoke`,
        requestBodyValues: {
          token: '[redacted]',
          token_type_hint: 'refresh_token',
          client_id: 'app_EMoamEEZ73f0CkXaXp7hrann',
        },
      });
      expect(secretLeaks(error)).toEqual([]);
      expect(JSON.parse(await readFile(authFile, 'utf8'))).toEqual(content);
      expect(await readdir(dir)).toEqual(['auth.json']); // and no lock left behind

      expect(await logout({ authFile, issuer: issuer.url, force: true })).toStrictEqual({
        authFile,
        removed: true,
        revoked: false,
        revokeFailure: `Revoking the refresh token at ${issuer.url} failed: the issuer answered HTTP ${status}.`,
      });
      expect(await readdir(dir)).toEqual([]);
    }
  });

  it('keeps the sign-in when the issuer cannot be reached (retryable)', async () => {
    await issuer.close();
    await write(authFile, { tokens: { refresh_token: 'rt-SECRET-1' } });
    const error = await logout({ authFile, issuer: issuer.url }).catch((e: unknown) => e);
    expect(APICallError.isInstance(error)).toBe(true);
    expect(error).toMatchObject({ isRetryable: true });
    expect((error as Error).message).toMatch(
      /^Revoking the refresh token at http:\/\/127\.0\.0\.1:\d+ failed: the issuer could not be reached \(ECONNREFUSED\)\. Nothing was removed: /,
    );
    expect(await readdir(dir)).toEqual(['auth.json']);
  });

  it('revokes a token at the issuer it names, not at the `issuer` given', async () => {
    const own = await startRecordingServer();
    try {
      const id_token = makeJwt({ exp: 2_000_000_000, marker: 'id', claims: { iss: own.url } });
      await write(authFile, { tokens: { id_token, refresh_token: 'rt-SECRET-1' } });
      expect(await logout({ authFile, issuer: issuer.url })).toStrictEqual({
        authFile,
        removed: true,
        revoked: true,
      });
      expect(own.hits.map(hit => [hit.url, JSON.parse(hit.body).token])).toEqual([
        ['/oauth/revoke', 'rt-SECRET-1'],
      ]);
      expect(issuer.hits).toEqual([]);
    } finally {
      await own.close();
    }
  });

  it('takes an empty 204 answer as a confirmed revocation', async () => {
    revokeStatus = 204;
    await write(authFile, { tokens: { refresh_token: 'rt-SECRET-1' } });
    expect(await logout({ authFile, issuer: issuer.url })).toStrictEqual({
      authFile,
      removed: true,
      revoked: true,
    });
  });

  it('attempts no revocation, and reports none, for a file without a usable refresh token', async () => {
    for (const content of [
      { tokens: { refresh_token: '' } },
      { tokens: { refresh_token: 42 } },
      { tokens: null },
      'torn {"tokens"',
      'null',
      '42',
      '"rt-SECRET-x"',
      '[]',
    ]) {
      await write(authFile, content);
      expect(await logout({ authFile, issuer: issuer.url })).toStrictEqual({
        authFile,
        removed: true,
      });
      expect(await readdir(dir)).toEqual([]);
    }
    expect(issuer.hits).toEqual([]);
  });

  it('is not blocked by a lock file dated in the future (a clock stepped back after a crash)', async () => {
    await write(authFile, { tokens: { refresh_token: 'rt-SECRET-1' } });
    await writeFile(`${authFile}.lock`, 'crashed process\n');
    const nextYear = new Date(Date.now() + 365 * 86_400_000);
    await utimes(`${authFile}.lock`, nextYear, nextYear);
    expect(await logout({ authFile, issuer: issuer.url })).toStrictEqual({
      authFile,
      removed: true,
      revoked: true,
    });
    expect(await readdir(dir)).toEqual([]);
  });

  it('reports nothing removed, and revokes nothing, when there is no auth file', async () => {
    expect(await logout({ authFile, issuer: issuer.url })).toStrictEqual({
      authFile,
      removed: false,
    });
    expect(issuer.hits).toEqual([]);
  });

  it('names the auth file and what is wrong with it when it cannot be read, and removes nothing', async () => {
    await mkdir(authFile);
    const error = await logout({ authFile, issuer: issuer.url }).catch((e: unknown) => e);
    expect(LoadAPIKeyError.isInstance(error)).toBe(true);
    expect((error as Error).message).toBe(
      `Cannot read the Codex auth file ${authFile} (EISDIR: it is a directory); nothing was removed.`,
    );
    expect((await lstat(authFile)).isDirectory()).toBe(true);
  });

  it('an auth file linked to itself is an unreadable link loop, not a directory; the link stays', async () => {
    await symlink(authFile, authFile);
    const error = await logout({ authFile, issuer: issuer.url }).catch((e: unknown) => e);
    expect(LoadAPIKeyError.isInstance(error)).toBe(true);
    expect((error as Error).message).toBe(
      `Cannot read the Codex auth file ${authFile} (ELOOP); nothing was removed.`,
    );
    expect(await readlink(authFile)).toBe(authFile);
  });

  it('a dangling auth-file link: nothing removed, the link stays and no target is claimed', async () => {
    const missing = join(dir, 'moved-away.json');
    await symlink(missing, authFile);
    expect(await logout({ authFile, issuer: issuer.url })).toStrictEqual({
      authFile,
      removed: false,
    });
    expect(await readlink(authFile)).toBe(missing);
    expect(issuer.hits).toEqual([]);
  });

  describe('a symlinked auth file', () => {
    let target: string;
    beforeEach(async () => {
      target = join(dir, 'dotfiles-auth.json');
      await write(target, {});
      await symlink(target, authFile);
    });

    it('keeps the link and a target that holds no sign-in as it is', async () => {
      await write(target, { OPENAI_API_KEY: null, tokens: null, theme: 'dark' });
      expect(await logout({ authFile, issuer: issuer.url })).toStrictEqual({
        authFile,
        removed: false,
        linkTarget: target,
      });
      expect(JSON.parse(await readFile(authFile, 'utf8'))).toEqual({
        OPENAI_API_KEY: null,
        tokens: null,
        theme: 'dark',
      });
    });

    it('takes every sign-in field out of the target and keeps the rest', async () => {
      await write(target, {
        auth_mode: 'chatgpt',
        OPENAI_API_KEY: 'sk-SECRET',
        tokens: { refresh_token: 'rt-SECRET-2' },
        last_refresh: '2025-01-01T00:00:00Z',
        agent_identity: { id: 'x' },
        personal_access_token: 'pat-SECRET',
        theme: 'dark',
      });
      expect(await logout({ authFile, issuer: issuer.url, revoke: false })).toStrictEqual({
        authFile,
        removed: true,
        linkTarget: target,
      });
      expect(JSON.parse(await readFile(target, 'utf8'))).toStrictEqual({
        OPENAI_API_KEY: null,
        theme: 'dark',
      });
      expect(issuer.hits).toEqual([]);
    });

    it('a refused revocation leaves the target as it was', async () => {
      revokeStatus = 500;
      const content = { tokens: { refresh_token: 'rt-SECRET-2' }, theme: 'dark' };
      await write(target, content);
      await expect(logout({ authFile, issuer: issuer.url })).rejects.toThrow(
        `Nothing was removed: ${target} still holds the sign-in.`,
      );
      expect(JSON.parse(await readFile(target, 'utf8'))).toStrictEqual(content);
      expect(await readlink(authFile)).toBe(target);
    });

    it('a target that is no JSON object may hold a torn token: it is emptied', async () => {
      await write(target, '{"tokens": {"refresh_token": "rt-SECR');
      expect(await logout({ authFile, issuer: issuer.url })).toStrictEqual({
        authFile,
        removed: true,
        linkTarget: target,
      });
      expect(JSON.parse(await readFile(target, 'utf8'))).toStrictEqual({ OPENAI_API_KEY: null });

      for (const content of [['rt-SECRET-3'], '"rt-SECRET-4"', '42', 'null']) {
        await write(target, content);
        expect(await logout({ authFile, issuer: issuer.url })).toStrictEqual({
          authFile,
          removed: true,
          linkTarget: target,
        });
        expect(JSON.parse(await readFile(target, 'utf8'))).toStrictEqual({ OPENAI_API_KEY: null });
        expect(await readlink(authFile)).toBe(target);
      }
      expect(issuer.hits).toEqual([]);
    });
  });
});
