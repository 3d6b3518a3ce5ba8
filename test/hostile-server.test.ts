import { generateText } from 'ai';
import { describe, expect, it } from 'vitest';
import { createCodex } from '../src';
import { responseEvents } from './support/codex-events';
import { useCodexEmulator } from './support/use-codex-emulator';

// What a hostile or broken server may answer, through the public API: every failure is
// one of the documented errors, and the odd values that are harmless read as absent.

const emu = useCodexEmulator();

const codex = () =>
  createCodex({
    baseURL: emu.baseURL,
    auth: { accessToken: 'at-SECRET-hostile' },
    initialRetryDelayMs: 1,
    maxRetries: 0,
  });

describe('a hostile Codex backend', () => {
  it('a response.created whose created_at no Date can hold: the call still answers', async () => {
    emu.enqueue({
      kind: 'sse',
      events: responseEvents({ output: [{ type: 'message', text: 'Hi' }], createdAt: 1e300 }),
    });
    const result = await generateText({ model: codex()('gpt-5.3-codex'), prompt: 'Hi' });
    expect(result.text).toBe('Hi');
    expect(Number.isNaN(result.response.timestamp.getTime())).toBe(false);
  });
});
