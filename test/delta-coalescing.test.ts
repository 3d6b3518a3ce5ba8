import { readdirSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import {
  InvalidArgumentError,
  type LanguageModelV2CallOptions,
  type LanguageModelV2StreamPart,
} from '@ai-sdk/provider';
import { convertReadableStreamToArray } from '@ai-sdk/provider-utils/test';
import { describe, expect, it } from 'vitest';
import { createCodex, type CodexProviderSettings } from '../src';
import { loadFixture } from './support/codex-emulator';
import { useCodexEmulator } from './support/use-codex-emulator';
import { itemAdded, itemDone, toSSE, type CodexEvent } from './support/codex-events';

// Coalescing through the public API: a `fetch` that hands the body out in chosen chunks,
// each of which the provider gets as one network read.

const encoder = new TextEncoder();
const hi: LanguageModelV2CallOptions = {
  prompt: [{ role: 'user', content: [{ type: 'text', text: 'Hi' }] }],
};
const DELTAS = new Set(['text-delta', 'reasoning-delta', 'tool-input-delta']);
type Part = LanguageModelV2StreamPart;
type Delta = Extract<Part, { type: 'text-delta' | 'reasoning-delta' | 'tool-input-delta' }>;

function fetchServing(chunks: string[]): typeof fetch {
  return (async () => {
    const body = new ReadableStream<Uint8Array>({
      start(controller) {
        for (const chunk of chunks) controller.enqueue(encoder.encode(chunk));
        controller.close();
      },
    });
    return new Response(body, { headers: { 'content-type': 'text/event-stream' } });
  }) as typeof fetch;
}

async function streamParts(
  chunks: string[],
  settings: CodexProviderSettings = {},
  options: Partial<LanguageModelV2CallOptions> = {},
): Promise<Part[]> {
  const model = createCodex({
    baseURL: 'http://codex.test/backend-api/codex',
    auth: { accessToken: 'test-token' },
    maxRetries: 0,
    fetch: fetchServing(chunks),
    ...settings,
  })('gpt-5.3-codex');
  const { stream } = await model.doStream({ ...hi, ...options });
  return convertReadableStreamToArray(stream);
}

/** Ways a body can arrive: whole, one event per read, and cut anywhere. */
const chunkings: Record<string, (body: string) => string[]> = {
  'one read': body => [body],
  // an event ends at a blank line, whichever line ending the body uses
  'one event per read': body => body.split(/(?<=\r\n\r\n|\n\n|\r\r)/),
  'reads cut anywhere': body => {
    const out: string[] = [];
    let seed = 11;
    for (let i = 0; i < body.length;) {
      seed = (seed * 1103515245 + 12345) & 0x7fffffff;
      const size = 1 + (seed % 700);
      out.push(body.slice(i, i + size));
      i += size;
    }
    return out;
  },
};

/**
 * What a consumer can rely on: every non-delta part as it was, and between them each run
 * of adjacent deltas of one type and id with its text joined. Ids are renamed in order of
 * appearance (ids the provider generates are random per call), errors reduced to messages.
 */
function normalized(parts: Part[]) {
  const ids = new Map<string, string>();
  const id = (value: string) => {
    if (!ids.has(value)) ids.set(value, `#${ids.size}`);
    return ids.get(value)!;
  };
  const out: Array<Record<string, unknown>> = [];
  for (const part of parts) {
    const copy: Record<string, unknown> = { ...part };
    if ('id' in part && typeof part.id === 'string') copy.id = id(part.id);
    if ('toolCallId' in part && typeof part.toolCallId === 'string')
      copy.toolCallId = id(part.toolCallId);
    if (part.type === 'error') copy.error = String((part.error as Error).message);
    const last = out.at(-1);
    if (DELTAS.has(part.type) && last?.type === part.type && last.id === copy.id) {
      last.delta = `${last.delta as string}${(part as Delta).delta}`;
    } else out.push(copy);
  }
  return out;
}

/** The joined text of every block, by type and id. */
function contentById(parts: Part[]) {
  const content: Record<string, string> = {};
  for (const part of parts) {
    if (!DELTAS.has(part.type)) continue;
    const { type, id, delta } = part as Delta;
    content[`${type} ${id}`] = (content[`${type} ${id}`] ?? '') + delta;
  }
  return content;
}

const deltaCount = (parts: Part[]) => parts.filter(p => DELTAS.has(p.type)).length;

const fixtures = readdirSync(fileURLToPath(new URL('./fixtures/', import.meta.url)))
  .filter(name => name.endsWith('.sse'))
  .map(name => name.slice(0, -'.sse'.length));

describe('delta coalescing', () => {
  it('covers every fixture', () => {
    expect(fixtures.length).toBeGreaterThanOrEqual(9);
  });

  describe.each(fixtures)('fixture %s', name => {
    const body = loadFixture(name);

    it.each(Object.keys(chunkings))(
      'keeps content, blocks and order identical when the body arrives as %s',
      async chunking => {
        const chunks = chunkings[chunking]!(body);
        const separate = await streamParts(chunks, { coalesceDeltas: false });
        const coalesced = await streamParts(chunks);
        expect(normalized(coalesced)).toEqual(normalized(separate));
        expect(contentById(coalesced)).toEqual(contentById(separate));
        expect(deltaCount(coalesced)).toBeLessThanOrEqual(deltaCount(separate));
      },
    );

    it('yields exactly the uncoalesced parts when every read holds one event', async () => {
      const chunks = chunkings['one event per read']!(body);
      const separate = await streamParts(chunks, { coalesceDeltas: false });
      const coalesced = await streamParts(chunks);
      expect(normalized(coalesced)).toEqual(normalized(separate));
      // part for part, not just after joining runs
      expect(coalesced.map(p => p.type)).toEqual(separate.map(p => p.type));
      expect(coalesced.filter(p => DELTAS.has(p.type))).toEqual(
        separate.filter(p => DELTAS.has(p.type)),
      );
    });
  });

  it('merges the deltas of one read into one part per block', async () => {
    const body = loadFixture('text');
    const separate = await streamParts([body], { coalesceDeltas: false });
    const coalesced = await streamParts([body]);
    expect(deltaCount(separate)).toBeGreaterThan(1);
    expect(coalesced.filter(p => p.type === 'text-delta')).toHaveLength(1);
    expect(contentById(coalesced)).toEqual(contentById(separate));
  });

  it('merges only within a read: a read boundary always ends the run', async () => {
    const body = loadFixture('text');
    const events = chunkings['one event per read']!(body);
    const deltaAt = events.findIndex(e => e.includes('output_text.delta'));
    // the first two deltas in one read, every later event in reads of its own
    const chunks = [events.slice(0, deltaAt + 2).join(''), ...events.slice(deltaAt + 2)];
    const coalesced = await streamParts(chunks);
    const separate = await streamParts(chunks, { coalesceDeltas: false });
    expect(deltaCount(coalesced)).toBe(deltaCount(separate) - 1);
  });

  // two tool calls whose argument deltas interleave, and a text block interrupted by a part
  const call = (n: number, args: string) => ({
    id: `fc_${n}`,
    type: 'function_call',
    call_id: `call_${n}`,
    name: 'f',
    arguments: args,
  });
  const interleaved: CodexEvent[] = [
    {
      type: 'response.created',
      response: { id: 'resp_i', model: 'gpt-5.3-codex', created_at: 1, status: 'in_progress' },
    },
    itemAdded(0, { id: 'msg_1', type: 'message', role: 'assistant', content: [] }),
    textDelta('A'),
    textDelta('B'),
    itemAdded(1, call(1, '')),
    itemAdded(2, call(2, '')),
    textDelta('C'),
    argsDelta(1, '{"a":'),
    argsDelta(1, '1'),
    argsDelta(2, '{"b":'),
    argsDelta(1, '}'),
    argsDelta(2, '2'),
    argsDelta(2, '}'),
    textDelta('D'),
    itemDone(0, {
      id: 'msg_1',
      type: 'message',
      role: 'assistant',
      content: [{ type: 'output_text', text: 'ABCD' }],
    }),
    itemDone(1, call(1, '{"a":1}')),
    itemDone(2, call(2, '{"b":2}')),
    { type: 'response.completed', response: { id: 'resp_i', status: 'completed' } },
  ];

  it('never merges across ids or across another part', async () => {
    const parts = await streamParts([toSSE(interleaved)]);
    const deltas = parts
      .filter(p => DELTAS.has(p.type) || p.type === 'tool-input-start')
      .map(p =>
        p.type === 'tool-input-start'
          ? `start ${p.id}`
          : `${p.type} ${(p as Delta).id} ${(p as Delta).delta}`,
      );
    expect(deltas).toEqual([
      'text-delta msg_1 AB',
      'start call_1',
      'start call_2',
      'text-delta msg_1 C',
      'tool-input-delta call_1 {"a":1',
      'tool-input-delta call_2 {"b":',
      'tool-input-delta call_1 }',
      'tool-input-delta call_2 2}',
      'text-delta msg_1 D',
    ]);
    expect(parts.filter(p => p.type === 'tool-call')).toMatchObject([
      { toolCallId: 'call_1', input: '{"a":1}' },
      { toolCallId: 'call_2', input: '{"b":2}' },
    ]);
  });

  it('merges nothing when raw chunks sit between the deltas', async () => {
    const body = [toSSE(interleaved)];
    const withRaw = { includeRawChunks: true };
    const coalesced = await streamParts(body, {}, withRaw);
    const separate = await streamParts(body, { coalesceDeltas: false }, withRaw);
    expect(coalesced).toEqual(separate);
    expect(deltaCount(coalesced)).toBe(10);
  });

  it('applies to doGenerate too, with the same content', async () => {
    const body = loadFixture('reasoning-text');
    const generate = (settings: CodexProviderSettings) =>
      createCodex({
        baseURL: 'http://codex.test/backend-api/codex',
        auth: { accessToken: 'test-token' },
        fetch: fetchServing([body]),
        ...settings,
      })('gpt-5.3-codex').doGenerate(hi);
    const [coalesced, separate] = await Promise.all([
      generate({}),
      generate({ coalesceDeltas: false }),
    ]);
    expect(coalesced.content).toEqual(separate.content);
  });

  describe("over transport: 'websocket'", () => {
    const emu = useCodexEmulator();
    // the socket's reads group frames as the network delivers them: content and order must
    // match one part per event, however they were grouped
    it.each(['text', 'reasoning-text', 'parallel-tool-calls'])(
      'keeps content and order identical for %s',
      async fixture => {
        const run = async (coalesceDeltas: boolean) => {
          emu.enqueue({ kind: 'sse', fixture });
          const model = createCodex({
            baseURL: emu.baseURL,
            auth: { accessToken: 'test-token' },
            transport: 'websocket',
            coalesceDeltas,
          })('gpt-5.3-codex');
          const { stream } = await model.doStream(hi);
          return convertReadableStreamToArray(stream);
        };
        const separate = await run(false);
        const coalesced = await run(true);
        expect(emu.requests.filter(r => r.transport === 'websocket')).toHaveLength(2);
        expect(normalized(coalesced)).toEqual(normalized(separate));
        expect(contentById(coalesced)).toEqual(contentById(separate));
        const events = loadFixture(fixture).match(/\.delta"/g)!.length;
        expect(deltaCount(separate)).toBe(events);
        expect(deltaCount(coalesced)).toBeLessThanOrEqual(events);
      },
    );
  });

  it.each([['no'], [1], [null]])('rejects coalesceDeltas: %j, naming the setting', value => {
    const create = () => createCodex({ coalesceDeltas: value as never });
    expect(create).toThrow(InvalidArgumentError);
    expect(create).toThrow(/`coalesceDeltas` setting must be true or false/);
  });
});

function textDelta(delta: string): CodexEvent {
  return {
    type: 'response.output_text.delta',
    item_id: 'msg_1',
    output_index: 0,
    content_index: 0,
    delta,
  };
}

function argsDelta(n: number, delta: string): CodexEvent {
  return {
    type: 'response.function_call_arguments.delta',
    item_id: `fc_${n}`,
    output_index: n,
    delta,
  };
}
