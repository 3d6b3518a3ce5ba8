import { responseEvents } from '../../support/codex-events';
import type { EmulatorScript } from '../../support/codex-emulator';

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
