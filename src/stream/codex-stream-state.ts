import type { APICallError } from '@ai-sdk/provider';
import type { CodexEvent, CodexUsage } from '../codex-responses-api';
import type { CodexContentPart, CodexFinish, CodexUnifiedFinishReason } from './codex-output-shape';
import type { CodexRateLimits } from './codex-rate-limits';

export type TextItemState = {
  kind: 'text';
  id: string;
  itemId: string | undefined;
  hasText: boolean;
};
export type ReasoningItemState = {
  kind: 'reasoning';
  itemId: string;
  /** Id of the open reasoning block (one is open from the item's start to its end). */
  blockId: string;
  hasText: boolean;
};
export type ToolItemState = { kind: 'tool'; callId: string; toolName: string; hasInput: boolean };
export type ItemState = TextItemState | ReasoningItemState | ToolItemState;

export type StreamErrorFactory = (args: {
  code: string | null | undefined;
  message: string | null | undefined;
  data: unknown;
}) => APICallError;

export type EventHandler = (state: CodexStreamState, event: CodexEvent) => void;

/** Everything one response's event handlers share. Per-item state is keyed by `output_index`. */
export type CodexStreamState = {
  /** A method, so that a stream typed with a spec version's `finish` part can be the target. */
  emit(part: CodexContentPart | { type: 'finish' }): void;
  createError: StreamErrorFactory;
  generateId: () => string;
  items: Map<number, ItemState>;
  usedIds: Set<string>;
  hasFunctionCall: boolean;
  responseId: string | undefined;
  serviceTier: string | undefined;
  finishReason: CodexUnifiedFinishReason;
  rawFinishReason: string | undefined;
  usage: CodexUsage | undefined;
  /** Builds the spec version's `finish` part. */
  finishPart: (finish: CodexFinish) => { type: 'finish' };
  /** Set once `finish` went out: later events are ignored. */
  finished: boolean;
  rateLimits: CodexRateLimits | undefined;
};

export function createCodexStreamState({
  emit,
  createError,
  generateId,
  rateLimits,
  finishPart,
}: Pick<CodexStreamState, 'emit' | 'createError' | 'generateId' | 'finishPart'> & {
  rateLimits?: CodexRateLimits;
}): CodexStreamState {
  return {
    emit,
    createError,
    generateId,
    items: new Map(),
    usedIds: new Set(),
    hasFunctionCall: false,
    responseId: undefined,
    serviceTier: undefined,
    finishReason: 'other',
    rawFinishReason: undefined,
    usage: undefined,
    finishPart,
    finished: false,
    rateLimits,
  };
}

/** Part ids must be unique within a response even if the backend repeats an item id. */
export function uniquePartId(
  state: CodexStreamState,
  itemId: unknown,
  outputIndex: unknown,
): string {
  let id = typeof itemId === 'string' && itemId !== '' ? itemId : state.generateId();
  if (state.usedIds.has(id)) id = `${id}:${String(outputIndex)}`;
  while (state.usedIds.has(id)) id = `${id}:${state.generateId()}`;
  state.usedIds.add(id);
  return id;
}
