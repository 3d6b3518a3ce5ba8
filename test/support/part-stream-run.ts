// A V2-shaped part stream run over test bytes, and readers of the parts it gives: what the
// part-stream tests (mapping, endings, chunks) share.
import type { LanguageModelV2CallWarning, LanguageModelV2StreamPart } from '@ai-sdk/provider';
import { convertReadableStreamToArray } from '@ai-sdk/provider-utils/test';
import { v2OutputShape } from '../../src/ai-sdk/v2-output-shape';
import { createCodexPartStream } from '../../src/stream/codex-part-stream';
import { sseConnection } from './part-stream';

type V2FinishPart = Extract<LanguageModelV2StreamPart, { type: 'finish' }>;

const encoder = new TextEncoder();

export type RunOptions = { includeRawChunks?: boolean; coalesceDeltas?: boolean };

/** A V2-shaped part stream over `body`; generated ids count up from `gen-0`. */
export function partStream(body: ReadableStream<Uint8Array>, options: RunOptions = {}) {
  let n = 0;
  return createCodexPartStream<V2FinishPart, LanguageModelV2CallWarning>(sseConnection(body), {
    warnings: [],
    finishPart: v2OutputShape(undefined).finishPart,
    includeRawChunks: options.includeRawChunks ?? false,
    coalesceDeltas: options.coalesceDeltas,
    generateId: () => `gen-${n++}`,
    request: { url: 'http://test/responses', body: {} },
  });
}

/** A body that delivers `chunks`, one read each, then ends. */
export function byteStream(chunks: Uint8Array[]): ReadableStream<Uint8Array> {
  return new ReadableStream({
    start(controller) {
      for (const chunk of chunks) controller.enqueue(chunk);
      controller.close();
    },
  });
}

/** Every part for `sse`: a string sent in one read, or the given reads. */
export async function run(sse: string | Uint8Array[], options?: RunOptions) {
  const chunks = typeof sse === 'string' ? [encoder.encode(sse)] : sse;
  return convertReadableStreamToArray(partStream(byteStream(chunks), options));
}

export const types = (parts: LanguageModelV2StreamPart[]) => parts.map(p => p.type);
export const finishOf = (parts: LanguageModelV2StreamPart[]) =>
  parts.find(p => p.type === 'finish') as Extract<LanguageModelV2StreamPart, { type: 'finish' }>;
/** The deltas of one kind joined, only those of block `id` when given. */
export const deltasOf = (
  parts: LanguageModelV2StreamPart[],
  type: 'text-delta' | 'reasoning-delta' | 'tool-input-delta',
  id?: string,
) =>
  parts
    .filter(p => p.type === type && (id == null || (p as { id: string }).id === id))
    .map(p => (p as { delta: string }).delta)
    .join('');
export const textOf = (parts: LanguageModelV2StreamPart[], id?: string) =>
  deltasOf(parts, 'text-delta', id);
