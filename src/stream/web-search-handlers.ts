import type { CodexWebSearchCallItem } from '../wire/codex-output-items';
import { webSearchCallPart, webSearchResultPart } from './output-item-parts';
import { uniquePartId, type CodexStreamState, type WebSearchItemState } from './codex-stream-state';

// `web_search_call` items: the backend runs the search, so each one becomes a
// provider-executed tool call (when it starts) and its result (when it is done), under
// the key of the request's web search tool, as `@ai-sdk/openai` reports them.

/** Starts the search at `outputIndex`: its call goes out now. */
export function webSearchCallAdded(
  state: CodexStreamState,
  outputIndex: number,
  { id }: { id?: unknown },
): WebSearchItemState {
  const callId = uniquePartId(state, id, outputIndex);
  const toolName = state.toolNames.webSearch ?? 'web_search';
  const item: WebSearchItemState = { kind: 'web-search', callId, toolName };
  state.items.set(outputIndex, item);
  state.webSearched = true;
  state.emit({ type: 'tool-input-start', id: callId, toolName, providerExecuted: true });
  state.emit({ type: 'tool-input-end', id: callId });
  state.emit(webSearchCallPart(callId, toolName));
  return item;
}

export function webSearchCallDone(
  state: CodexStreamState,
  outputIndex: number,
  done: CodexWebSearchCallItem,
): void {
  const started = state.items.get(outputIndex);
  const item =
    started?.kind === 'web-search' ? started : webSearchCallAdded(state, outputIndex, done);
  state.emit(webSearchResultPart(done, item.callId, item.toolName));
  state.items.delete(outputIndex);
}
