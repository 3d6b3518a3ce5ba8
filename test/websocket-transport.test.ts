import { execFile } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { generateText, stepCountIs, streamText, tool, type ModelMessage } from 'ai';
import * as ai6 from 'ai-v6';
import * as ai7 from 'ai-v7';
import { describe, expect, it } from 'vitest';
import { z } from 'zod/v4';
import { createCodex, type CodexProviderSettings } from '../src';
import { createCodex as createCodexV3 } from '../src/v3';
import { createCodex as createCodexV4 } from '../src/v4';
import { responseEvents } from './support/codex-events';
import type { RecordedRequest } from './support/codex-emulator';
import { useCodexEmulator } from './support/use-codex-emulator';

// `transport: 'websocket'` through the public API, against the emulator's WebSocket side,
// which rebuilds every incremental request and checks it as it checks HTTP bodies.

const emu = useCodexEmulator();

const settings = (extra: CodexProviderSettings = {}): CodexProviderSettings => ({
  baseURL: emu.baseURL,
  auth: { accessToken: 'at-SECRET-ws', accountId: 'acct-ws' },
  transport: 'websocket',
  sessionId: 'session-ws',
  ...extra,
});

/** Three tools: the emulator calls one per step, then sums up, so a loop has four steps. */
const tools = {
  getWeather: tool({
    description: 'Weather for a city',
    inputSchema: z.object({ city: z.string() }),
    execute: async ({ city }) => `sunny in ${city}`,
  }),
  getTime: tool({
    description: 'Local time in a city',
    inputSchema: z.object({ city: z.string() }),
    execute: async ({ city }) => `noon in ${city}`,
  }),
  getNews: tool({
    description: 'Headlines for a city',
    inputSchema: z.object({ city: z.string() }),
    execute: async ({ city }) => `all quiet in ${city}`,
  }),
};

const frames = () => emu.requests.filter(r => r.transport === 'websocket');
const posts = () => emu.requests.filter(r => r.method === 'POST');
const responseIds = (result: { steps: Array<{ response: { id: string } }> }) =>
  result.steps.map(s => s.response.id);

function toolLoop(provider = createCodex(settings()), system = 'Be brief.') {
  return generateText({
    model: provider('gpt-5.3-codex'),
    system,
    prompt: 'Weather, time and news in Paris?',
    tools,
    stopWhen: stepCountIs(6),
  });
}

