import { InvalidArgumentError } from '@ai-sdk/provider';
import { describe, expect, it } from 'vitest';
import type { CodexProviderSettings } from './codex-provider-settings';
import { readProviderSettings } from './read-provider-settings';

function failure(settings: Record<string, unknown>): InvalidArgumentError {
  try {
    readProviderSettings(settings as CodexProviderSettings);
  } catch (error) {
    if (InvalidArgumentError.isInstance(error)) return error;
    throw error;
  }
  throw new Error('expected an InvalidArgumentError');
}

describe('readProviderSettings', () => {
  it('gives the defaults for unset settings', () => {
    expect(readProviderSettings({})).toEqual({
      transport: 'sse',
      coalesceDeltas: true,
      requestCompression: undefined,
      compaction: {},
    });
  });

  it('takes every value the enumerated settings allow', () => {
    expect(
      readProviderSettings({
        transport: 'websocket',
        coalesceDeltas: false,
        requestCompression: 'none',
        compaction: false,
      }),
    ).toEqual({
      transport: 'websocket',
      coalesceDeltas: false,
      requestCompression: 'none',
      compaction: false,
    });
    expect(readProviderSettings({ transport: 'sse', coalesceDeltas: true })).toMatchObject({
      transport: 'sse',
      coalesceDeltas: true,
    });
    for (const requestCompression of ['zstd', 'gzip'] as const) {
      expect(readProviderSettings({ requestCompression }).requestCompression).toBe(
        requestCompression,
      );
    }
  });

  it.each([
    [
      { transport: 'ws' },
      'transport',
      'The Codex `transport` setting must be "sse" or "websocket", got "ws".',
    ],
    [
      { transport: null },
      'transport',
      'The Codex `transport` setting must be "sse" or "websocket", got null.',
    ],
    [
      { coalesceDeltas: 'yes' },
      'coalesceDeltas',
      'The Codex `coalesceDeltas` setting must be true or false, got "yes".',
    ],
    [
      { requestCompression: null },
      'requestCompression',
      'The Codex `requestCompression` setting must be "zstd" or "gzip" or "none", got null.',
    ],
  ])('refuses %j, naming %s and what it takes', (settings, argument, message) => {
    expect(failure(settings)).toMatchObject({ argument, message });
  });

  it('shows a value JSON cannot write as JavaScript would', () => {
    expect(failure({ transport: Symbol.for('ws') }).message).toBe(
      'The Codex `transport` setting must be "sse" or "websocket", got Symbol(ws).',
    );
  });

  it.each([
    [{ sessionId: 'a\nb' }, 'sessionId', 'contains a line break (CR or LF)'],
    [{ originator: 'app\u0001' }, 'originator', 'contains a control character'],
    [{ accountId: 42 }, 'accountId', 'must be a string'],
    [{ headers: { 'x-app': 'a\rb' } }, 'headers.x-app', 'contains a line break (CR or LF)'],
  ])('refuses a header setting that cannot be sent: %j', (settings, argument, problem) => {
    expect(failure(settings)).toMatchObject({
      argument,
      message: `The Codex \`${argument}\` setting ${problem}; it is sent as an HTTP header value.`,
    });
  });

  it('refuses a header name fetch would refuse, naming the headers setting', () => {
    expect(failure({ headers: { 'x app': 'v' } })).toMatchObject({
      argument: 'headers',
      message: 'The Codex `headers` setting has an invalid header name "x app".',
    });
  });

  it('takes header settings that can be sent', () => {
    expect(() =>
      readProviderSettings({
        sessionId: 'conv-1',
        originator: 'my-app',
        accountId: 'acct_1',
        headers: { 'x-app': 'v1' },
      }),
    ).not.toThrow();
  });
});
