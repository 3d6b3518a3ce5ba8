import type * as z from 'zod/v4';
import {
  compactionItemSchema,
  customToolCallItemSchema,
  functionCallItemSchema,
  localShellCallItemSchema,
  messageItemSchema,
  reasoningItemSchema,
  webSearchCallItemSchema,
  type CodexCompactionItem,
  type CodexFunctionCallItem,
  type CodexMessageItem,
  type CodexReasoningItem,
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
import { endToolCall, startToolCall } from './tool-call-item';
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

/** The text item at `outputIndex`, started here if the backend never announced it. */
function textItem(state: CodexStreamState, outputIndex: number, itemId: unknown): TextItemState {
  const open = state.items.get(outputIndex);
  if (open?.kind === 'text') return open;
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

/** The reasoning item at `outputIndex`, started here if the backend never announced it. */
function reasoningItem(
  state: CodexStreamState,
  outputIndex: number,
  itemId: unknown,
): ReasoningItemState {
  const open = state.items.get(outputIndex);
  if (open?.kind === 'reasoning') return open;
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

/**
 * A new summary part starts a new block; the finished one carries its item id so that the
 * parts regroup into one reasoning item on replay.
 */
function nextReasoningBlock(state: CodexStreamState, item: ReasoningItemState, index: number) {
  const providerMetadata = { codex: { itemId: item.itemId } };
  state.emit({ type: 'reasoning-end', id: item.blockId, providerMetadata });
  item.blockId = `${item.itemId}:${index}`;
  state.emit({ type: 'reasoning-start', id: item.blockId, providerMetadata });
}

function functionCallAdded(
  state: CodexStreamState,
  outputIndex: number,
  item: Record<string, unknown>,
): void {
  if (
    typeof item.call_id === 'string' &&
    typeof item.name === 'string' &&
    functionCallRefusal(state.toolNames, item.name) === undefined
  ) {
    startToolCall(state, outputIndex, 'tool', item.call_id, item.name);
  }
}

/** What an item type does when it starts (`output_item.added`) and when it is done. */
type ItemHandlers = {
  /** Reads the item unvalidated: only the fields it checks itself. */
  added?: (state: CodexStreamState, outputIndex: number, item: Record<string, unknown>) => void;
  done: (state: CodexStreamState, outputIndex: number, event: CodexEvent) => void;
};

/** The handlers of `type` items: a finished one is read with `schema`, or reported malformed. */
function itemHandlers<T>(
  type: string,
  schema: z.ZodType<T>,
  done: (state: CodexStreamState, outputIndex: number, item: T, event: CodexEvent) => void,
  added?: ItemHandlers['added'],
): [string, ItemHandlers] {
  return [
    type,
    {
      added,
      done: (state, outputIndex, event) => {
        const parsed = schema.safeParse(event.item);
        if (parsed.success) done(state, outputIndex, parsed.data, event);
        else reportMalformedItem(state, event, type, parsed.error);
      },
    },
  ];
}

const handlersByItemType: ReadonlyMap<unknown, ItemHandlers> = new Map([
  itemHandlers('message', messageItemSchema, messageDone, (state, outputIndex, item) =>
    textItem(state, outputIndex, item.id),
  ),
  itemHandlers('reasoning', reasoningItemSchema, reasoningDone, (state, outputIndex, item) =>
    reasoningItem(state, outputIndex, item.id),
  ),
  itemHandlers('function_call', functionCallItemSchema, functionCallDone, functionCallAdded),
  itemHandlers('web_search_call', webSearchCallItemSchema, webSearchCallDone, webSearchCallAdded),
  itemHandlers(
    'custom_tool_call',
    customToolCallItemSchema,
    customToolCallDone,
    customToolCallAdded,
  ),
  itemHandlers(
    'local_shell_call',
    localShellCallItemSchema,
    localShellCallDone,
    localShellCallAdded,
  ),
  itemHandlers('compaction', compactionItemSchema, compactionDone),
]);

export const onOutputItemAdded: EventHandler = (state, event) => {
  const outputIndex = event.output_index;
  const item = event.item as Record<string, unknown> | undefined;
  // A primitive `item` has no `type` and finds no handlers.
  if (typeof outputIndex !== 'number' || item == null) return;
  if (state.items.has(outputIndex)) return;
  handlersByItemType.get(item.type)?.added?.(state, outputIndex, item);
};

export const onOutputItemDone: EventHandler = (state, event) => {
  const outputIndex = event.output_index;
  const raw = event.item as { type?: unknown } | undefined;
  if (typeof outputIndex !== 'number' || raw == null) return;
  handlersByItemType.get(raw.type)?.done(state, outputIndex, event);
};

function messageDone(state: CodexStreamState, outputIndex: number, done: CodexMessageItem) {
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
  emitMessageSources(state, done.content ?? []);
}

function reasoningDone(state: CodexStreamState, outputIndex: number, done: CodexReasoningItem) {
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

function functionCallDone(
  state: CodexStreamState,
  outputIndex: number,
  done: CodexFunctionCallItem,
  event: CodexEvent,
) {
  const refusal = functionCallRefusal(state.toolNames, done.name);
  if (refusal !== undefined) return refuseToolCall(state, outputIndex, event, refusal);
  const open = state.items.get(outputIndex);
  // Not announced by `output_item.added`: the call starts here.
  const item =
    open?.kind === 'tool'
      ? open
      : startToolCall(state, outputIndex, 'tool', done.call_id, done.name);
  endToolCall(
    state,
    outputIndex,
    item,
    item.hasInput ? '' : (done.arguments ?? ''),
    functionCallPart(done),
  );
}

/** A compaction item has nothing to stream: it comes whole, when it is done. */
function compactionDone(state: CodexStreamState, outputIndex: number, done: CodexCompactionItem) {
  const id = uniquePartId(state, done.id, outputIndex);
  for (const part of compactionParts(id, compactionOfItem(done))) state.emit(part);
}

// ---- deltas: thousands per response, so a typeof guard and a Map lookup, nothing more

export const onTextDelta: EventHandler = (state, event) => {
  const delta = event.delta;
  if (typeof delta !== 'string') return;
  const item = textItem(state, event.output_index as number, event.item_id);
  item.hasText = true;
  state.emit({ type: 'text-delta', id: item.id, delta });
};

export const onReasoningDelta: EventHandler = (state, event) => {
  const delta = event.delta;
  if (typeof delta !== 'string') return;
  const item = reasoningItem(state, event.output_index as number, event.item_id);
  item.hasText = true;
  state.emit({ type: 'reasoning-delta', id: item.blockId, delta });
};

export const onReasoningSummaryPartAdded: EventHandler = (state, event) => {
  const summaryIndex = typeof event.summary_index === 'number' ? event.summary_index : 0;
  const item = reasoningItem(state, event.output_index as number, event.item_id);
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