describe("transport: 'websocket'", () => {
  it('opens the socket with the HTTP credential and identity headers plus the beta', async () => {
    const call = (transport: 'sse' | 'websocket') =>
      generateText({
        model: createCodex(settings({ originator: 'my-agent', transport }))('gpt-5.3-codex'),
        prompt: 'Hi',
        headers: { 'x-app': 'demo' },
      });
    await call('sse');
    await call('websocket');
    expect(posts()).toHaveLength(1);
    expect(emu.websocket.handshakes).toHaveLength(1);
    const { path, headers } = emu.websocket.handshakes[0]!;
    expect(path).toBe('/backend-api/codex/responses');
    expect(headers).toMatchObject({
      authorization: 'Bearer at-SECRET-ws',
      'chatgpt-account-id': 'acct-ws',
      originator: 'my-agent',
      'session-id': 'session-ws',
      session_id: 'session-ws',
      'x-app': 'demo',
      'openai-beta': 'responses_websockets=2026-02-06',
    });
    const http = posts()[0]!.headers;
    for (const name of ['authorization', 'chatgpt-account-id', 'originator', 'user-agent']) {
      expect(headers[name], name).toBe(http[name]);
    }
    expect(headers).not.toHaveProperty('content-type');
  });

  it('sends the full input first, then only the new items of each tool-loop step', async () => {
    const result = await toolLoop();
    expect(result.steps).toHaveLength(4);
    expect(result.text).toBe(
      'The getWeather tool returned sunny in Paris. The getTime tool returned noon in Paris. The getNews tool returned all quiet in Paris.',
    );
    expect(emu.websocket.handshakes).toHaveLength(1);

    const sent = frames();
    expect(sent).toHaveLength(4);
    expect(sent[0]!.body).toMatchObject({ type: 'response.create', model: 'gpt-5.3-codex' });
    expect(sent[0]!.body).not.toHaveProperty('previous_response_id');
    expect(sent[0]!.body.input.map((i: { type: string }) => i.type)).toEqual(['message']);
    const ids = responseIds(result);
    for (let turn = 1; turn < 4; turn++) {
      expect(sent[turn]!.body.previous_response_id).toBe(ids[turn - 1]);
      expect(sent[turn]!.body.input).toEqual([
        expect.objectContaining({ type: 'function_call_output' }),
      ]);
    }
  });

  it('builds on the server exactly the input the same loop sends over HTTP', async () => {
    await toolLoop(createCodex(settings({ transport: 'sse' })));
    const overHttp = posts().map(r => r.body);
    emu.requests.length = 0;
    await toolLoop();
    const overSocket = frames().map(r => r.resolvedBody);
    expect(overSocket).toHaveLength(overHttp.length);
    for (let turn = 0; turn < overHttp.length; turn++) {
      // the emulator numbers its answers and draws fresh call ids, so the two runs differ
      // there: each call id becomes its place in the input, which keeps the pairing checked
      const normalise = (input: unknown) => {
        const calls: string[] = [];
        return JSON.stringify(input)
          .replace(/enc:emulator:\d+/g, 'enc')
          .replace(/call_[A-Za-z0-9]{24}/g, id => {
            if (!calls.includes(id)) calls.push(id);
            return `call ${calls.indexOf(id)}`;
          });
      };
      expect(normalise(overSocket[turn]!.input)).toBe(normalise(overHttp[turn]!.input));
    }
  });

  it('sends the full input when the instructions or the tools change', async () => {
    const provider = createCodex(settings());
    const model = provider('gpt-5.3-codex');
    const first = await generateText({ model, system: 'Be brief.', prompt: 'One' });
    const history: ModelMessage[] = [
      { role: 'user', content: 'One' },
      ...first.response.messages,
      { role: 'user', content: 'Two' },
    ];
    // same instructions: an increment
    const second = await generateText({ model, system: 'Be brief.', messages: history });
    const again: ModelMessage[] = [
      ...history,
      ...second.response.messages,
      { role: 'user', content: 'Three' },
    ];
    // other instructions
    await generateText({ model, system: 'Be verbose.', messages: again });
    // other tools
    await generateText({ model, system: 'Be verbose.', messages: again, tools });

    const sent = frames();
    expect(sent).toHaveLength(4);
    expect(sent[1]!.body.previous_response_id).toBe(first.response.id);
    expect(sent[1]!.body.input).toHaveLength(1);
    for (const frame of sent.slice(2)) {
      expect(frame.body).not.toHaveProperty('previous_response_id');
      expect(frame.body.input).toEqual(frame.resolvedBody.input);
      expect(frame.body.input.length).toBeGreaterThan(4);
    }
    expect(emu.websocket.handshakes).toHaveLength(1);
  });

  it('falls back to HTTP for good when the upgrade is refused, with one warning', async () => {
    emu.websocket.rejectHandshake = () => ({ status: 426, body: { detail: 'Use HTTP' } });
    const provider = createCodex(settings());
    const first = await generateText({ model: provider('gpt-5.3-codex'), prompt: 'One' });
    const second = await generateText({ model: provider('gpt-5.3-codex'), prompt: 'Two' });
    const stream = streamText({ model: provider('gpt-5.3-codex'), prompt: 'Three' });
    expect(await stream.text).toContain('Three');

    expect(first.text).toContain('One');
    expect(first.warnings).toEqual([
      {
        type: 'other',
        message: expect.stringMatching(/refused the WebSocket upgrade \(HTTP 426\).*HTTP \(SSE\)/),
      },
    ]);
    expect(second.warnings).toEqual([]);
    expect(await stream.warnings).toEqual([]);
    expect(emu.websocket.handshakes).toHaveLength(1);
    expect(posts()).toHaveLength(3);
  });

  it('renews credentials after a 401 on the upgrade instead of falling back', async () => {
    const tokens = ['at-SECRET-old', 'at-SECRET-new'];
    emu.acceptToken = token => token === 'at-SECRET-new';
    const provider = createCodex(settings({ auth: () => ({ accessToken: tokens.shift()! }) }));
    const result = await generateText({ model: provider('gpt-5.3-codex'), prompt: 'Hi' });
    expect(result.text).toContain('Hi');
    expect(result.warnings).toEqual([]);
    expect(emu.websocket.handshakes.map(h => h.status)).toEqual([401, 101]);
    expect(posts()).toHaveLength(0);
  });

  it('retries a socket that closes before any content on a fresh socket with the full input', async () => {
    const provider = createCodex(settings({ initialRetryDelayMs: 1 }));
    const model = provider('gpt-5.3-codex');
    const first = await generateText({ model, prompt: 'One' });
    let n = 0;
    emu.inject = () =>
      ++n === 1
        ? {
            kind: 'sse',
            events: responseEvents({ output: [{ type: 'message', text: 'lost' }] }),
            closeAfterEvents: 2, // response.created and in_progress: no content yet
          }
        : undefined;
    const stream = streamText({
      model,
      messages: [
        { role: 'user', content: 'One' },
        ...first.response.messages,
        { role: 'user', content: 'Two' },
      ],
    });
    const parts: string[] = [];
    for await (const part of stream.fullStream) parts.push(part.type);
    expect(parts).not.toContain('error');
    expect(await stream.text).toBe('Hello from the Codex emulator! You said: "Two"');

    const sent = frames();
    expect(sent).toHaveLength(3);
    expect(sent[1]!.body.previous_response_id).toBe(first.response.id);
    expect(sent[2]!.socket).not.toBe(sent[1]!.socket);
    expect(sent[2]!.body).not.toHaveProperty('previous_response_id');
    expect(sent[2]!.body.input).toHaveLength(4);
  });

  it('ends with an error part, never duplicated text, when the socket closes after content', async () => {
    emu.enqueue({
      kind: 'sse',
      events: responseEvents({
        output: [
          {
            type: 'message',
            text: 'one two three four five six',
            chunks: ['one ', 'two ', 'three ', 'four ', 'five ', 'six'],
          },
        ],
      }),
      closeAfterEvents: 8,
    });
    const stream = streamText({
      model: createCodex(settings({ initialRetryDelayMs: 1 }))('gpt-5.3-codex'),
      prompt: 'Hi',
      onError: () => {},
    });
    const errors: unknown[] = [];
    let text = '';
    for await (const part of stream.fullStream) {
      if (part.type === 'text-delta') text += part.text;
      if (part.type === 'error') errors.push(part.error);
    }
    // events 4–7 are the first four deltas; the socket dies before the fifth
    expect(text).toBe('one two three four ');
    expect(errors).toHaveLength(1);
    expect(String((errors[0] as Error).message)).toMatch(/stream_interrupted.*WebSocket closed/);
    expect(frames()).toHaveLength(1);
  });

  it('reconnects with the full input when the socket reached its age limit', async () => {
    const model = createCodex(settings())('gpt-5.3-codex');
    const first = await generateText({ model, prompt: 'One' });
    emu.websocket.ageOutOpenSockets();
    const second = await generateText({
      model,
      messages: [
        { role: 'user', content: 'One' },
        ...first.response.messages,
        { role: 'user', content: 'Two' },
      ],
    });
    expect(second.text).toContain('Two');
    const sent = frames();
    expect(sent).toHaveLength(3);
    expect(sent[1]!.body.previous_response_id).toBe(first.response.id);
    expect(sent[2]!.body).not.toHaveProperty('previous_response_id');
    expect(sent[2]!.socket).not.toBe(sent[1]!.socket);
    expect(emu.websocket.handshakes).toHaveLength(2);
  });

  it('ends the stream at once on abort and closes that socket', async () => {
    emu.enqueue({
      kind: 'sse',
      events: responseEvents({
        output: [
          { type: 'message', text: Array.from({ length: 50 }, (_, i) => `w${i} `).join('') },
        ],
      }),
      delayMs: 40,
    });
    const openBefore = emu.websocket.openSockets;
    const controller = new AbortController();
    const stream = streamText({
      model: createCodex(settings())('gpt-5.3-codex'),
      prompt: 'Hi',
      abortSignal: controller.signal,
      onError: () => {},
    });
    let abortedAt = 0;
    const kinds: string[] = [];
    for await (const part of stream.fullStream) {
      kinds.push(part.type);
      if (part.type === 'text-delta' && abortedAt === 0) {
        abortedAt = performance.now();
        controller.abort();
      }
    }
    expect(performance.now() - abortedAt).toBeLessThan(500);
    expect(kinds).toContain('abort');
    // the socket that carried it is gone; others (idle, of earlier tests) stay
    await waitFor(() => emu.websocket.openSockets === openBefore);
  });

  it('gives concurrent conversations their own sockets and increments', async () => {
    const provider = createCodex(settings());
    const loop = (key: string) =>
      generateText({
        model: provider('gpt-5.3-codex'),
        prompt: `Weather, time and news for ${key}?`,
        tools,
        stopWhen: stepCountIs(6),
        providerOptions: { codex: { promptCacheKey: key } },
      });
    const [a, b] = await Promise.all([loop('conv-a'), loop('conv-b')]);
    expect(a.steps).toHaveLength(4);
    expect(b.steps).toHaveLength(4);
    const bySocket = new Map<number, RecordedRequest[]>();
    for (const frame of frames()) {
      bySocket.set(frame.socket!, [...(bySocket.get(frame.socket!) ?? []), frame]);
    }
    expect(bySocket.size).toBe(2);
    for (const list of bySocket.values()) {
      expect(new Set(list.map(f => f.body.prompt_cache_key)).size).toBe(1);
      expect(list.slice(1).every(f => f.body.previous_response_id != null)).toBe(true);
    }
  });

  it.each([
    ['ai@6 + /v3', ai6.generateText, createCodexV3],
    ['ai@7 + /v4', ai7.generateText, createCodexV4],
  ] as const)('%s: the tool loop sends increments too', async (_, generate, create) => {
    const provider = create(settings()) as unknown as ReturnType<typeof createCodex>;
    const result = await (generate as unknown as typeof generateText)({
      model: provider('gpt-5.3-codex'),
      prompt: 'Weather, time and news in Paris?',
      tools,
      stopWhen: stepCountIs(6),
    });
    expect(result.steps).toHaveLength(4);
    const sent = frames();
    expect(sent).toHaveLength(4);
    expect(sent.slice(1).map(f => f.body.input.length)).toEqual([1, 1, 1]);
    expect(sent.slice(1).every(f => f.body.previous_response_id != null)).toBe(true);
  });

  it('lets the process exit right after the last call', async () => {
    const child = fileURLToPath(new URL('./support/websocket-tool-loop-child.ts', import.meta.url));
    const started = Date.now();
    const { stdout, exitedAt } = await new Promise<{ stdout: string; exitedAt: number }>(
      (resolve, reject) => {
        execFile(
          process.execPath,
          ['--import', 'tsx', child],
          { env: { ...process.env, BASE_URL: emu.baseURL }, timeout: 30_000 },
          (error, stdout) => (error ? reject(error) : resolve({ stdout, exitedAt: Date.now() })),
        );
      },
    );
    const done = /^done (\d+) (\d+)$/m.exec(stdout);
    expect(done, stdout).not.toBeNull();
    expect(Number(done![2])).toBe(2); // a two-step loop over one socket
    const doneAt = Number(done![1]);
    expect(doneAt).toBeGreaterThan(started);
    expect(exitedAt - doneAt).toBeLessThan(3000);
    expect(emu.websocket.handshakes).toHaveLength(1);
  });
});

async function waitFor(condition: () => boolean, ms = 2000) {
  const until = Date.now() + ms;
  while (!condition()) {
    if (Date.now() > until) throw new Error('condition not met in time');
    await new Promise(r => setTimeout(r, 10));
  }
}
