import {
  errorEventSchema,
  functionCallItemSchema,
  messageItemSchema,
  reasoningItemSchema,
  responseCreatedSchema,
  responseTerminalSchema,
} from '../codex-api';
import { mapCodexFinishReason } from '../map-codex-finish-reason';
import {
  uniquePartId,
  type CodexStreamState,
  type ReasoningItemState,
  type TextItemState,
} from './codex-stream-state';

// One small handler per event family. Delta handlers run thousands of times a response:
// they use a typeof guard and a Map lookup, nothing more. Structural events are rare and
// validated with zod.

type Event = Record<string, unknown> & { type: string };
export type EventHandler = (state: CodexStreamState, event: Event) => void;

// ---- response lifecycle -------------------------------------------------------------

const onResponseCreated: EventHandler = (state, event) => {
  const parsed = responseCreatedSchema.safeParse(event);
  if (!parsed.success) return;
  const { id, model, created_at } = parsed.data.response;
  state.responseId = id ?? undefined;
  state.emit({
    type: 'response-metadata',
    id: id ?? undefined,
    modelId: model ?? undefined,
    timestamp: created_at != null ? new Date(created_at * 1000) : undefined,
  });
};

const onResponseFinished: EventHandler = (state, event) => {
  const parsed = responseTerminalSchema.safeParse(event);
  const response = parsed.success ? parsed.data.response : undefined;
  if (response?.usage != null) state.usage = response.usage;
  state.serviceTier = response?.service_tier ?? undefined;
  state.responseId ??= response?.id ?? undefined;
  const incompleteReason =
    event.type === 'response.incomplete'
      ? (response?.incomplete_details?.reason ?? 'unknown')
      : null;
  state.finishReason = mapCodexFinishReason({
    incompleteReason,
    hasFunctionCall: state.hasFunctionCall,
  });
  state.rawFinishReason = incompleteReason ?? response?.status ?? 'completed';
  finish(state);
};

const onResponseFailed: EventHandler = (state, event) => {
  const parsed = responseTerminalSchema.safeParse(event);
  const response = parsed.success ? parsed.data.response : undefined;
  if (response?.usage != null) state.usage = response.usage;
  state.responseId ??= response?.id ?? undefined;
  const error = response?.error;
  failWith(state, error?.code, error?.message ?? 'The Codex response failed', error ?? event);
};

const onErrorEvent: EventHandler = (state, event) => {
  const parsed = errorEventSchema.safeParse(event);
  const data = parsed.success ? parsed.data : undefined;
  const code = data?.code ?? data?.error?.code;
  const message = data?.message ?? data?.error?.message ?? 'The Codex backend reported an error';
  failWith(state, code, message, event);
};

function failWith(
  state: CodexStreamState,
  code: string | null | undefined,
  message: string,
  data: unknown,
) {
  state.emit({ type: 'error', error: state.createError({ code, message, data }) });
  state.finishReason = 'error';
  state.rawFinishReason = code ?? 'error';
  finish(state);
}

/** Closes whatever is still open and emits the one `finish`. */
export function finish(state: CodexStreamState): void {
  if (state.finished) return;
  for (const item of state.items.values()) {
    if (item.kind === 'text') state.emit({ type: 'text-end', id: item.id });
    else if (item.kind === 'reasoning') {
      if (item.blockId != null) state.emit({ type: 'reasoning-end', id: item.blockId });
    } else state.emit({ type: 'tool-input-end', id: item.callId });
  }
  state.items.clear();
  state.finished = true;
  state.emit(
    state.finishPart({
      unified: state.finishReason,
      raw: state.rawFinishReason,
      usage: state.usage,
      providerMetadata: {
        codex: {
          responseId: state.responseId ?? null,
          ...(state.serviceTier != null && { serviceTier: state.serviceTier }),
          ...(state.rateLimits != null && { rateLimits: state.rateLimits }),
        },
      },
    }),
  );
}

// ---- output items -------------------------------------------------------------------

function startText(state: CodexStreamState, outputIndex: number, itemId: unknown): TextItemState {
  const item: TextItemState = {
    kind: 'text',
    id: uniquePartId(state, itemId, outputIndex),
    itemId: typeof itemId === 'string' ? itemId : undefined,
    hasText: false,
  };
  state.items.set(outputIndex, item);
  state.emit({ type: 'text-start', id: item.id });
  return item;
}

