import { APICallError } from '@ai-sdk/provider';
import { describe, expect, it } from 'vitest';
import { startRecordingServer } from '../../test/support/recording-server';
import { parseJsonObject, postSignInRequest } from './post-sign-in-request';

const post = (
  url: string,
  fetch: typeof globalThis.fetch = globalThis.fetch,
  abortSignal?: AbortSignal,
) =>
  postSignInRequest({
    url,
    contentType: 'application/json',
    body: '{"device_auth_id":"d"}',
    requestBodyValues: { device_auth_id: 'd' },
    fetch,
    abortSignal,
  });

describe('postSignInRequest', () => {
  it('posts the body as the given type and asks for JSON, so errors come as JSON and not HTML', async () => {
    const server = await startRecordingServer((_, res) => res.end('{}'));
    try {
      const response = await post(`${server.url}/api/accounts/deviceauth/token`);
      expect(response.status).toBe(200);
      expect(server.hits).toHaveLength(1);
      expect(server.hits[0]).toMatchObject({
        method: 'POST',
        url: '/api/accounts/deviceauth/token',
        body: '{"device_auth_id":"d"}',
        headers: { 'content-type': 'application/json', accept: 'application/json' },
      });
    } finally {
      await server.close();
    }
  });

  it('an unreachable server is a retryable error naming the URL and what to do', async () => {
    const server = await startRecordingServer();
    const url = `${server.url}/oauth/token`;
    await server.close();
    const error = await post(url).catch(e => e);
    expect(APICallError.isInstance(error)).toBe(true);
    expect(error.message).toMatch(
      new RegExp(
        `^Could not reach the sign-in server at ${url} \\(.+\\)\\. Check the connection and try again\\.$`,
      ),
    );
    expect(error).toMatchObject({
      url,
      isRetryable: true,
      requestBodyValues: { device_auth_id: 'd' },
    });
  });

  it('a cancelled request rejects with the abort, not as a network failure', async () => {
    const server = await startRecordingServer();
    try {
      const controller = new AbortController();
      controller.abort();
      const error = await post(`${server.url}/x`, globalThis.fetch, controller.signal).catch(
        e => e,
      );
      expect(error).toMatchObject({ name: 'AbortError' });
      expect(APICallError.isInstance(error)).toBe(false);
    } finally {
      await server.close();
    }
  });
});

describe('parseJsonObject', () => {
  it('gives objects only', () => {
    expect(parseJsonObject('{"a":1}')).toEqual({ a: 1 });
    expect(parseJsonObject('null')).toBeUndefined();
    expect(parseJsonObject('"text"')).toBeUndefined();
    expect(parseJsonObject('5')).toBeUndefined();
    expect(parseJsonObject('<html>')).toBeUndefined();
  });
});
