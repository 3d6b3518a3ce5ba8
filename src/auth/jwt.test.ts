import { describe, expect, it } from 'vitest';
import { decodeJwtPayload, getChatGPTAccountId, getJwtExpiry } from './jwt';

const jwt = (payload: object) => raw(JSON.stringify(payload));
/** A token whose payload segment is this JSON text, as is. */
const raw = (json: string) => `e30.${Buffer.from(json).toString('base64url')}.sig`;

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

  it('decodes the two letters base64url has instead of + and /', () => {
    const token = jwt({ s: '???>>>' });
    expect(token.split('.')[1]).toMatch(/-.*_|_.*-/);
    expect(decodeJwtPayload(token)).toEqual({ s: '???>>>' });
  });

  it('returns undefined for opaque or broken tokens', () => {
    expect(getJwtExpiry('opaque-token')).toBeUndefined();
    expect(getJwtExpiry('a.!!!.c')).toBeUndefined();
    expect(getJwtExpiry(jwt({ exp: 'soon' }))).toBeUndefined();
    expect(getChatGPTAccountId(jwt({}))).toBeUndefined();
    expect(decodeJwtPayload(undefined)).toBeUndefined();
    expect(decodeJwtPayload('e30..sig')).toBeUndefined();
  });

  it('reads a payload only from a token of exactly three segments', () => {
    const payload = Buffer.from(JSON.stringify({ exp: 1_900_000_000 })).toString('base64url');
    expect(getJwtExpiry(`e30.${payload}.sig`)).toBe(1_900_000_000_000);
    expect(getJwtExpiry(`e30.${payload}`)).toBeUndefined();
    expect(getJwtExpiry(`e30.${payload}.sig.more`)).toBeUndefined();
  });

  it('returns undefined for a payload that is JSON but no object', () => {
    for (const json of ['5', '"text"', 'null', 'true']) {
      expect(decodeJwtPayload(raw(json))).toBeUndefined();
    }
  });

  it('has no expiry for an exp that is not a finite number', () => {
    expect(getJwtExpiry(raw('{"exp":1e999}'))).toBeUndefined();
    expect(getJwtExpiry(jwt({ exp: '1900000000' }))).toBeUndefined();
    expect(getJwtExpiry(jwt({ exp: null }))).toBeUndefined();
  });

  it('has no account id for a claim or id of the wrong kind, or an empty id', () => {
    const claim = (value: unknown) => jwt({ 'https://api.openai.com/auth': value });
    expect(getChatGPTAccountId(claim(null))).toBeUndefined();
    expect(getChatGPTAccountId(claim('acct_9'))).toBeUndefined();
    expect(getChatGPTAccountId(claim({ chatgpt_account_id: 42 }))).toBeUndefined();
    expect(getChatGPTAccountId(claim({ chatgpt_account_id: '' }))).toBeUndefined();
  });
});
