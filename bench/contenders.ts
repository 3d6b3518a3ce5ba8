// The four pipelines the benchmark compares, each reading a whole Codex-format SSE body.
import type { LanguageModelV2, LanguageModelV2CallOptions } from '@ai-sdk/provider';
import { createOpenAI } from '@ai-sdk/openai';
import { createParser } from 'eventsource-parser';
import { createCodex } from '../src';

/** `deltas`: delta parts read; `chars`: their text, summed (the same for every contender). */
export type RunResult = { parts: number; deltas: number; chars: number; errors: number };
export type Contender = {
  name: string;
  /** Reads one response produced by `fetch` to the end. */
  run: (fetch: typeof globalThis.fetch, onFirstDelta?: () => void) => Promise<RunResult>;
};

const prompt: LanguageModelV2CallOptions = {
  prompt: [{ role: 'user', content: [{ type: 'text', text: 'Benchmark' }] }],
};

const DELTA_PARTS = new Set(['text-delta', 'reasoning-delta', 'tool-input-delta']);

async function readModel(
  model: LanguageModelV2,
  options: LanguageModelV2CallOptions,
  onFirstDelta?: () => void,
) {
  const { stream } = await model.doStream(options);
  const reader = stream.getReader();
  let parts = 0;
  let deltas = 0;
  let chars = 0;
  let errors = 0;
  for (;;) {
    const { done, value } = await reader.read();
    if (done) break;
    parts++;
    if (DELTA_PARTS.has(value.type)) {
      chars += (value as { delta: string }).delta.length;
      if (deltas++ === 0) onFirstDelta?.();
    } else if (value.type === 'error') errors++;
  }
  return { parts, deltas, chars, errors };
}

export const ours: Contender = {
  name: 'ai-sdk-provider-codex',
  run: (fetch, onFirstDelta) =>
    readModel(
      createCodex({ baseURL: 'http://bench.invalid/codex', auth: { accessToken: 'bench' }, fetch })(
        'gpt-5.3-codex',
      ),
      prompt,
      onFirstDelta,
    ),
};

/** Ours with one part per backend delta event, as before coalescing: what the V2 floor does. */
export const oursUncoalesced: Contender = {
  name: 'ai-sdk-provider-codex, coalesceDeltas: false',
  run: (fetch, onFirstDelta) =>
    readModel(
      createCodex({
        baseURL: 'http://bench.invalid/codex',
        auth: { accessToken: 'bench' },
        fetch,
        coalesceDeltas: false,
      })('gpt-5.3-codex'),
      prompt,
      onFirstDelta,
    ),
};

export const openai: Contender = {
  name: '@ai-sdk/openai@2 responses',
  run: (fetch, onFirstDelta) =>
    readModel(
      createOpenAI({ baseURL: 'http://bench.invalid/v1', apiKey: 'bench', fetch }).responses(
        'gpt-5.3-codex',
      ),
      { ...prompt, providerOptions: { openai: { store: false } } },
      onFirstDelta,
    ),
};

/**
 * The least any LanguageModelV2 must do: one TransformStream that decodes, splits events
 * with `createParser`, parses each and enqueues one part per delta; read with a reader.
 */
export const v2Floor: Contender = {
  name: 'V2 floor',
  async run(fetch, onFirstDelta) {
    const response = await fetch('http://bench.invalid');
    let controller!: TransformStreamDefaultController<{ type: string; delta: string }>;
    let chars = 0;
    const decoder = new TextDecoder();
    const parser = createParser({
      onEvent(message) {
        const event = JSON.parse(message.data);
        if (typeof event.delta === 'string') {
          chars += event.delta.length;
          controller.enqueue({ type: 'text-delta', delta: event.delta });
        }
      },
    });
    const stream = response.body!.pipeThrough(
      new TransformStream<Uint8Array, { type: string; delta: string }>({
        start(c) {
          controller = c;
        },
        transform(chunk) {
          parser.feed(decoder.decode(chunk, { stream: true }));
        },
      }),
    );
    const reader = stream.getReader();
    let deltas = 0;
    for (;;) {
      const { done } = await reader.read();
      if (done) break;
      if (deltas++ === 0) onFirstDelta?.();
    }
    return { parts: deltas, deltas, chars, errors: 0 };
  },
};

/** Decode + `createParser` + `JSON.parse` in a callback: no stream of parts at all. */
export const rawFloor: Contender = {
  name: 'raw floor',
  async run(fetch, onFirstDelta) {
    const response = await fetch('http://bench.invalid');
    let deltas = 0;
    let chars = 0;
    const parser = createParser({
      onEvent(message) {
        const event = JSON.parse(message.data);
        if (typeof event.delta !== 'string') return;
        chars += event.delta.length;
        if (deltas++ === 0) onFirstDelta?.();
      },
    });
    const decoder = new TextDecoder();
    const reader = response.body!.getReader();
    for (;;) {
      const { done, value } = await reader.read();
      if (done) break;
      parser.feed(decoder.decode(value, { stream: true }));
    }
    return { parts: deltas, deltas, chars, errors: 0 };
  },
};

// memory-child.ts and profile.ts pick contenders by index: append, do not reorder
export const contenders = [ours, openai, v2Floor, rawFloor, oursUncoalesced];
