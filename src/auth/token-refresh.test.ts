import { APICallError } from '@ai-sdk/provider';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { startMockTokenServer, type MockTokenServer } from '../../test/support/mock-token-server';
import { DEFAULT_REFRESH_TIMEOUT_MS, refreshCodexTokens } from './token-refresh';

let tokens: MockTokenServer;
beforeEach(async () => {
  tokens = await startMockTokenServer();
});
afterEach(() => tokens.close());

describe('refreshCodexTokens', () => {
  it('gives up on a token endpoint that does not answer in time, as retryable', async () => {
    expect(DEFAULT_REFRESH_TIMEOUT_MS).toBe(30_000);
    tokens.validRefreshTokens.add('rt-SECRET-slow');
    tokens.delayMs = 5_000;
    const started = Date.now();
    const error = await refreshCodexTokens({
      tokenURL: tokens.tokenURL,
      refreshToken: 'rt-SECRET-slow',
      timeoutMs: 100,
    }).catch((e: unknown) => e);
    expect(Date.now() - started).toBeLessThan(2_000);
    expect(APICallError.isInstance(error)).toBe(true);
    expect((error as APICallError).message).toBe(
      'The ChatGPT token endpoint did not answer within 0.1 s. Try again shortly.',
    );
    expect((error as APICallError).isRetryable).toBe(true);
    expect((error as APICallError).requestBodyValues).toMatchObject({
      refresh_token: '[redacted]',
    });
  });

  it('answers within the timeout as usual', async () => {
    tokens.validRefreshTokens.add('rt-SECRET-ok');
    tokens.delayMs = 20;
    const fresh = await refreshCodexTokens({
      tokenURL: tokens.tokenURL,
      refreshToken: 'rt-SECRET-ok',
      timeoutMs: 2_000,
    });
    expect(fresh.refresh_token).toBe('rt-SECRET-rotated-1');
  });
});
