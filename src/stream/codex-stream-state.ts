import type { APICallError } from '@ai-sdk/provider';
import type { CodexEvent, CodexTokenUsage } from '../wire/codex-events';
import { NO_TOOL_NAMES, type CodexToolNames } from '../request/codex-tool-names';
import type { CodexContentPart, CodexFinish } from './codex-stream-part';
import type { CodexRateLimits } from '../common/codex-rate-limits';

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
/**
 * A call of a tool the app runs: `tool` for function and shell calls, `custom` for a
 * freeform tool's call, whose raw text input streams as a JSON string.
 */
export type ToolItemState = {
  kind: 'tool' | 'custom';
  callId: string;
  toolName: string;
  hasInput: boolean;
};
/** A web search: its call went out when it started, its result follows when it is done. */
export type WebSearchItemState = { kind: 'web-search'; callId: string; toolName: string };
export type ItemState = TextItemState | ReasoningItemState | ToolItemState | WebSearchItemState;

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
  /** Which of the request's tools the backend's web search, shell and custom items are. */
  toolNames: CodexToolNames;
  /** A web search ran in this response: markdown links in its text count as sources. */
  webSearched: boolean;
  /** URLs already sent as `source` parts (each once per response). */
  sourceUrls: Set<string>;
  responseId: string | undefined;
  usage: CodexTokenUsage | undefined;
  /** Builds the spec version's `finish` part. */
  finishPart: (finish: CodexFinish) => { type: 'finish' };
  /** Set once `finish` went out: later events are ignored. */
  finished: boolean;
  /**
   * The code of the first item that was skipped (malformed, or a call to no tool of its
   * kind): the response ends in error with it (see `reportSkippedItem`).
   */
  skippedItemCode: string | undefined;
  rateLimits: CodexRateLimits | undefined;
};

/** A response's state: `emit` and `createError` of its attempt, the rest from the call's options. */
export function createCodexStreamState(
  emit: CodexStreamState['emit'],
  createError: StreamErrorFactory,
  {
    generateId,
    finishPart,
    toolNames = NO_TOOL_NAMES,
  }: Pick<CodexStreamState, 'generateId' | 'finishPart'> & { toolNames?: CodexToolNames },
  rateLimits: CodexRateLimits | undefined,
): CodexStreamState {
  return {
    emit,
    createError,
    generateId,
    items: new Map(),
    usedIds: new Set(),
    hasFunctionCall: false,
    toolNames,
    webSearched: false,
    sourceUrls: new Set(),
    responseId: undefined,
    usage: undefined,
    finishPart,
    finished: false,
    skippedItemCode: undefined,
    rateLimits,
  };
}

/** Part ids must be unique within a response even if the backend repeats an item id. */
export function uniquePartId(
  state: CodexStreamState,
  itemId: unknown,
  outputIndex: number,
): string {
  let id = typeof itemId === 'string' && itemId !== '' ? itemId : state.generateId();
  if (state.usedIds.has(id)) id = `${id}:${outputIndex}`;
  while (state.usedIds.has(id)) id = `${id}:${state.generateId()}`;
  state.usedIds.add(id);
  return id;
}
