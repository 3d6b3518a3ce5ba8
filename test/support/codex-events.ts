import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
// Builders for Codex SSE streams, shared by the emulator and the tests.
import { pushToolItemEvents, type ToolOutputSpec } from './codex-tool-events';

export type CodexEvent = { type: string; [key: string]: unknown };

export function toSSE(events: CodexEvent[]): string {
  let out = '';
  for (const event of events) out += `event: ${event.type}\ndata: ${JSON.stringify(event)}\n\n`;
  return out;
}

/** The payloads of an SSE body (its `data:` lines, joined per event), `[DONE]` left out. */
export function ssePayloads(text: string): string[] {
  const payloads: string[] = [];
  for (const block of text.replace(/\r\n?/g, '\n').split('\n\n')) {
    const data = block
      .split('\n')
      .filter(line => line.startsWith('data:'))
      .map(line => line.slice(5).replace(/^ /, ''))
      .join('\n');
    if (data !== '' && data !== '[DONE]') payloads.push(data);
  }
  return payloads;
}

/** The events of an SSE body (its `data:` lines); unparsable payloads and `[DONE]` are skipped. */
export function parseSSE(text: string): CodexEvent[] {
  const events: CodexEvent[] = [];
  for (const data of ssePayloads(text)) {
    try {
      const event = JSON.parse(data);
      if (event != null && typeof event === 'object' && typeof event.type === 'string') {
        events.push(event);
      }
    } catch {
      // as the client does: skip what does not parse
    }
  }
  return events;
}

export type OutputSpec =
  | { type: 'reasoning'; summary: string[]; encryptedContent?: string; id?: string }
  | {
      type: 'message';
      text: string;
      id?: string;
      phase?: string;
      chunks?: string[];
      /** `url_citation`s, sent as `output_text.annotation.added` and on the done item. */
      annotations?: Array<Record<string, unknown>>;
    }
  | {
      type: 'function_call';
      name: string;
      arguments: string;
      callId: string;
      id?: string;
      chunks?: string[];
    }
  | ToolOutputSpec
  /** Remote compaction's one output item; it comes whole, with no deltas. */
  | { type: 'compaction'; id: string; encryptedContent: string };

/** Splits text into word-sized deltas, the way the backend streams it. */
export function wordChunks(text: string): string[] {
  return text.match(/\s*\S+\s*/g) ?? (text === '' ? [] : [text]);
}

export const itemAdded = (output_index: number, item: Record<string, unknown>): CodexEvent => ({
  type: 'response.output_item.added',
  output_index,
  item,
});

export const itemDone = (output_index: number, item: Record<string, unknown>): CodexEvent => ({
  type: 'response.output_item.done',
  output_index,
  item,
});

/** `response.completed` for a response with these fields and `status: 'completed'`. */
export const responseCompleted = (response: Record<string, unknown> = {}): CodexEvent => ({
  type: 'response.completed',
  response: { ...response, status: 'completed' },
});

/** A reasoning item's `summary`: output items carry it, the next prompt replays it. */
export function summaryTexts(...texts: string[]) {
  return texts.map(text => ({ type: 'summary_text' as const, text }));
}