function startReasoning(
  state: CodexStreamState,
  outputIndex: number,
  itemId: unknown,
): ReasoningItemState {
  const item: ReasoningItemState = {
    kind: 'reasoning',
    itemId: uniquePartId(state, itemId, outputIndex),
    blockId: undefined,
    hasText: false,
  };
  state.items.set(outputIndex, item);
  openReasoningBlock(state, item, 0);
  return item;
}

function openReasoningBlock(state: CodexStreamState, item: ReasoningItemState, index: number) {
  if (item.blockId != null) {
    // A new summary part starts a new block; the finished one carries its item id so the
    // parts regroup into one reasoning item on replay.
    state.emit({
      type: 'reasoning-end',
      id: item.blockId,
      providerMetadata: { codex: { itemId: item.itemId } },
    });
  }
  item.blockId = `${item.itemId}:${index}`;
  state.emit({
    type: 'reasoning-start',
    id: item.blockId,
    providerMetadata: { codex: { itemId: item.itemId } },
  });
}

const onOutputItemAdded: EventHandler = (state, event) => {
  const outputIndex = event.output_index;
  const item = event.item as Record<string, unknown> | undefined;
  if (typeof outputIndex !== 'number' || item == null || typeof item !== 'object') return;
  if (state.items.has(outputIndex)) return;
  switch (item.type) {
    case 'message':
      startText(state, outputIndex, item.id);
      break;
    case 'reasoning':
      startReasoning(state, outputIndex, item.id);
      break;
    case 'function_call':
      if (typeof item.call_id === 'string' && typeof item.name === 'string') {
        state.items.set(outputIndex, {
          kind: 'tool',
          callId: item.call_id,
          toolName: item.name,
          hasInput: false,
        });
        state.emit({ type: 'tool-input-start', id: item.call_id, toolName: item.name });
      }
      break;
  }
};

const onOutputItemDone: EventHandler = (state, event) => {
  const outputIndex = event.output_index;
  const raw = event.item as { type?: unknown } | undefined;
  if (typeof outputIndex !== 'number' || raw == null || typeof raw !== 'object') return;
  switch (raw.type) {
    case 'message':
      return messageDone(state, outputIndex, event);
    case 'reasoning':
      return reasoningDone(state, outputIndex, event);
    case 'function_call':
      return functionCallDone(state, outputIndex, event);
  }
};

function malformed(state: CodexStreamState, event: Event, what: string) {
  state.emit({
    type: 'error',
    error: state.createError({
      code: 'invalid_event',
      message: `The Codex backend sent a malformed ${event.type} event (${what}); it was skipped.`,
      data: event,
    }),
  });
}

function messageDone(state: CodexStreamState, outputIndex: number, event: Event) {
  const parsed = messageItemSchema.safeParse(event.item);
  if (!parsed.success) return malformed(state, event, 'message item');
  const done = parsed.data;
  let item = state.items.get(outputIndex);
  if (item?.kind !== 'text') item = startText(state, outputIndex, done.id);
  if (!item.hasText) {
    const text = (done.content ?? [])
      .map(c => (c.type === 'output_text' ? (c.text ?? '') : ''))
      .join('');
    if (text !== '') state.emit({ type: 'text-delta', id: item.id, delta: text });
  }
  state.emit({
    type: 'text-end',
    id: item.id,
    providerMetadata: {
      codex: {
        itemId: done.id ?? item.itemId ?? null,
        ...(done.phase != null && { phase: done.phase }),
      },
    },
  });
  state.items.delete(outputIndex);
}

function reasoningDone(state: CodexStreamState, outputIndex: number, event: Event) {
  const parsed = reasoningItemSchema.safeParse(event.item);
  if (!parsed.success) return malformed(state, event, 'reasoning item');
  const done = parsed.data;
  let item = state.items.get(outputIndex);
  if (item?.kind !== 'reasoning') item = startReasoning(state, outputIndex, done.id);
  if (item.blockId == null) openReasoningBlock(state, item, 0);
  if (!item.hasText) {
    const text = (done.summary ?? []).map(s => s.text).join('\n\n');
    if (text !== '') state.emit({ type: 'reasoning-delta', id: item.blockId!, delta: text });
  }
  // `ai` keeps the last metadata of a block: the encrypted content goes on its end so
  // that the response messages carry it into the next call.
  state.emit({
    type: 'reasoning-end',
    id: item.blockId!,
    providerMetadata: {
      codex: { itemId: item.itemId, reasoningEncryptedContent: done.encrypted_content ?? null },
    },
  });
  state.items.delete(outputIndex);
}

