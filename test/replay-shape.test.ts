import { readFileSync } from 'node:fs';
import { generateText, stepCountIs, type ModelMessage } from 'ai';
import { describe, expect, it } from 'vitest';
import { createCodex, type CodexProviderSettings } from '../src';
import { cityTool } from './support/city-tool';
import { useCodexEmulator } from './support/use-codex-emulator';

// How a history goes back to the backend: assistant messages keep their phase (OpenAI: a
// model from gpt-5.3-codex on does worse without it), nothing carries an item id. And the
// emulator takes what the official client's recorded requests show the backend taking.

const emu = useCodexEmulator();

const settings = (extra: CodexProviderSettings = {}): CodexProviderSettings => ({
  baseURL: emu.baseURL,
  auth: { accessToken: 'at-SECRET-replay-shape' },
  sessionId: 'conv-replay',
  ...extra,
});

const tools = { getWeather: cityTool('Weather for a city', city => `sunny in ${city}`) };

/** A tool turn, then a second turn on its history. */
async function twoTurns(settingsOverride: CodexProviderSettings = {}) {
  const model = createCodex(settings(settingsOverride))('gpt-5.3-codex');
  const messages: ModelMessage[] = [{ role: 'user', content: 'Weather in Paris?' }];
  const first = await generateText({ model, messages, tools, stopWhen: stepCountIs(3) });
  messages.push(...first.response.messages, { role: 'user', content: 'Thanks.' });
  await generateText({ model, messages, tools, stopWhen: stepCountIs(3) });
}

/** The full input of each request (a WebSocket increment rebuilt by the emulator). */
const inputs = () =>
  emu.requests
    .filter(r => r.path.endsWith('/responses'))
    .map(r => (r.resolvedBody ?? r.body).input as Array<Record<string, unknown>>);

describe.each(['sse', 'websocket'] as const)('replayed history over %s', transport => {
  it('keeps the phase of assistant messages and sends no item id', async () => {
    await twoTurns({ transport });
    const all = inputs();
    expect(all).toHaveLength(4);
    // the emulator answers a tool result with a final answer: the second turn replays it
    const assistant = all[2]!.filter(item => item.role === 'assistant');
    expect(assistant).toEqual([
      {
        type: 'message',
        role: 'assistant',
        content: [{ type: 'output_text', text: expect.stringContaining('getWeather') }],
        phase: 'final_answer',
      },
    ]);
    for (const item of all.flat()) expect(item).not.toHaveProperty('id');
    expect(all[2]!.map(item => item.type)).toEqual([
      'message',
      'reasoning',
      'function_call',
      'function_call_output',
      'reasoning',
      'message',
      'message',
    ]);
    if (transport === 'websocket') {
      // the replay with its phase is what the socket expected: the second turn chained
      const frames = emu.requests.filter(r => r.transport === 'websocket');
      expect(frames[2]!.body.previous_response_id).toEqual(expect.any(String));
    }
  });
});

describe('the emulator takes what the official client sends', () => {
  it('a recorded tool follow-up: no instructions, replayed ids, status, phase, content: null', async () => {
    const fixture = JSON.parse(
      readFileSync(new URL('./fixtures/parity/tool-call.sse.json', import.meta.url), 'utf8'),
    );
    const followUp = fixture.requests.find(
      (r: { step: string }) => r.step === 'turn 1 tool follow-up',
    );
    // the CLI's own tools are shortened in the fixture; the request is sent without them
    const { tools: _tools, tool_choice: _choice, ...body } = followUp.body;
    expect(body.instructions).toBeUndefined();
    expect(body.input.some((item: { id?: string }) => item.id != null)).toBe(true);
    const response = await fetch(`${emu.baseURL}/responses`, {
      method: 'POST',
      headers: { authorization: 'Bearer t', 'content-type': 'application/json' },
      body: JSON.stringify(body),
    });
    expect(response.status).toBe(200);
    expect(await response.text()).toContain('response.completed');
  });
});
