import { APICallError } from '@ai-sdk/provider';
import { generateText, streamText } from 'ai';
import { describe, expect, it } from 'vitest';
import { createCodex, type CodexProviderSettings } from '../src';
import { responseEvents, toSSE } from './support/codex-events';
import { useCodexEmulator } from './support/use-codex-emulator';

// Failures no retry can fix, as each of the backend's channels delivers them: the input
// no longer fits in the model's context window, the plan does not include Codex, a usage
// limit (and which one) is used up.

const emu = useCodexEmulator();

const provider = (settings: CodexProviderSettings = {}) =>
  createCodex({ baseURL: emu.baseURL, auth: { accessToken: 'at-SECRET-ctx' }, ...settings });

// what the message says to do, word for word (`toMatch` with a string finds it anywhere)
const COMPACTION_HINT =
  "Automatic compaction is off (`compaction: false`), lacks this model's window (call `listModels()` or set `compaction: { atInputTokens: n }`) or cannot help; `providerOptions.codex.compact: true` compacts for one call. Else start a new conversation or drop earlier messages.";

async function rejection(promise: PromiseLike<unknown>): Promise<APICallError> {
  const error = await Promise.resolve(promise).then(
    () => undefined,
    e => e,
  );
  expect(APICallError.isInstance(error)).toBe(true);
  return error as APICallError;
}

describe('context_length_exceeded', () => {
  it.each(['sse', 'websocket'] as const)(
    'an input over the window: the 400 names the compaction setting, one request, over %s',
    async transport => {
      // a window of 50 tokens: the prompt below is over it
      emu.catalog['gpt-5.3-codex']!.context = 50;
      const error = await rejection(
        generateText({
          model: provider({ transport })('gpt-5.3-codex'),
          prompt: 'Summarise this. '.repeat(40),
          maxRetries: 2, // the AI SDK's own retries must not fire either
        }),
      );
      expect(error.statusCode).toBe(400);
      expect(error.isRetryable).toBe(false);
      expect(error.message).toMatch(
        /^context_length_exceeded: Your input exceeds the context window of this model\. Please adjust your input and try again\. /,
      );
      expect(error.message).toMatch(COMPACTION_HINT);
      const responses = emu.requests.filter(r => r.path.endsWith('/responses'));
      expect(responses).toHaveLength(1);
    },
  );

  it.each([
    ['an error event', { type: 'error', code: 'context_length_exceeded', message: 'Too long.' }],
    [
      'response.failed',
      {
        type: 'response.failed',
        response: {
          status: 'failed',
          error: { code: 'context_length_exceeded', message: 'Too long.' },
        },
      },
    ],
  ])('%s: an error part that names the setting, not retried', async (_, event) => {
    emu.enqueue({
      kind: 'sse',
      raw: toSSE([...responseEvents({ output: [], terminal: 'none' }), event]),
    });
    const errors: unknown[] = [];
    const result = streamText({
      model: provider()('gpt-5.3-codex'),
      prompt: 'Hi',
      onError: ({ error }) => void errors.push(error),
    });
    await result.consumeStream();
    expect(await result.finishReason).toBe('error');
    expect(errors).toHaveLength(1);
    const error = errors[0] as APICallError;
    expect(error.message).toMatch(/^context_length_exceeded: Too long\. /);
    expect(error.message).toMatch(COMPACTION_HINT);
    expect(error.isRetryable).toBe(false);
    expect(emu.requests).toHaveLength(1);
  });
});

describe('usage_not_included', () => {
  it('an HTTP answer: the plan has no Codex, not retried', async () => {
    emu.enqueue({
      kind: 'http',
      status: 403,
      body: { error: { type: 'usage_not_included', message: 'nope', plan_type: 'free' } },
    });
    const error = await rejection(
      generateText({ model: provider()('gpt-5.3-codex'), prompt: 'Hi', maxRetries: 2 }),
    );
    expect(error.message).toMatch(
      /^Your ChatGPT plan \(free\) does not include Codex \(usage_not_included\): upgrade it \(https:\/\/chatgpt\.com\/pricing\) or sign in with another account; retrying will not help\./,
    );
    expect(error.isRetryable).toBe(false);
    expect(emu.requests).toHaveLength(1);
  });

  it('a response.failed event says the same, not retried', async () => {
    emu.enqueue({
      kind: 'sse',
      raw: toSSE([
        ...responseEvents({ output: [], terminal: 'none' }),
        {
          type: 'response.failed',
          response: { status: 'failed', error: { code: 'usage_not_included', message: 'x' } },
        },
      ]),
    });
    const error = await rejection(
      generateText({ model: provider()('gpt-5.3-codex'), prompt: 'Hi', maxRetries: 2 }),
    );
    expect(error.message).toMatch(/^Your ChatGPT plan does not include Codex/);
    expect(error.isRetryable).toBe(false);
    expect(emu.requests).toHaveLength(1);
  });
});

describe('usage_limit_reached names the limit', () => {
  const perModelFull = {
    'x-codex-primary-used-percent': '12',
    'x-codex-primary-window-minutes': '300',
    'x-codex-bengalfox-primary-used-percent': '100',
    'x-codex-bengalfox-primary-window-minutes': '10080',
    'x-codex-bengalfox-limit-name': 'gpt-5.3-codex',
  };

  it.each(['sse', 'websocket'] as const)(
    'an HTTP 429 (an error frame over %s)',
    async transport => {
      emu.enqueue({
        kind: 'http',
        status: 429,
        headers: perModelFull,
        body: { error: { type: 'usage_limit_reached', message: 'Limit', plan_type: 'plus' } },
      });
      const error = await rejection(
        generateText({ model: provider({ transport })('gpt-5.3-codex'), prompt: 'Hi' }),
      );
      expect(error.message).toMatch(
        /^You have hit your ChatGPT usage limit for gpt-5\.3-codex \(plus plan; its weekly window is used up\)\./,
      );
      expect(error.isRetryable).toBe(false);
      expect(error.data).toMatchObject({
        limit: { id: 'codex_bengalfox', name: 'gpt-5.3-codex', window: 'weekly' },
      });
      expect(emu.requests.filter(r => r.path.endsWith('/responses'))).toHaveLength(1);
    },
  );

  it('a response.failed event, named from the response’s own headers', async () => {
    emu.enqueue({
      kind: 'sse',
      headers: perModelFull,
      raw: toSSE([
        ...responseEvents({ output: [], terminal: 'none' }),
        {
          type: 'response.failed',
          response: {
            status: 'failed',
            error: { code: 'usage_limit_reached', message: 'x', plan_type: 'team' },
          },
        },
      ]),
    });
    const error = await rejection(
      generateText({ model: provider()('gpt-5.3-codex'), prompt: 'Hi', maxRetries: 2 }),
    );
    expect(error.message).toMatch(
      /^You have hit your ChatGPT usage limit for gpt-5\.3-codex \(team plan; its weekly window is used up\)\./,
    );
    expect(error.isRetryable).toBe(false);
    expect(emu.requests).toHaveLength(1);
  });
});
