// Codex-format SSE bodies for the benchmark, cut into realistic network chunks (1.5–4 KB).

const encoder = new TextEncoder();

export type Workload = {
  name: string;
  /** Yields the body's chunks lazily, so a 50 MB body is never held in memory. */
  chunks: () => Iterable<Uint8Array>;
  /** Delta events in the body (text, reasoning and argument deltas). */
  deltas: number;
};

const event = (e: Record<string, unknown>) => `event: ${e.type}\ndata: ${JSON.stringify(e)}\n\n`;

const head = (id: string) =>
  event({
    type: 'response.created',
    response: {
      id,
      object: 'response',
      created_at: 1_760_000_000,
      model: 'gpt-5.3-codex',
      status: 'in_progress',
    },
  }) + event({ type: 'response.in_progress', response: { id, status: 'in_progress' } });

const completed = (id: string) =>
  event({
    type: 'response.completed',
    response: {
      id,
      object: 'response',
      created_at: 1_760_000_000,
      model: 'gpt-5.3-codex',
      status: 'completed',
      output: [],
      usage: {
        input_tokens: 100,
        input_tokens_details: { cached_tokens: 0 },
        output_tokens: 100,
        output_tokens_details: { reasoning_tokens: 0 },
        total_tokens: 200,
      },
    },
  });

/** Re-chunks a sequence of event strings into 1.5–4 KB pieces, cutting anywhere. */
function* chunked(events: Iterable<string>): Iterable<Uint8Array> {
  let seed = 42;
  let buffer = '';
  let target = 2048;
  for (const e of events) {
    buffer += e;
    while (buffer.length >= target) {
      yield encoder.encode(buffer.slice(0, target));
      buffer = buffer.slice(target);
      seed = (seed * 1103515245 + 12345) & 0x7fffffff;
      target = 1536 + (seed % 2560);
    }
  }
  if (buffer.length > 0) yield encoder.encode(buffer);
}

const WORDS = [
  'The ',
  'quick ',
  'brown ',
  'fox ',
  'jumps ',
  'over ',
  'the ',
  'lazy ',
  'dog, ',
  'naïvely ',
  '😀 ',
  'again. ',
];

function* textEvents(id: string, count: number, wordsPerDelta = 1): Iterable<string> {
  yield head(id);
  yield event({
    type: 'response.output_item.added',
    output_index: 0,
    item: { id: 'msg_1', type: 'message', role: 'assistant', status: 'in_progress', content: [] },
  });
  yield event({
    type: 'response.content_part.added',
    item_id: 'msg_1',
    output_index: 0,
    content_index: 0,
    part: { type: 'output_text', text: '' },
  });
  for (let i = 0; i < count; i++) {
    let delta = '';
    for (let w = 0; w < wordsPerDelta; w++) delta += WORDS[(i + w) % WORDS.length];
    yield event({
      type: 'response.output_text.delta',
      item_id: 'msg_1',
      output_index: 0,
      content_index: 0,
      delta,
      sequence_number: i + 3,
      logprobs: [],
    });
  }
  yield event({
    type: 'response.output_text.done',
    item_id: 'msg_1',
    output_index: 0,
    content_index: 0,
    text: '',
  });
  yield event({
    type: 'response.output_item.done',
    output_index: 0,
    item: {
      id: 'msg_1',
      type: 'message',
      role: 'assistant',
      status: 'completed',
      content: [{ type: 'output_text', text: '…', annotations: [] }],
    },
  });
  yield completed(id);
}

/** Cuts the encoded body into pieces of exactly `size` bytes (a UTF-8 character may straddle two). */
function* fixedChunks(events: Iterable<string>, size: number): Iterable<Uint8Array> {
  let body = '';
  for (const e of events) body += e;
  const bytes = encoder.encode(body);
  for (let i = 0; i < bytes.length; i += size) yield bytes.subarray(i, i + size);
}

/** Encodes the body once: timed runs then measure parsing, not the generator. */
function recorded(
  events: () => Iterable<string>,
  chunkSize: number | undefined,
): () => Iterable<Uint8Array> {
  let chunks: Uint8Array[] | undefined;
  return () => (chunks ??= [...(chunkSize ? fixedChunks(events(), chunkSize) : chunked(events()))]);
}

/** `chunkSize`: fixed bytes per chunk instead of the default 1.5–4 KB mix. */
export function textDeltas(count = 20_000, { chunkSize }: { chunkSize?: number } = {}): Workload {
  return {
    name: `(a) ${count} text deltas${chunkSize ? ` in ${chunkSize / 1024} KiB chunks` : ''}`,
    chunks: recorded(() => textEvents('resp_a', count), chunkSize),
    deltas: count,
  };
}

