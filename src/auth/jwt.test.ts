import { describe, expect, it } from 'vitest';
import { decodeJwtPayload, getChatGPTAccountId, getJwtExpiry } from './jwt';

const jwt = (payload: object) =>
  `e30.${Buffer.from(JSON.stringify(payload)).toString('base64url')}.sig`;

describe('jwt', () => {
  it('reads exp and the ChatGPT account claim', () => {
    const token = jwt({
      exp: 1_900_000_000,
      'https://api.openai.com/auth': { chatgpt_account_id: 'acct_9' },
    });
    expect(getJwtExpiry(token)).toBe(1_900_000_000_000);
    expect(getChatGPTAccountId(token)).toBe('acct_9');
  });

  it('decodes base64url payloads with multi-byte text and no padding', () => {
    expect(decodeJwtPayload(jwt({ name: 'Zoë ✓', n: 1 }))).toEqual({ name: 'Zoë ✓', n: 1 });
  });

  it('returns undefined for opaque or broken tokens', () => {
    expect(getJwtExpiry('opaque-token')).toBeUndefined();
    expect(getJwtExpiry('a.!!!.c')).toBeUndefined();
    expect(getJwtExpiry(jwt({ exp: 'soon' }))).toBeUndefined();
    expect(getChatGPTAccountId(jwt({}))).toBeUndefined();
    expect(decodeJwtPayload(undefined)).toBeUndefined();
  });
});
