import { InvalidArgumentError } from '@ai-sdk/provider';
import { describe, expect, it } from 'vitest';
import { DEFAULT_ISSUER, normalizeIssuer } from './normalize-issuer';

/** What `normalizeIssuer` throws for `value`. */
function refusal(value: string, option?: string): InvalidArgumentError {
  try {
    normalizeIssuer(value, option);
  } catch (error) {
    if (InvalidArgumentError.isInstance(error)) return error;
    throw error;
  }
  throw new Error(`${value} was accepted`);
}

describe('normalizeIssuer', () => {
  it('defaults to auth.openai.com and drops trailing slashes', () => {
    expect(normalizeIssuer(undefined)).toBe(DEFAULT_ISSUER);
    expect(DEFAULT_ISSUER).toBe('https://auth.openai.com');
    expect(normalizeIssuer('http://127.0.0.1:9/')).toBe('http://127.0.0.1:9');
    expect(normalizeIssuer('http://127.0.0.1:9/issuer//')).toBe('http://127.0.0.1:9/issuer');
    expect(normalizeIssuer('HTTPS://Auth.Example.COM/')).toBe('https://auth.example.com');
  });

  it('takes https anywhere, and http on a loopback host only', () => {
    for (const ok of [
      'https://auth.openai.com',
      'https://10.0.0.1:8443/sso',
      'http://127.0.0.1:1455',
      'http://localhost:8080',
      'http://LOCALHOST',
      'http://[::1]:9000/issuer',
    ]) {
      expect(() => normalizeIssuer(ok)).not.toThrow();
    }
    expect(normalizeIssuer('http://[::1]:9000/issuer')).toBe('http://[::1]:9000/issuer');
  });

  it('refuses http on another host, naming the option and the host', () => {
    for (const host of [
      'auth.openai.com',
      '10.0.0.1',
      '127.0.0.2',
      'localhost.evil.test',
      '[::2]',
    ]) {
      const error = refusal(`http://${host}/`);
      expect(error.argument).toBe('issuer');
      expect(error.message).toBe(
        `\`issuer\` must be an https:// URL (http:// only on localhost, 127.0.0.1 or ::1); http://${host} is neither.`,
      );
    }
  });

  it('refuses other schemes, e.g. javascript: handed to the browser opener', () => {
    for (const [value, scheme] of [
      ['javascript:alert(1)//https://auth.openai.com', 'javascript:'],
      ['file:///etc/passwd', 'file:'],
      ['ftp://127.0.0.1', 'ftp:'],
      ['data:text/html,<script>', 'data:'],
    ]) {
      expect(refusal(value!).message).toBe(
        `\`issuer\` must be an https:// URL (http:// only on localhost, 127.0.0.1 or ::1), not a ${scheme} URL.`,
      );
    }
  });

  it('refuses a user name or password in the URL and never repeats it', () => {
    for (const value of [
      'http://user:hunter2-pass@127.0.0.1:9',
      'https://user:hunter2-pass@auth.openai.com',
      'https://hunter2-pass@auth.openai.com',
      'https://:hunter2-pass@auth.openai.com',
      'http://user:hunter2 pass@x',
    ]) {
      const error = refusal(value, '--issuer');
      expect(error.argument).toBe('--issuer');
      expect(error.message).toBe(
        "`--issuer` must not hold a user name or password (`user:password@`); pass the sign-in server's plain URL.",
      );
      expect(JSON.stringify({ ...error, message: error.message })).not.toContain('hunter2');
    }
  });

  it('refuses what is no URL, a query or a fragment, without repeating the value', () => {
    for (const value of ['', 'auth.openai.com', 'https://', 'http://[hunter2']) {
      const error = refusal(value, '--issuer');
      expect(error.message).toBe(
        "`--issuer` is not a URL; pass the sign-in server's URL, e.g. https://auth.openai.com.",
      );
      expect(error.message).not.toContain('hunter2');
    }
    for (const value of ['https://auth.openai.com/?hunter2', 'https://auth.openai.com/#hunter2']) {
      const error = refusal(value);
      expect(error.message).toBe(
        '`issuer` must not have a query or a fragment (`?…`, `#…`): the sign-in paths are added to it.',
      );
    }
  });
});
