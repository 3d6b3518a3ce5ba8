import { EmptyResponseBodyError } from '@ai-sdk/provider';
import { describe, expect, it } from 'vitest';
import { sseTransport } from './sse-transport';

describe('sseTransport', () => {
  it('rejects a 2xx answer without a body', async () => {
    const error = await sseTransport
      .send({
        url: 'http://127.0.0.1:9/backend-api/codex/responses',
        headers: {},
        body: {
          model: 'gpt-5.5',
          instructions: '',
          input: [],
          parallel_tool_calls: false,
          store: false,
          stream: true,
          include: [],
          prompt_cache_key: 'session-1',
        },
        signal: new AbortController().signal,
        fetch: async () => new Response(null, { status: 200 }),
      })
      .then(
        () => expect.fail('the request should have failed'),
        (e: unknown) => e,
      );
    expect(EmptyResponseBodyError.isInstance(error)).toBe(true);
    expect((error as Error).message).toBe('The Codex backend sent an empty response body');
  });
});
