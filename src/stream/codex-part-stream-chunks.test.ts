import type { LanguageModelV2StreamPart } from '@ai-sdk/provider';
import { describe, expect, it } from 'vitest';
import {
  itemAdded,
  itemDone,
  loadFixture,
  responseCompleted,
  toSSE,
} from '../../test/support/codex-events';
import { partStream, run } from '../../test/support/part-stream-run';

// How the part stream reads its body: raw chunks, parts going out as bytes arrive, events cut
// at any byte, and a 10 MB body read only as far ahead as the reader.

const encoder = new TextEncoder();

/** A body the test writes to while the part stream reads it, as a server streaming live. */
function liveBody() {
  let controller!: ReadableStreamDefaultController<Uint8Array>;
  const live = {
    cancelled: false,
    body: new ReadableStream<Uint8Array>({
      start(c) {
        controller = c;
      },
      cancel() {
        live.cancelled = true;
      },
    }),
    push: (sse: string) => controller.enqueue(encoder.encode(sse)),
    end: () => controller.close(),
  };
  return live;
}

describe('createCodexPartStream', () => {
  it('emits raw parts when includeRawChunks is set', async () => {
    const parts = await run(loadFixture('text'), { includeRawChunks: true });
    const raw = parts.filter(p => p.type === 'raw');
    expect(raw.length).toBeGreaterThan(5);
    expect(raw[0]).toMatchObject({ rawValue: { type: 'response.created' } });
    expect((await run(loadFixture('text'))).some(p => p.type === 'raw')).toBe(false);
  });

  it('streams tool-call arguments as they arrive, announcing the call first', async () => {
    const live = liveBody();
    const reader = partStream(live.body).getReader();
    const next = async () => (await reader.read()).value;
    expect(await next()).toEqual({ type: 'stream-start', warnings: [] });
    live.push(
      toSSE([
        itemAdded(0, { id: 'fc_1', type: 'function_call', call_id: 'call_1', name: 'getWeather' }),
        {
          type: 'response.function_call_arguments.delta',
          output_index: 0,
          item_id: 'fc_1',
          delta: '{"city":',
        },
      ]),
    );
    expect(await next()).toEqual({
      type: 'tool-input-start',
      id: 'call_1',
      toolName: 'getWeather',
    });
    expect(await next()).toEqual({ type: 'tool-input-delta', id: 'call_1', delta: '{"city":' });
    live.push(
      toSSE([
        {
          type: 'response.function_call_arguments.delta',
          output_index: 0,
          item_id: 'fc_1',
          delta: '"Paris"}',
        },
      ]),
    );
    // the second half goes out before the server has finished the call
    expect(await next()).toEqual({ type: 'tool-input-delta', id: 'call_1', delta: '"Paris"}' });
    live.push(
      toSSE([
        itemDone(0, {
          id: 'fc_1',
          type: 'function_call',
          call_id: 'call_1',
          name: 'getWeather',
          arguments: '{"city":"Paris"}',
        }),
        responseCompleted({ id: 'r' }),
      ]),
    );
    live.end();
    const rest: LanguageModelV2StreamPart[] = [];
    for (let r = await reader.read(); !r.done; r = await reader.read()) rest.push(r.value);
    // no second copy of the arguments from output_item.done
    expect(rest).toEqual([
      { type: 'tool-input-end', id: 'call_1' },
      {
        type: 'tool-call',
        toolCallId: 'call_1',
        toolName: 'getWeather',
        input: '{"city":"Paris"}',
      },
      expect.objectContaining({ type: 'finish', finishReason: 'tool-calls' }),
    ]);
  });

  describe('chunk boundaries', () => {
    const fixtures = ['text', 'reasoning-text', 'parallel-tool-calls', 'quirks'];
    // part for part: with coalescing, reads decide how deltas group (test/delta-coalescing.test.ts)
    const exact = { coalesceDeltas: false };

    it.each(fixtures)('gives the same parts for %s split at every byte', async name => {
      const bytes = encoder.encode(loadFixture(name));
      const expected = await run([bytes], exact);
      // every split point of a two-chunk delivery, including inside multi-byte characters
      for (let i = 1; i < bytes.length; i += 1) {
        const parts = await run([bytes.subarray(0, i), bytes.subarray(i)], exact);
        if (JSON.stringify(parts) !== JSON.stringify(expected)) {
          throw new Error(`split at byte ${i} changed the parts`);
        }
      }
      // and one byte at a time
      const single = Array.from(bytes, b => Uint8Array.of(b));
      expect(await run(single, exact)).toEqual(expected);
    });
  });

  it('streams 10 MB reading only as far ahead as the reader, and keeps every delta', async () => {
    const delta = 'Lorem ipsum dolor sit amet, consectetur adipiscing elit — ünï 😀. ';
    const head = encoder.encode(
      toSSE([
        {
          type: 'response.created',
          response: { id: 'big', model: 'gpt-5.3-codex', created_at: 1 },
        },
        itemAdded(0, { id: 'msg_big', type: 'message' }),
      ]),
    );
    const deltaEvent = encoder.encode(
      toSSE([
        {
          type: 'response.output_text.delta',
          item_id: 'msg_big',
          output_index: 0,
          content_index: 0,
          delta,
        },
      ]),
    );
    const count = Math.ceil((10 * 1024 * 1024) / deltaEvent.length);
    const tail = encoder.encode(toSSE([responseCompleted({ id: 'big' })]));
    // 4 KB-ish network chunks that cut events (and characters) anywhere, made on demand
    const CHUNK = 4093;
    const total = count * deltaEvent.length;
    let sent = -1; // the head goes first
    let pulledBytes = 0;
    const body = new ReadableStream<Uint8Array>(
      {
        pull(controller) {
          let chunk: Uint8Array;
          if (sent === -1) chunk = head;
          else if (sent >= total) {
            if (sent > total) return controller.close();
            chunk = tail;
          } else {
            const size = Math.min(CHUNK, total - sent);
            chunk = new Uint8Array(size);
            for (let i = 0; i < size; i++) chunk[i] = deltaEvent[(sent + i) % deltaEvent.length]!;
          }
          sent = sent === -1 ? 0 : sent >= total ? total + 1 : sent + chunk.length;
          pulledBytes += chunk.length;
          controller.enqueue(chunk);
        },
      },
      { highWaterMark: 0 },
    );
    const reader = partStream(body).getReader();
    let parts = 0;
    let deltas = 0; // backend deltas taken: a coalesced part holds several
    let chars = 0;
    let furthestAhead = 0;
    let finish: LanguageModelV2StreamPart | undefined;
    for (let r = await reader.read(); !r.done; r = await reader.read()) {
      if (r.value.type === 'text-delta') {
        parts++;
        chars += r.value.delta.length;
        const joined = r.value.delta.length / delta.length;
        // whole deltas, joined: a part never ends inside one
        if (r.value.delta !== delta.repeat(joined)) throw new Error('corrupted delta');
        deltas += joined;
        // bytes read from the body beyond the deltas the reader has taken
        furthestAhead = Math.max(
          furthestAhead,
          pulledBytes - head.length - deltas * deltaEvent.length,
        );
      } else if (r.value.type === 'finish') finish = r.value;
    }
    expect(chars).toBe(count * delta.length);
    expect(deltas).toBe(count);
    // ~4 KB reads of ~220-byte events: about one part per read instead of one per event
    expect(parts).toBeLessThan(count / 10);
    expect(finish).toMatchObject({ finishReason: 'stop' });
    // a stream that buffered the body would be megabytes ahead; this one stays within a read
    expect(furthestAhead).toBeLessThanOrEqual(2 * CHUNK);
  });
});
