import { mkdtemp, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { loginWithDeviceCode } from '../src/login';
import { startMockIssuer, type MockIssuer } from './support/mock-issuer';

// What a hostile or broken sign-in server may answer: the sign-in it replaces stays.

let issuer: MockIssuer;
let dir: string;

beforeEach(async () => {
  issuer = await startMockIssuer();
  dir = await mkdtemp(join(tmpdir(), 'codex-hostile-issuer-'));
});
afterEach(async () => {
  await issuer.close();
  await rm(dir, { recursive: true, force: true });
});

const signIn = () =>
  loginWithDeviceCode({ codexHome: dir, issuer: issuer.issuer, onUserCode: () => {} });

describe('a sign-in server', () => {
  it.each([
    ['a line break', 'acct\nx-injected: 1'],
    ['a character outside Latin-1', 'acct-\u0100'],
  ])(
    'whose id token names an account id with %s: refused, the sign-in it would replace kept and not revoked',
    async (_, accountId) => {
      await signIn();
      const before = await readFile(join(dir, 'auth.json'), 'utf8');
      issuer.account.accountId = accountId;
      const error = await signIn().catch((e: unknown) => e);
      expect(error).toMatchObject({ reason: 'invalid_response', name: 'AI_LoadAPIKeyError' });
      expect((error as Error).message).toMatch(/account id .* cannot be sent/);
      expect(await readFile(join(dir, 'auth.json'), 'utf8')).toBe(before);
      expect(issuer.revoked).toEqual([]);
    },
  );
});