export function responseEvents({
  id = 'resp_test',
  model = 'gpt-5.3-codex',
  output,
  usage = { input_tokens: 10, output_tokens: 20, reasoningTokens: 5, cachedTokens: 0 },
  terminal = 'completed',
  incompleteReason,
  createdAt = 1_760_000_000,
}: {
  id?: string;
  model?: string;
  output: OutputSpec[];
  usage?: {
    input_tokens: number;
    output_tokens: number;
    reasoningTokens?: number;
    cachedTokens?: number;
  };
  terminal?: 'completed' | 'incomplete' | 'none';
  incompleteReason?: string;
  createdAt?: number;
}): CodexEvent[] {
  const events: CodexEvent[] = [];
  let seq = 0;
  const push = (e: CodexEvent) => events.push({ ...e, sequence_number: seq++ });
  push({
    type: 'response.created',
    response: { id, object: 'response', created_at: createdAt, model, status: 'in_progress' },
  });
  push({ type: 'response.in_progress', response: { id, status: 'in_progress' } });

  output.forEach((spec, output_index) => {
    if (spec.type === 'reasoning') {
      const item_id = spec.id ?? `rs_${output_index}`;
      push({
        type: 'response.output_item.added',
        output_index,
        item: { id: item_id, type: 'reasoning', summary: [] },
      });
      spec.summary.forEach((text, summary_index) => {
        push({
          type: 'response.reasoning_summary_part.added',
          item_id,
          output_index,
          summary_index,
          part: { type: 'summary_text', text: '' },
        });
        for (const delta of wordChunks(text)) {
          push({
            type: 'response.reasoning_summary_text.delta',
            item_id,
            output_index,
            summary_index,
            delta,
          });
        }
        push({
          type: 'response.reasoning_summary_text.done',
          item_id,
          output_index,
          summary_index,
          text,
        });
        push({
          type: 'response.reasoning_summary_part.done',
          item_id,
          output_index,
          summary_index,
          part: { type: 'summary_text', text },
        });
      });
      push({
        type: 'response.output_item.done',
        output_index,
        item: {
          id: item_id,
          type: 'reasoning',
          summary: summaryTexts(...spec.summary),
          encrypted_content: spec.encryptedContent ?? `enc:${item_id}`,
        },
      });
    } else if (spec.type === 'message') {
      const item_id = spec.id ?? `msg_${output_index}`;
      const phase = spec.phase != null ? { phase: spec.phase } : {};
      push({
        type: 'response.output_item.added',
        output_index,
        item: {
          id: item_id,
          type: 'message',
          role: 'assistant',
          status: 'in_progress',
          content: [],
          ...phase,
        },
      });
      push({
        type: 'response.content_part.added',
        item_id,
        output_index,
        content_index: 0,
        part: { type: 'output_text', text: '' },
      });
      for (const delta of spec.chunks ?? wordChunks(spec.text)) {
        push({
          type: 'response.output_text.delta',
          item_id,
          output_index,
          content_index: 0,
          delta,
        });
      }
      (spec.annotations ?? []).forEach((annotation, annotation_index) =>
        push({
          type: 'response.output_text.annotation.added',
          item_id,
          output_index,
          content_index: 0,
          annotation_index,
          annotation,
        }),
      );
      push({
        type: 'response.output_text.done',
        item_id,
        output_index,
        content_index: 0,
        text: spec.text,
      });
      push({
        type: 'response.output_item.done',
        output_index,
        item: {
          id: item_id,
          type: 'message',
          role: 'assistant',
          status: 'completed',
          content: [{ type: 'output_text', text: spec.text, annotations: spec.annotations ?? [] }],
          ...phase,
        },
      });
    } else if (spec.type === 'compaction') {
      const item = { type: 'compaction', id: spec.id, encrypted_content: spec.encryptedContent };
      push({ type: 'response.output_item.added', output_index, item });
      push({ type: 'response.output_item.done', output_index, item });
    } else if (spec.type !== 'function_call') {
      pushToolItemEvents(spec, output_index, push);
    } else {
      const item_id = spec.id ?? `fc_${output_index}`;
      const base = { id: item_id, type: 'function_call', call_id: spec.callId, name: spec.name };
      push({
        type: 'response.output_item.added',
        output_index,
        item: { ...base, arguments: '', status: 'in_progress' },
      });
      for (const delta of spec.chunks ?? chunkString(spec.arguments, 8)) {
        push({ type: 'response.function_call_arguments.delta', item_id, output_index, delta });
      }
      push({
        type: 'response.function_call_arguments.done',
        item_id,
        output_index,
        arguments: spec.arguments,
      });
      push({
        type: 'response.output_item.done',
        output_index,
        item: { ...base, arguments: spec.arguments, status: 'completed' },
      });
    }
  });

  const usageJson = {
    input_tokens: usage.input_tokens,
    input_tokens_details: { cached_tokens: usage.cachedTokens ?? 0 },
    output_tokens: usage.output_tokens,
    output_tokens_details: { reasoning_tokens: usage.reasoningTokens ?? 0 },
    total_tokens: usage.input_tokens + usage.output_tokens,
  };
  if (terminal === 'completed') {
    push({
      type: 'response.completed',
      response: {
        id,
        object: 'response',
        created_at: createdAt,
        model,
        status: 'completed',
        usage: usageJson,
        // the backend echoes a tier that does not say whether the request ran on priority
        service_tier: 'default',
      },
    });
  } else if (terminal === 'incomplete') {
    push({
      type: 'response.incomplete',
      response: {
        id,
        object: 'response',
        created_at: createdAt,
        model,
        status: 'incomplete',
        incomplete_details: { reason: incompleteReason ?? 'max_output_tokens' },
        usage: usageJson,
      },
    });
  }
  return events;
}

export function chunkString(text: string, size: number): string[] {
  const out: string[] = [];
  for (let i = 0; i < text.length; i += size) out.push(text.slice(i, i + size));
  return out;
}

/** Recorded-style SSE bodies under test/fixtures, by name (without `.sse`). */
const FIXTURE_DIR = fileURLToPath(new URL('../fixtures/', import.meta.url));

export function loadFixture(name: string): string {
  return readFileSync(`${FIXTURE_DIR}${name}.sse`, 'utf8');
}
