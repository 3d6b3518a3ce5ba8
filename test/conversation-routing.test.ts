import { generateText, stepCountIs, type ModelMessage } from 'ai';
import { describe, expect, it } from 'vitest';
import { createCodex, type CodexProviderSettings } from '../src';
import type { RecordedRequest } from './support/codex-emulator';
import { cityTool } from './support/city-tool';
import { encodeCompaction } from './support/codex-emulator-compaction';
import { useCodexEmulator } from './support/use-codex-emulator';

// What routes a call at the backend, as the official client sends it (test/fixtures/parity/):
// the conversation in session-id, thread-id and x-client-request-id, the context window, the
// model and tier, the turn's ids in client_metadata, and the backend's sticky turn state
// echoed within a turn and nowhere else. Against the emulator, over HTTP and WebSocket.

const emu = useCodexEmulator();

const settings = (extra: CodexProviderSettings = {}): CodexProviderSettings => ({
  baseURL: emu.baseURL,
  auth: { accessToken: 'at-SECRET-routing', accountId: 'acct-routing' },
  sessionId: 'conv-a',
  ...extra,
});

/** Two tools: the emulator calls one per step, then sums up: three requests per turn. */
const tools = (onRun?: () => void) => ({
  getWeather: cityTool('Weather for a city', city => `sunny in ${city}`, onRun),
  getTime: cityTool('Local time in a city', city => `noon in ${city}`, onRun),
});

/** Two user turns of one conversation, each a tool loop. */
async function twoTurns(
  provider: ReturnType<typeof createCodex>,
  options: { providerOptions?: Record<string, Record<string, never>>; onRun?: () => void } = {},
) {
  const messages: ModelMessage[] = [{ role: 'user', content: 'Weather and time in Paris?' }];
  for (const next of ['And in Rome?', undefined]) {
    const result = await generateText({
      model: provider('gpt-5.3-codex'),
      system: 'Be brief.',
      messages,
      tools: tools(options.onRun),
      stopWhen: stepCountIs(5),
      ...(options.providerOptions != null && { providerOptions: options.providerOptions }),
    });
    messages.push(...result.response.messages);
    if (next != null) messages.push({ role: 'user', content: next });
  }
}

const responses = () => emu.requests.filter(r => r.path.endsWith('/responses'));
const header = (request: RecordedRequest, name: string) => request.headers[name];
const turnIdOf = (request: RecordedRequest) => request.body.client_metadata.turn_id;

/** Values named by first appearance (`A`, `B`, …; `-` for none): the emulator's count runs on. */
function byAppearance(values: unknown[]): string[] {
  const seen: unknown[] = [];
  return values.map(value => {
    if (value == null) return '-';
    if (!seen.includes(value)) seen.push(value);
    return String.fromCharCode(65 + seen.indexOf(value));
  });
}