function functionCallDone(state: CodexStreamState, outputIndex: number, event: Event) {
  const parsed = functionCallItemSchema.safeParse(event.item);
  if (!parsed.success) return malformed(state, event, 'function_call item without call_id or name');
  const done = parsed.data;
  const args = done.arguments ?? '';
  let item = state.items.get(outputIndex);
  if (item?.kind !== 'tool') {
    item = { kind: 'tool', callId: done.call_id, toolName: done.name, hasInput: false };
    state.emit({ type: 'tool-input-start', id: item.callId, toolName: item.toolName });
  }
  if (!item.hasInput && args !== '')
    state.emit({ type: 'tool-input-delta', id: item.callId, delta: args });
  state.emit({ type: 'tool-input-end', id: item.callId });
  state.emit({ type: 'tool-call', toolCallId: done.call_id, toolName: done.name, input: args });
  state.hasFunctionCall = true;
  state.items.delete(outputIndex);
}

// ---- deltas (hot path) --------------------------------------------------------------

const onTextDelta: EventHandler = (state, event) => {
  const delta = event.delta;
  if (typeof delta !== 'string') return;
  const outputIndex = event.output_index as number;
  let item = state.items.get(outputIndex);
  if (item === undefined || item.kind !== 'text')
    item = startText(state, outputIndex, event.item_id);
  item.hasText = true;
  state.emit({ type: 'text-delta', id: item.id, delta });
};

const onReasoningDelta: EventHandler = (state, event) => {
  const delta = event.delta;
  if (typeof delta !== 'string') return;
  const outputIndex = event.output_index as number;
  let item = state.items.get(outputIndex);
  if (item === undefined || item.kind !== 'reasoning')
    item = startReasoning(state, outputIndex, event.item_id);
  if (item.blockId == null) openReasoningBlock(state, item, 0);
  item.hasText = true;
  state.emit({ type: 'reasoning-delta', id: item.blockId!, delta });
};

const onReasoningSummaryPartAdded: EventHandler = (state, event) => {
  const outputIndex = event.output_index as number;
  const summaryIndex = typeof event.summary_index === 'number' ? event.summary_index : 0;
  let item = state.items.get(outputIndex);
  if (item === undefined || item.kind !== 'reasoning')
    item = startReasoning(state, outputIndex, event.item_id);
  // Part 0 is opened with the item; every later part is a block of its own.
  if (summaryIndex > 0 && item.blockId !== `${item.itemId}:${summaryIndex}`) {
    openReasoningBlock(state, item, summaryIndex);
  }
};

const onFunctionCallArgumentsDelta: EventHandler = (state, event) => {
  const delta = event.delta;
  if (typeof delta !== 'string') return;
  const item = state.items.get(event.output_index as number);
  // Without `output_item.added` the call id is unknown; `output_item.done` still brings
  // the whole call.
  if (item === undefined || item.kind !== 'tool') return;
  item.hasInput = true;
  state.emit({ type: 'tool-input-delta', id: item.callId, delta });
};

export const codexEventHandlers: ReadonlyMap<string, EventHandler> = new Map([
  ['response.output_text.delta', onTextDelta],
  ['response.reasoning_summary_text.delta', onReasoningDelta],
  ['response.reasoning_text.delta', onReasoningDelta],
  ['response.function_call_arguments.delta', onFunctionCallArgumentsDelta],
  ['response.reasoning_summary_part.added', onReasoningSummaryPartAdded],
  ['response.output_item.added', onOutputItemAdded],
  ['response.output_item.done', onOutputItemDone],
  ['response.created', onResponseCreated],
  ['response.completed', onResponseFinished],
  ['response.incomplete', onResponseFinished],
  ['response.failed', onResponseFailed],
  ['error', onErrorEvent],
]);
