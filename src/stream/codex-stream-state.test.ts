import { convertReadableStreamToArray } from '@ai-sdk/provider-utils/test';
import { describe, expect, it } from 'vitest';
import {
  itemAdded,
  itemDone,
  responseCompleted,
  toSSE,
  type CodexEvent,
} from '../../test/support/codex-events';
import { corePartStreamOptions, sseConnection } from '../../test/support/part-stream';
import { createCodexPartStream } from './codex-part-stream';

const encoder = new TextEncoder();

type Part = { type: string; id?: string; [key: string]: unknown };

async function partsOf(events: CodexEvent[]): Promise<Part[]> {
  const body = new ReadableStream<Uint8Array>({
    start(controller) {
      controller.enqueue(encoder.encode(toSSE(events)));
      controller.close();
    },
  });
  let n = 0;
  const stream = createCodexPartStream(
    sseConnection(body),
    corePartStreamOptions({ generateId: () => `gen-${n++}` }),
  );
  return (await convertReadableStreamToArray(stream)) as Part[];
}

const idsOf = (parts: Part[], type: string) => parts.filter(p => p.type === type).map(p => p.id);

/** A message item at `index` with this id, one delta of `text`. */
const message = (index: number, id: unknown, text: string): CodexEvent[] => [
  itemAdded(index, { id, type: 'message' }),
  { type: 'response.output_text.delta', output_index: index, delta: text },
];

describe('part ids', () => {
  it('are the item ids, suffixed with the output index when the backend repeats one', async () => {
    const parts = await partsOf([
      ...message(0, 'dup', 'a'),
      ...message(1, 'dup', 'b'),
      responseCompleted(),
    ]);
    expect(idsOf(parts, 'text-start')).toEqual(['dup', 'dup:1']);
    expect(parts.filter(p => p.type === 'text-delta')).toEqual([
      { type: 'text-delta', id: 'dup', delta: 'a' },
      { type: 'text-delta', id: 'dup:1', delta: 'b' },
    ]);
  });

  it('get a generated suffix when the suffixed id is taken too', async () => {
    const parts = await partsOf([
      ...message(0, 'm', 'a'),
      ...message(1, 'm:2', 'b'),
      ...message(2, 'm', 'c'),
      responseCompleted(),
    ]);
    expect(idsOf(parts, 'text-start')).toEqual(['m', 'm:2', 'm:2:gen-0']);
  });

  it.each([[undefined], [''], [7]])('are generated for an item whose id is %j', async id => {
    const parts = await partsOf([
      itemAdded(0, { id, type: 'web_search_call' }),
      ...message(1, id, 'a'),
      responseCompleted(),
    ]);
    expect(idsOf(parts, 'tool-input-start')).toEqual(['gen-0']);
    expect(idsOf(parts, 'text-start')).toEqual(['gen-1']);
  });
});

describe('sources', () => {
  const linked = (index: number) =>
    itemDone(index, {
      id: `msg_${index}`,
      type: 'message',
      content: [{ type: 'output_text', text: 'See [the docs](https://example.com/docs).' }],
    });

  it('come from url_citation annotations, streamed or on the message, each URL once', async () => {
    // start_index and end_index are not read, so an odd one does not lose the citation
    const cited = { type: 'url_citation', url: 'https://a.example/', title: 'A', start_index: '?' };
    const annotated = (annotation: unknown): CodexEvent => ({
      type: 'response.output_text.annotation.added',
      output_index: 1,
      annotation,
    });
    const parts = await partsOf([
      itemDone(0, { id: 'ws_1', type: 'web_search_call', status: 'completed' }),
      itemAdded(1, { id: 'msg_1', type: 'message' }),
      annotated(cited),
      annotated({ type: 'file_citation', file_id: 'file_1' }),
      annotated({ type: 'url_citation', url: 'https://streamed-only.example/', title: null }),
      itemDone(1, {
        id: 'msg_1',
        type: 'message',
        content: [
          {
            type: 'output_text',
            // a message that cites has its markdown links left alone
            text: 'See [b](https://b.example/).',
            annotations: [cited, { type: 'url_citation', url: 'https://c.example/', title: '' }],
          },
        ],
      }),
      responseCompleted(),
    ]);
    expect(parts.filter(p => p.type === 'source')).toStrictEqual([
      { type: 'source', sourceType: 'url', id: 'gen-0', url: 'https://a.example/', title: 'A' },
      { type: 'source', sourceType: 'url', id: 'gen-1', url: 'https://streamed-only.example/' },
      { type: 'source', sourceType: 'url', id: 'gen-2', url: 'https://c.example/' },
    ]);
  });

  it('come from markdown links only in a response that searched the web', async () => {
    const plain = await partsOf([linked(0), responseCompleted()]);
    expect(plain.filter(p => p.type === 'source')).toEqual([]);

    const searched = await partsOf([
      itemDone(0, { id: 'ws_1', type: 'web_search_call', status: 'completed' }),
      linked(1),
      responseCompleted(),
    ]);
    expect(searched.filter(p => p.type === 'source')).toEqual([
      {
        type: 'source',
        sourceType: 'url',
        id: 'gen-0',
        url: 'https://example.com/docs',
        title: 'the docs',
      },
    ]);
  });
});
