import { expect } from 'vitest';
import { responseEvents } from '../../support/codex-events';
import type { EmulatorScript } from '../../support/codex-emulator';

// What the fixture app (fixtures/web-app.mjs) gives in every runtime, and the emulator
// answers its checks need.

/** What a chat front end reads from a UI message stream response (the SSE of `data:` chunks). */
export function readUIMessageStream(body: string) {
  const chunks = body
    .split('\n\n')
    .map(block => block.replace(/^data: /, '').trim())
    .filter(data => data !== '' && data !== '[DONE]')
    .map(data => JSON.parse(data) as { type: string; [key: string]: any });
  return {
    types: [...new Set(chunks.map(c => c.type))],
    text: chunks
      .filter(c => c.type === 'text-delta')
      .map(c => c.delta)
      .join(''),
    toolInputs: chunks
      .filter(c => c.type === 'tool-input-available')
      .map(c => [c.toolName, c.input]),
    toolOutputs: chunks.filter(c => c.type === 'tool-output-available').map(c => c.output),
  };
}

/** The emulator's answer to the app's tool loop: a call of getWeather, then its summary. */
export const TOOL_LOOP_TEXT = 'The getWeather tool returned sunny in Paris.';

/** What `/chat`'s UI message stream shows: the tool's input and output, the summary, the end. */
export const CHAT_STREAM = {
  text: TOOL_LOOP_TEXT,
  toolInputs: [['getWeather', { city: 'Paris' }]],
  toolOutputs: ['sunny in Paris'],
  types: expect.arrayContaining(['tool-input-available', 'tool-output-available', 'finish']),
};

/** `/tool-loop`'s answer: two steps, the tool run once, no warning. */
export const TOOL_LOOP_RESULT = {
  text: TOOL_LOOP_TEXT,
  toolRuns: ['Paris'],
  steps: 2,
  finishReason: 'stop',
  warnings: [] as unknown[],
  rateLimits: null,
};

/** `/tool-loop?transport=websocket` where no socket can run: the same, over HTTP, said once. */
export const WEBSOCKET_FALLBACK_RESULT = {
  ...TOOL_LOOP_RESULT,
  warnings: [expect.stringMatching(/WebSocket transport cannot run here.*HTTP \(SSE\)/)],
};

/** An emulator hook that answers the next request with `script`, and only that one. */
export function once(script: EmulatorScript): () => EmulatorScript | undefined {
  let used = false;
  return () => (used ? undefined : ((used = true), script));
}

/**
 * What `/abort` gives once the stream stopped at the first words: an `abort` part, no error,
 * within a second. The first text part may hold a few words: deltas that arrive in one
 * network read are merged (`coalesceDeltas`), which a loaded machine makes likely.
 */
export function expectAbortedEarly(result: {
  types: string[];
  text: string;
  msAfterAbort: number;
}) {
  expect(result.types).toEqual(expect.arrayContaining(['abort']));
  expect(result.types).not.toContain('error');
  expect(result.text).toMatch(/^word0 (word\d+ ){0,9}$/);
  expect(result.msAfterAbort).toBeLessThan(1000);
}

/** An answer that takes seconds to stream (word by word), for the abort checks. */
export function slowAnswer(): EmulatorScript {
  const words = Array.from({ length: 200 }, (_, i) => `word${i}`).join(' ');
  return {
    kind: 'sse',
    events: responseEvents({ id: 'resp_slow', output: [{ type: 'message', text: words }] }),
    // HTTP: one delta event every 25 ms; WebSocket: one frame every 25 ms
    deltasPerSecond: 40,
    delayMs: 25,
  };
}
