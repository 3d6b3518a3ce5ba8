import { webSearchCallItemSchema } from '../wire/codex-output-items';
import type { CodexEvent } from '../wire/codex-events';
import { webSearchCallPart, webSearchResultPart } from './output-item-parts';
import { uniquePartId, type CodexStreamState, type WebSearchItemState } from './codex-stream-state';
import { reportMalformedItem } from './report-skipped-item';

// `web_search_call` items: the backend runs the search, so each one becomes a
// provider-executed tool call (when it starts) and its result (when it is done), under
// the key of the request's web search tool, as `@ai-sdk/openai` reports them.

function startWebSearch(
  state: CodexStreamState,
  outputIndex: number,
  itemId: unknown,
): WebSearchItemState {
  const callId = uniquePartId(state, itemId, outputIndex);
  const toolName = state.toolNames.webSearch ?? 'web_search';
  const item: WebSearchItemState = { kind: 'web-search', callId, toolName };
  state.items.set(outputIndex, item);
  state.webSearched = true;
  state.emit({ type: 'tool-input-start', id: callId, toolName, providerExecuted: true });
  state.emit({ type: 'tool-input-end', id: callId });
  state.emit(webSearchCallPart(callId, toolName));
  return item;
}

export function webSearchCallAdded(
  state: CodexStreamState,
  outputIndex: number,
  item: Record<string, unknown>,
): void {
  startWebSearch(state, outputIndex, item.id);
}

export function webSearchCallDone(
  state: CodexStreamState,
  outputIndex: number,
  event: CodexEvent,
): void {
  const parsed = webSearchCallItemSchema.safeParse(event.item);
  if (!parsed.success) return reportMalformedItem(state, event, 'web_search_call item');
  const done = parsed.data;
  const started = state.items.get(outputIndex);
  const item =
    started?.kind === 'web-search' ? started : startWebSearch(state, outputIndex, done.id);
  state.emit(webSearchResultPart(done, item.callId, item.toolName));
  state.items.delete(outputIndex);
}