export function reasoningAndTools({
  summaryDeltas = 5_000,
  calls = 200,
  argDeltasPerCall = 25,
  chunkSize,
}: {
  summaryDeltas?: number;
  calls?: number;
  argDeltasPerCall?: number;
  chunkSize?: number;
} = {}): Workload {
  function* events(): Iterable<string> {
    yield head('resp_b');
    yield event({
      type: 'response.output_item.added',
      output_index: 0,
      item: { id: 'rs_1', type: 'reasoning', summary: [] },
    });
    yield event({
      type: 'response.reasoning_summary_part.added',
      item_id: 'rs_1',
      output_index: 0,
      summary_index: 0,
      part: { type: 'summary_text', text: '' },
    });
    for (let i = 0; i < summaryDeltas; i++) {
      yield event({
        type: 'response.reasoning_summary_text.delta',
        item_id: 'rs_1',
        output_index: 0,
        summary_index: 0,
        delta: WORDS[i % WORDS.length],
      });
    }
    yield event({
      type: 'response.reasoning_summary_part.done',
      item_id: 'rs_1',
      output_index: 0,
      summary_index: 0,
      part: { type: 'summary_text', text: '' },
    });
    yield event({
      type: 'response.output_item.done',
      output_index: 0,
      item: {
        id: 'rs_1',
        type: 'reasoning',
        summary: [{ type: 'summary_text', text: '…' }],
        encrypted_content: 'enc:bench',
      },
    });
    const argChunks = [
      '{"path":"src/',
      'file',
      '-',
      'name',
      '.ts","line',
      '":',
      '1',
      '2',
      '3',
      ',"',
      'content":"',
      'abc',
      'def',
      '\\n',
      'ghi',
      '"',
      ',"mode',
      '":"',
      'append',
      '"',
      ',"x":',
      '1',
      '2',
      '3',
      '}',
    ];
    for (let c = 0; c < calls; c++) {
      yield event({
        type: 'response.output_item.added',
        output_index: c + 1,
        item: {
          id: `fc_${c}`,
          type: 'function_call',
          call_id: `call_${c}`,
          name: 'writeFile',
          arguments: '',
          status: 'in_progress',
        },
      });
    }
    for (let d = 0; d < argDeltasPerCall; d++) {
      for (let c = 0; c < calls; c++) {
        yield event({
          type: 'response.function_call_arguments.delta',
          item_id: `fc_${c}`,
          output_index: c + 1,
          delta: argChunks[d % argChunks.length],
        });
      }
    }
    for (let c = 0; c < calls; c++) {
      const args = argChunks.slice(0, argDeltasPerCall).join('');
      yield event({
        type: 'response.function_call_arguments.done',
        item_id: `fc_${c}`,
        output_index: c + 1,
        arguments: args,
      });
      yield event({
        type: 'response.output_item.done',
        output_index: c + 1,
        item: {
          id: `fc_${c}`,
          type: 'function_call',
          call_id: `call_${c}`,
          name: 'writeFile',
          arguments: args,
          status: 'completed',
        },
      });
    }
    yield completed('resp_b');
  }
  return {
    name: `(b) reasoning + ${calls} parallel calls`,
    chunks: recorded(events, chunkSize),
    deltas: summaryDeltas + calls * argDeltasPerCall,
  };
}

/** About `megabytes` of text deltas, generated as read: never held in memory whole. */
export function bigStream(megabytes = 50): Workload {
  const perDelta = 8; // words per delta: ~60 bytes of text in a ~250-byte event
  const count = Math.ceil((megabytes * 1024 * 1024) / 250);
  return {
    name: `(c) ${megabytes} MB stream`,
    chunks: () => chunked(textEvents('resp_c', count, perDelta)),
    deltas: count,
  };
}

/** A fetch that answers every request with the workload's body, produced chunk by chunk. */
export function inProcessFetch(workload: Workload, onFirstChunk?: () => void): typeof fetch {
  return (async () => {
    const iterator = workload.chunks()[Symbol.iterator]();
    let first = true;
    const body = new ReadableStream<Uint8Array>({
      pull(controller) {
        const next = iterator.next();
        if (next.done) return controller.close();
        if (first) {
          first = false;
          onFirstChunk?.();
        }
        controller.enqueue(next.value);
      },
    });
    return new Response(body, { status: 200, headers: { 'content-type': 'text/event-stream' } });
  }) as typeof fetch;
}