describe('conversation routing over HTTP', () => {
  it('names the conversation, its window and the model on every request, with one turn id per user turn', async () => {
    await twoTurns(createCodex(settings()));
    const requests = responses();
    expect(requests).toHaveLength(6);
    for (const request of requests) {
      expect(request.headers).toMatchObject({
        'session-id': 'conv-a',
        'thread-id': 'conv-a',
        'x-client-request-id': 'conv-a',
        'x-codex-window-id': 'conv-a:0',
        'x-codex-routing-hint': 'model=gpt-5.3-codex',
      });
      expect(request.body.prompt_cache_key).toBe('conv-a');
      expect(request.body.parallel_tool_calls).toBe(true);
      expect(request.body.client_metadata).toEqual({
        session_id: 'conv-a',
        thread_id: 'conv-a',
        turn_id: expect.stringMatching(/^[0-9a-f]{8}-[0-9a-f]{4}-8[0-9a-f]{3}-/),
        root_turn_id: turnIdOf(request),
        'x-codex-window-id': 'conv-a:0',
      });
    }
    const turnIds = requests.map(turnIdOf);
    expect(new Set(turnIds.slice(0, 3)).size).toBe(1);
    expect(new Set(turnIds.slice(3)).size).toBe(1);
    expect(turnIds[3]).not.toBe(turnIds[0]);
  });

  it('echoes the turn state within its turn only, keeping the first one', async () => {
    await twoTurns(createCodex(settings()));
    const states = responses().map(r => header(r, 'x-codex-turn-state'));
    // the emulator issues a new value to a request without one and echoes the one it gets
    expect(byAppearance(states)).toEqual(['-', 'A', 'A', '-', 'B', 'B']);
    expect(states[1]).toMatch(/^ts_emu_\d+$/);
  });

  it('keeps the first value when a later response of the turn sets another', async () => {
    let answers = 0;
    // the second answer comes with a turn state of its own
    const fetchWithNewState: typeof fetch = async (input, init) => {
      const response = await fetch(input, init);
      if (++answers !== 2) return response;
      const headers = new Headers(response.headers);
      headers.set('x-codex-turn-state', 'ts_changed');
      return new Response(response.body, { status: response.status, headers });
    };
    await twoTurns(createCodex(settings({ fetch: fetchWithNewState })));
    const states = responses().map(r => header(r, 'x-codex-turn-state'));
    expect(byAppearance(states)).toEqual(['-', 'A', 'A', '-', 'B', 'B']);
    expect(states).not.toContain('ts_changed');
  });

  it("never sends one conversation's turn state with another, or another provider's", async () => {
    const first = createCodex(settings());
    const prompt = 'Weather in Paris?';
    const call = (provider: ReturnType<typeof createCodex>, promptCacheKey?: string) =>
      generateText({
        model: provider('gpt-5.3-codex'),
        prompt,
        ...(promptCacheKey != null && { providerOptions: { codex: { promptCacheKey } } }),
      });
    await call(first);
    // the same conversation id and prompt, so the same turn id, in another provider instance
    await call(createCodex(settings()));
    // the same provider, another conversation
    await call(first, 'conv-b');
    // the same provider and conversation again: its turn goes on
    await call(first);
    const requests = responses();
    const states = requests.map(r => header(r, 'x-codex-turn-state'));
    expect(byAppearance(states)).toEqual(['-', '-', '-', 'A']);
    expect(turnIdOf(requests[1]!)).toBe(turnIdOf(requests[0]!));
    expect(requests[2]!.headers).toMatchObject({
      'session-id': 'conv-b',
      'thread-id': 'conv-b',
      'x-client-request-id': 'conv-b',
      'x-codex-window-id': 'conv-b:0',
    });
    expect(requests[2]!.body.client_metadata).toMatchObject({
      session_id: 'conv-b',
      thread_id: 'conv-b',
    });
  });

  it('asks for the priority tier in the routing hint, and turns parallel tool calls off when told', async () => {
    await generateText({
      model: createCodex(settings())('gpt-5.4'),
      prompt: 'Hi',
      providerOptions: { codex: { serviceTier: 'priority', parallelToolCalls: false } },
    });
    const [request] = responses();
    expect(request!.headers['x-codex-routing-hint']).toBe('model=gpt-5.4;tier=priority');
    expect(request!.body.service_tier).toBe('priority');
    expect(request!.body.parallel_tool_calls).toBe(false);
  });

  it('counts the compactions the history holds in the window id', async () => {
    const compaction = (n: number) => ({
      type: 'reasoning' as const,
      text: '',
      providerOptions: {
        codex: {
          compaction: {
            itemId: `cmp_${n}`,
            // what the emulator accepts as its own compaction
            encryptedContent: encodeCompaction({ items: n, userTexts: [], turnCalls: {} }),
          },
        },
      },
    });
    await generateText({
      model: createCodex(settings())('gpt-5.3-codex'),
      messages: [
        { role: 'user', content: 'one' },
        { role: 'assistant', content: [compaction(1), { type: 'text', text: 'ok' }] },
        { role: 'user', content: 'two' },
      ],
    });
    const [request] = responses();
    expect(request!.headers['x-codex-window-id']).toBe('conv-a:1');
    expect(request!.body.client_metadata['x-codex-window-id']).toBe('conv-a:1');
  });

  it('lets the caller’s own headers replace the routing ones', async () => {
    await generateText({
      model: createCodex(settings({ headers: { 'x-codex-routing-hint': 'model=mine' } }))(
        'gpt-5.3-codex',
      ),
      prompt: 'Hi',
    });
    expect(responses()[0]!.headers['x-codex-routing-hint']).toBe('model=mine');
    expect(responses()[0]!.headers['thread-id']).toBe('conv-a');
  });
});

describe('conversation routing over WebSocket', () => {
  const ws = (extra: CodexProviderSettings = {}) => settings({ transport: 'websocket', ...extra });

  it('puts the routing headers on the upgrade and the turn ids in each frame; a new turn still chains', async () => {
    await twoTurns(createCodex(ws()));
    expect(emu.websocket.handshakes).toHaveLength(1);
    expect(emu.websocket.handshakes[0]!.headers).toMatchObject({
      'session-id': 'conv-a',
      'thread-id': 'conv-a',
      'x-client-request-id': 'conv-a',
      'x-codex-window-id': 'conv-a:0',
      'x-codex-routing-hint': 'model=gpt-5.3-codex',
    });
    const frames = responses();
    expect(frames).toHaveLength(6);
    expect(frames.map(f => f.body.previous_response_id != null)).toEqual([
      false,
      true,
      true,
      true,
      true,
      true,
    ]);
    const turnIds = frames.map(turnIdOf);
    expect(turnIds[3]).not.toBe(turnIds[2]);
    expect(turnIds[4]).toBe(turnIds[3]);
  });

  it("sends a turn's state on the upgrade of a socket opened within that turn, never in a later turn", async () => {
    // every tool run closes the sockets, so each step after a tool opens a new one
    const turnStates = () => emu.websocket.handshakes.map(h => h.headers['x-codex-turn-state']);
    await twoTurns(createCodex(ws()), { onRun: () => emu.websocket.closeAll() });
    // turn 1: a new socket (A issued), then a new one per later step, each with A; turn 2
    // starts on turn 1's last socket (no tool closed it), whose A is not turn 2's; its later
    // steps open sockets without, then with the B issued to the first of them
    expect(byAppearance(turnStates())).toEqual(['-', 'A', 'A', '-', 'B']);
  });

  it("does not take a reused socket's upgrade answer for a later turn's state", async () => {
    const provider = createCodex(ws());
    const messages: ModelMessage[] = [{ role: 'user', content: 'Hi' }];
    const turn = async (onRun?: () => void) => {
      const result = await generateText({
        model: provider('gpt-5.3-codex'),
        messages,
        tools: tools(onRun),
        stopWhen: stepCountIs(5),
      });
      messages.push(...result.response.messages, { role: 'user', content: 'More?' });
    };
    await turn();
    // turn 2 starts on turn 1's socket (whose upgrade answer said ts_emu_1); its tools then
    // close the sockets, so its later steps open new ones
    await turn(() => emu.websocket.closeAll());
    const states = emu.websocket.handshakes.map(h => h.headers['x-codex-turn-state']);
    expect(byAppearance(states)).toEqual(['-', '-', 'A']);
  });
});
