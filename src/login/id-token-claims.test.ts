import { describe, expect, it } from 'vitest';
import { makeJwt } from '../../test/support/jwt';
import { readAccountClaims } from './id-token-claims';

const AUTH = 'https://api.openai.com/auth';
const PROFILE = 'https://api.openai.com/profile';
const jwt = (claims: Record<string, unknown>) => makeJwt({ exp: 2_000_000_000, claims });

describe('readAccountClaims', () => {
  it('reads email, plan and account from the id token', () => {
    const id = jwt({
      email: 'ada@example.com',
      [AUTH]: { chatgpt_plan_type: 'pro', chatgpt_account_id: 'acct_id' },
    });
    const access = jwt({
      email: 'other@example.com',
      [AUTH]: { chatgpt_plan_type: 'free', chatgpt_account_id: 'acct_access' },
    });
    expect(readAccountClaims(id, access)).toStrictEqual({
      email: 'ada@example.com',
      planType: 'pro',
      accountId: 'acct_id',
    });
  });

  it('falls back to the profile claim, then to the access token, for each field on its own', () => {
    const id = jwt({
      email: '',
      [PROFILE]: { email: 'profile@example.com' },
      [AUTH]: { chatgpt_plan_type: 'plus' },
    });
    const access = jwt({
      email: 'access@example.com',
      [AUTH]: { chatgpt_plan_type: 'free', chatgpt_account_id: 'acct_access' },
    });
    expect(readAccountClaims(id, access)).toStrictEqual({
      email: 'profile@example.com',
      planType: 'plus',
      accountId: 'acct_access',
    });
    expect(
      readAccountClaims(jwt({ [AUTH]: 'not an object', [PROFILE]: null }), access),
    ).toStrictEqual({
      email: 'access@example.com',
      planType: 'free',
      accountId: 'acct_access',
    });
  });

  it('leaves out what no token tells, without a key for it', () => {
    expect(readAccountClaims(undefined, 'opaque-token')).toStrictEqual({});
    expect(
      readAccountClaims(
        jwt({ email: 5, [AUTH]: { chatgpt_plan_type: '', chatgpt_account_id: 7 } }),
      ),
    ).toStrictEqual({});
    expect(readAccountClaims(jwt({ email: 'only@example.com' }))).toStrictEqual({
      email: 'only@example.com',
    });
  });
});
