import {
  compactionItemSchema,
  functionCallItemSchema,
  messageItemSchema,
  reasoningItemSchema,
} from '../wire/codex-output-items';
import type { CodexEvent } from '../wire/codex-events';
import {
  uniquePartId,
  type CodexStreamState,
  type EventHandler,
  type ReasoningItemState,
  type TextItemState,
} from './codex-stream-state';
import { emitMessageSources } from './citation-handlers';
import { reportMalformedItem } from './report-skipped-item';
import { functionCallRefusal, refuseToolCall } from './tool-call-routing';
import {
  compactionOfItem,
  compactionParts,
  functionCallPart,
  messageText,
  reasoningTexts,
} from './output-item-parts';
import { customToolCallAdded, customToolCallDone } from './custom-tool-handlers';
import { localShellCallAdded, localShellCallDone } from './local-shell-handlers';
import { webSearchCallAdded, webSearchCallDone } from './web-search-handlers';

// Output items (messages, reasoning, function calls), keyed by `output_index`: their
// start and end (validated with zod, they are rare) and their deltas (not validated).

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

/** The text item at `outputIndex`, started here if the backend never announced it. */
function textItem(state: CodexStreamState, outputIndex: number, itemId: unknown): TextItemState {
  const item = state.items.get(outputIndex);
  return item !== undefined && item.kind === 'text' ? item : startText(state, outputIndex, itemId);
}

function startReasoning(
  state: CodexStreamState,
  outputIndex: number,
  itemId: unknown,
): ReasoningItemState {
  const id = uniquePartId(state, itemId, outputIndex);
  // Block 0 opens with the item, so a reasoning item always has an open block.
  const item: ReasoningItemState = {
    kind: 'reasoning',
    itemId: id,
    blockId: `${id}:0`,
    hasText: false,
  };
  state.items.set(outputIndex, item);
  state.emit({
    type: 'reasoning-start',
    id: item.blockId,
    providerMetadata: { codex: { itemId: id } },
  });
  return item;
}

/** The reasoning item at `outputIndex`, started here if the backend never announced it. */
function reasoningItem(
  state: CodexStreamState,
  outputIndex: number,
  itemId: unknown,
): ReasoningItemState {
  const item = state.items.get(outputIndex);
  return item !== undefined && item.kind === 'reasoning'
    ? item
    : startReasoning(state, outputIndex, itemId);
}

/**
 * A new summary part starts a new block; the finished one carries its item id so that the
 * parts regroup into one reasoning item on replay.
 */
function nextReasoningBlock(state: CodexStreamState, item: ReasoningItemState, index: number) {
  const { itemId } = item;
  state.emit({ type: 'reasoning-end', id: item.blockId, providerMetadata: { codex: { itemId } } });
  item.blockId = `${itemId}:${index}`;
  state.emit({
    type: 'reasoning-start',
    id: item.blockId,
    providerMetadata: { codex: { itemId } },
  });
}

export const onOutputItemAdded: EventHandler = (state, event) => {
  const outputIndex = event.output_index;
  const item = event.item as Record<string, unknown> | undefined;
  // A primitive `item` has no `type` and falls through the switch.
  if (typeof outputIndex !== 'number' || item == null) return;
  if (state.items.has(outputIndex)) return;
  switch (item.type) {
    case 'message':
      startText(state, outputIndex, item.id);
      break;
    case 'reasoning':
      startReasoning(state, outputIndex, item.id);
      break;
    case 'function_call':
      if (
        typeof item.call_id === 'string' &&
        typeof item.name === 'string' &&
        functionCallRefusal(state.toolNames, item.name) === undefined
      ) {
        state.items.set(outputIndex, {
          kind: 'tool',
          callId: item.call_id,
          toolName: item.name,
          hasInput: false,
        });
        state.emit({ type: 'tool-input-start', id: item.call_id, toolName: item.name });
      }
      break;
    case 'web_search_call':
      return webSearchCallAdded(state, outputIndex, item);
    case 'custom_tool_call':
      return customToolCallAdded(state, outputIndex, item);
    case 'local_shell_call':
      return localShellCallAdded(state, outputIndex, item);
  }
};

export const onOutputItemDone: EventHandler = (state, event) => {
  const outputIndex = event.output_index;
  const raw = event.item as { type?: unknown } | undefined;
  if (typeof outputIndex !== 'number' || raw == null) return;
  switch (raw.type) {
    case 'message':
      return messageDone(state, outputIndex, event);
    case 'reasoning':
      return reasoningDone(state, outputIndex, event);
    case 'function_call':
      return functionCallDone(state, outputIndex, event);
    case 'web_search_call':
      return webSearchCallDone(state, outputIndex, event);
    case 'custom_tool_call':
      return customToolCallDone(state, outputIndex, event);
    case 'local_shell_call':
      return localShellCallDone(state, outputIndex, event);
    case 'compaction':
      return compactionDone(state, outputIndex, event);
  }
};

