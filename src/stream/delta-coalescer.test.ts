import type { LanguageModelV2CallWarning, LanguageModelV2StreamPart } from '@ai-sdk/provider';
import { convertReadableStreamToArray } from '@ai-sdk/provider-utils/test';
import { describe, expect, it } from 'vitest';
import { responseEvents } from '../../test/support/codex-events';
import type { CodexEvent } from '../wire/codex-events';
import { v2OutputShape } from '../ai-sdk/v2-output-shape';
import { createCodexPartStream } from './codex-part-stream';
import { coalescingSink } from './delta-coalescer';

type Part = { type: string; id?: string; delta?: string };

function sinkOutput(parts: Part[], flushAfter: number[] = []) {
  const out: Part[] = [];
  const sink = coalescingSink<Part>(p => out.push({ ...p }));
  parts.forEach((part, i) => {
    sink.push({ ...part });
    if (flushAfter.includes(i)) sink.flush();
  });
  sink.flush();
  return out;
}

describe('coalescingSink', () => {
  it('joins adjacent deltas of one type and id, and nothing else', () => {
    expect(
      sinkOutput([
        { type: 'text-delta', id: 'a', delta: '1' },
        { type: 'text-delta', id: 'a', delta: '2' },
        { type: 'text-delta', id: 'b', delta: '3' },
        { type: 'reasoning-delta', id: 'b', delta: '4' },
        { type: 'reasoning-delta', id: 'b', delta: '5' },
        { type: 'text-end', id: 'a' },
        { type: 'tool-input-delta', id: 'c', delta: '{' },
        { type: 'tool-input-delta', id: 'c', delta: '}' },
        { type: 'tool-input-end', id: 'c' },
      ]),
    ).toEqual([
      { type: 'text-delta', id: 'a', delta: '12' },
      { type: 'text-delta', id: 'b', delta: '3' },
      { type: 'reasoning-delta', id: 'b', delta: '45' },
      { type: 'text-end', id: 'a' },
      { type: 'tool-input-delta', id: 'c', delta: '{}' },
      { type: 'tool-input-end', id: 'c' },
    ]);
  });

  it('lets a flush end the run and holds nothing past it', () => {
    const out: Part[] = [];
    const sink = coalescingSink<Part>(p => out.push(p));
    sink.push({ type: 'text-delta', id: 'a', delta: '1' });
    expect(out).toEqual([]); // a run may still grow until the read ends…
    sink.flush();
    expect(out).toEqual([{ type: 'text-delta', id: 'a', delta: '1' }]); // …then it leaves
    sink.push({ type: 'text-delta', id: 'a', delta: '2' });
    sink.flush();
    sink.flush();
    expect(out.map(p => p.delta)).toEqual(['1', '2']);
  });
});

// The part stream knows reads, not SSE: a message-framed transport (a WebSocket delivering
// the frames it has queued) gets the same coalescing.
describe('createCodexPartStream over a frame-based source', () => {
  function framedStream(reads: CodexEvent[][], coalesceDeltas?: boolean) {
    let next = 0;
    const connection = {
      responseHeaders: {},
      openEvents: (onEvent: (event: CodexEvent) => void) => ({
        async read(): Promise<'more' | 'end'> {
          if (next === reads.length) return 'end';
          for (const event of reads[next++]!) onEvent(event);
          return 'more';
        },
        cancel() {},
      }),
      abort() {},
      release() {},
    };
    return convertReadableStreamToArray(
      createCodexPartStream<
        Extract<LanguageModelV2StreamPart, { type: 'finish' }>,
        LanguageModelV2CallWarning
      >(connection, {
        warnings: [],
        finishPart: v2OutputShape(undefined).finishPart,
        includeRawChunks: false,
        coalesceDeltas,
        generateId: () => 'gen',
        request: { url: 'ws://test', body: {} },
      }),
    );
  }

  const events = responseEvents({
    output: [{ type: 'message', text: 'one two three four five', id: 'msg_f' }],
  }) as CodexEvent[];
  const deltaAt = events.findIndex(e => e.type === 'response.output_text.delta');
  // the head in one read, then two reads of 2 and 3 deltas, then the rest
  const reads = [
    events.slice(0, deltaAt),
    events.slice(deltaAt, deltaAt + 2),
    events.slice(deltaAt + 2, deltaAt + 5),
    events.slice(deltaAt + 5),
  ];

  it('emits one text-delta per read', async () => {
    const parts = await framedStream(reads);
    expect(parts.filter(p => p.type === 'text-delta')).toEqual([
      { type: 'text-delta', id: 'msg_f', delta: 'one two ' },
      { type: 'text-delta', id: 'msg_f', delta: 'three four five' },
    ]);
  });

  it('emits one text-delta per event with coalesceDeltas: false', async () => {
    const parts = await framedStream(reads, false);
    expect(parts.filter(p => p.type === 'text-delta').map(p => (p as Part).delta)).toEqual([
      'one ',
      'two ',
      'three ',
      'four ',
      'five',
    ]);
  });
});
