import type { LanguageModelV2CallOptions, LanguageModelV2StreamPart } from '@ai-sdk/provider';
import { convertReadableStreamToArray } from '@ai-sdk/provider-utils/test';
import { getEventListeners } from 'node:events';
import { describe, expect, it, vi } from 'vitest';
import { createCodex } from '../src';
import { responseEvents } from './support/codex-events';
import { useCodexEmulator } from './support/use-codex-emulator';

// What happens to the HTTP connection behind a stream, seen from the emulator's side.

const emu = useCodexEmulator();

const hi: LanguageModelV2CallOptions = {
  prompt: [{ role: 'user', content: [{ type: 'text', text: 'Hi' }] }],
};

const model = () =>
  createCodex({
    baseURL: emu.baseURL,
    auth: { accessToken: 'at-SECRET-conn', accountId: 'acct' },
    initialRetryDelayMs: 1,
    maxRetryDelayMs: 1,
  })('gpt-5.3-codex');

const text = (parts: LanguageModelV2StreamPart[]) =>
  parts.map(p => (p.type === 'text-delta' ? p.delta : '')).join('');

describe('stream connections', () => {
  it('cancelling the stream closes the HTTP connection', async () => {
    // about 5 s of body, so the emulator is still sending when we cancel
    emu.enqueue({ kind: 'sse', fixture: 'reasoning-text', chunkSize: 20, delayMs: 20 });
    const { stream } = await model().doStream(hi);
    const reader = stream.getReader();
    await reader.read(); // stream-start
    await reader.read(); // the first content part
    await reader.cancel();
    await vi.waitFor(() => expect(emu.requests[0]!.closedByClient).toBe(true), {
      timeout: 3000,
    });
    expect(emu.requests).toHaveLength(1);
  });

  it('closes the connection of an attempt it retries, even when the server keeps it open', async () => {
    emu.enqueue(
      {
        kind: 'sse',
        events: [
          ...responseEvents({ output: [], terminal: 'none' }),
          { type: 'error', code: 'server_is_overloaded', message: 'Try again.' },
        ],
        keepOpen: true,
      },
      { kind: 'sse', events: responseEvents({ output: [{ type: 'message', text: 'Second.' }] }) },
    );
    const { stream } = await model().doStream(hi);
    const parts = await convertReadableStreamToArray(stream);
    expect(text(parts)).toBe('Second.');
    expect(parts.filter(p => p.type === 'error')).toEqual([]);
    expect(emu.requests).toHaveLength(2);
    await vi.waitFor(() => expect(emu.requests[0]!.closedByClient).toBe(true));
  });

  it('closes a connection the server keeps open after the terminal event', async () => {
    emu.enqueue({
      kind: 'sse',
      events: responseEvents({ output: [{ type: 'message', text: 'Done.' }] }),
      keepOpen: true,
    });
    const { stream } = await model().doStream(hi);
    expect(text(await convertReadableStreamToArray(stream))).toBe('Done.');
    await vi.waitFor(() => expect(emu.requests[0]!.closedByClient).toBe(true));
  });

  it('leaves no listener on the caller’s abort signal once a call is over', async () => {
    const controller = new AbortController();
    const listeners = () => getEventListeners(controller.signal, 'abort').length;
    const options = { ...hi, abortSignal: controller.signal };

    // a stream read to its end, with a retried attempt on the way
    emu.enqueue({ kind: 'http', status: 503, body: { detail: 'busy' } });
    const { stream } = await model().doStream(options);
    await convertReadableStreamToArray(stream);
    expect(emu.requests).toHaveLength(2);
    expect(listeners()).toBe(0);

    // a stream cancelled half way
    emu.enqueue({ kind: 'sse', fixture: 'reasoning-text', chunkSize: 40, delayMs: 20 });
    const cancelled = (await model().doStream(options)).stream.getReader();
    await cancelled.read();
    await cancelled.read();
    await cancelled.cancel();
    expect(listeners()).toBe(0);

    // doGenerate, and a failed call
    await model().doGenerate(options);
    expect(listeners()).toBe(0);
    emu.enqueue({ kind: 'http', status: 400, body: { detail: 'Bad request' } });
    await expect(model().doGenerate(options)).rejects.toThrow();
    expect(listeners()).toBe(0);
  });
});