function messageDone(state: CodexStreamState, outputIndex: number, event: CodexEvent) {
  const parsed = messageItemSchema.safeParse(event.item);
  if (!parsed.success) return reportMalformedItem(state, event, 'message item');
  const done = parsed.data;
  const content = done.content ?? [];
  const item = textItem(state, outputIndex, done.id);
  if (!item.hasText) {
    const text = messageText(done);
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
  emitMessageSources(state, content);
}

function reasoningDone(state: CodexStreamState, outputIndex: number, event: CodexEvent) {
  const parsed = reasoningItemSchema.safeParse(event.item);
  if (!parsed.success) return reportMalformedItem(state, event, 'reasoning item');
  const done = parsed.data;
  const item = reasoningItem(state, outputIndex, done.id);
  if (!item.hasText) {
    const text = reasoningTexts(done).join('\n\n');
    if (text !== '') state.emit({ type: 'reasoning-delta', id: item.blockId, delta: text });
  }
  // `ai` keeps the last metadata of a block: the encrypted content goes on its end so
  // that the response messages carry it into the next call.
  state.emit({
    type: 'reasoning-end',
    id: item.blockId,
    providerMetadata: {
      codex: { itemId: item.itemId, reasoningEncryptedContent: done.encrypted_content ?? null },
    },
  });
  state.items.delete(outputIndex);
}

function functionCallDone(state: CodexStreamState, outputIndex: number, event: CodexEvent) {
  const parsed = functionCallItemSchema.safeParse(event.item);
  if (!parsed.success)
    return reportMalformedItem(state, event, 'function_call item without call_id or name');
  const done = parsed.data;
  const open = state.items.get(outputIndex);
  const refusal = functionCallRefusal(state.toolNames, done.name);
  if (refusal !== undefined) return refuseToolCall(state, outputIndex, event, refusal);
  const args = done.arguments ?? '';
  const item = open?.kind === 'tool' ? open : { callId: done.call_id, hasInput: false };
  // Not announced by `output_item.added`: the call starts here.
  if (item !== open) state.emit({ type: 'tool-input-start', id: item.callId, toolName: done.name });
  if (!item.hasInput && args !== '')
    state.emit({ type: 'tool-input-delta', id: item.callId, delta: args });
  state.emit({ type: 'tool-input-end', id: item.callId });
  state.emit(functionCallPart(done));
  state.hasFunctionCall = true;
  state.items.delete(outputIndex);
}

/** A compaction item has nothing to stream: it comes whole, when it is done. */
function compactionDone(state: CodexStreamState, outputIndex: number, event: CodexEvent) {
  const parsed = compactionItemSchema.safeParse(event.item);
  if (!parsed.success)
    return reportMalformedItem(state, event, 'compaction item without id or encrypted_content');
  const id = uniquePartId(state, parsed.data.id, outputIndex);
  for (const part of compactionParts(id, compactionOfItem(parsed.data))) state.emit(part);
}

// ---- deltas: thousands per response, so a typeof guard and a Map lookup, nothing more

export const onTextDelta: EventHandler = (state, event) => {
  const delta = event.delta;
  if (typeof delta !== 'string') return;
  const outputIndex = event.output_index as number;
  const item = textItem(state, outputIndex, event.item_id);
  item.hasText = true;
  state.emit({ type: 'text-delta', id: item.id, delta });
};

export const onReasoningDelta: EventHandler = (state, event) => {
  const delta = event.delta;
  if (typeof delta !== 'string') return;
  const outputIndex = event.output_index as number;
  const item = reasoningItem(state, outputIndex, event.item_id);
  item.hasText = true;
  state.emit({ type: 'reasoning-delta', id: item.blockId, delta });
};

export const onReasoningSummaryPartAdded: EventHandler = (state, event) => {
  const outputIndex = event.output_index as number;
  const summaryIndex = typeof event.summary_index === 'number' ? event.summary_index : 0;
  const item = reasoningItem(state, outputIndex, event.item_id);
  // Part 0 is opened with the item; every later part is a block of its own.
  if (summaryIndex > 0 && item.blockId !== `${item.itemId}:${summaryIndex}`) {
    nextReasoningBlock(state, item, summaryIndex);
  }
};

export const onFunctionCallArgumentsDelta: EventHandler = (state, event) => {
  const delta = event.delta;
  if (typeof delta !== 'string') return;
  const item = state.items.get(event.output_index as number);
  // Without `output_item.added` the call id is unknown; `output_item.done` still brings
  // the whole call.
  if (item === undefined || item.kind !== 'tool') return;
  item.hasInput = true;
  state.emit({ type: 'tool-input-delta', id: item.callId, delta });
};
