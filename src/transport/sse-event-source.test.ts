import { describe, expect, it } from 'vitest';
import type { CodexEvent } from '../wire/codex-events';
import { createSseEventSource } from './sse-event-source';

const encoder = new TextEncoder();

/** Every event of a body sent in these chunks, grouped by the read that delivered them. */
async function readAll(chunks: Array<string | Uint8Array>) {
  const body = new ReadableStream<Uint8Array>({
    start(controller) {
      for (const chunk of chunks) {
        controller.enqueue(typeof chunk === 'string' ? encoder.encode(chunk) : chunk);
      }
      controller.close();
    },
  });
  let events: CodexEvent[] = [];
  const source = createSseEventSource(body, event => events.push(event));
  const reads: Array<{ result: 'more' | 'end'; events: CodexEvent[] }> = [];
  for (;;) {
    const result = await source.read();
    reads.push({ result, events });
    events = [];
    if (result === 'end') return reads;
  }
}

describe('createSseEventSource', () => {
  it('hands over JSON object payloads only: not [DONE], unparsable or other JSON values', async () => {
    const payloads = ['[DONE]', '{"type":', '42', '"text"', 'true', 'null', '{"type":"a"}'];
    const body = payloads.map(data => `data: ${data}\n\n`).join('');
    expect(await readAll([body])).toEqual([
      { result: 'more', events: [{ type: 'a' }] },
      { result: 'end', events: [] },
    ]);
  });

  it('hands over each event in the read that completes it, the last one even without its blank line', async () => {
    expect(
      await readAll(['data: {"type":"a"}\n\ndata: {"ty', 'pe":"b"}\n\n', 'data: {"type":"c"}\n']),
    ).toEqual([
      { result: 'more', events: [{ type: 'a' }] },
      { result: 'more', events: [{ type: 'b' }] },
      { result: 'more', events: [] },
      { result: 'end', events: [{ type: 'c' }] },
    ]);
  });

  it('decodes a character split across reads', async () => {
    const bytes = encoder.encode('data: {"type":"ü"}\n\n');
    const cut = bytes.indexOf(0xc3) + 1;
    const reads = await readAll([bytes.subarray(0, cut), bytes.subarray(cut)]);
    expect(reads.flatMap(read => read.events)).toEqual([{ type: 'ü' }]);
  });

  it('skips lines of unknown fields and a bad retry, as the SSE standard says', async () => {
    const body = 'x-proxy: hi\nretry: soon\ndata: {"type":"a"}\n\n';
    expect((await readAll([body])).flatMap(read => read.events)).toEqual([{ type: 'a' }]);
  });

  it('fails the read that takes an event past 32 MiB, naming the limit', async () => {
    const line = `data: "${'x'.repeat(2 ** 20)}`;
    const chunks = Array.from({ length: 33 }, () => line);
    await expect(readAll(chunks)).rejects.toThrow(
      "an event of the Codex stream was larger than 32 MiB, this package's limit",
    );
  });
});
