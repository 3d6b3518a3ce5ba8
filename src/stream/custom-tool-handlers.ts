import { customToolCallItemSchema } from '../wire/codex-output-items';
import type { CodexEvent } from '../wire/codex-events';
import { customToolCallPart } from './output-item-parts';
import type { CodexStreamState, CustomToolItemState, EventHandler } from './codex-stream-state';
import { reportMalformedItem } from './report-skipped-item';
import { customToolCallRoute, refuseToolCall } from './tool-call-routing';

// `custom_tool_call` items (freeform tools, `apply_patch`): the input is raw text. The AI
// SDK parses a tool call's input as JSON, so it travels as a JSON string — and so do the
// `tool-input-delta`s, which together spell exactly the tool call's input.

function startCustomTool(
  state: CodexStreamState,
  outputIndex: number,
  callId: string,
  toolName: string,
): CustomToolItemState {
  const item: CustomToolItemState = { kind: 'custom', callId, toolName, hasInput: false };
  state.items.set(outputIndex, item);
  state.emit({ type: 'tool-input-start', id: callId, toolName });
  return item;
}

export function customToolCallAdded(
  state: CodexStreamState,
  outputIndex: number,
  item: Record<string, unknown>,
): void {
  if (typeof item.call_id !== 'string' || typeof item.name !== 'string') return;
  const route = customToolCallRoute(state.toolNames, item.name);
  // a call to no custom tool is refused when it is done
  if ('toolName' in route) startCustomTool(state, outputIndex, item.call_id, route.toolName);
}

export const onCustomToolCallInputDelta: EventHandler = (state, event) => {
  const delta = event.delta;
  if (typeof delta !== 'string') return;
  const item = state.items.get(event.output_index as number);
  if (item === undefined || item.kind !== 'custom') return;
  const escaped = JSON.stringify(delta).slice(1, -1);
  state.emit({
    type: 'tool-input-delta',
    id: item.callId,
    delta: item.hasInput ? escaped : `"${escaped}`,
  });
  item.hasInput = true;
};

export function customToolCallDone(
  state: CodexStreamState,
  outputIndex: number,
  event: CodexEvent,
): void {
  const parsed = customToolCallItemSchema.safeParse(event.item);
  if (!parsed.success) {
    return reportMalformedItem(state, event, 'custom_tool_call item without call_id or name');
  }
  const done = parsed.data;
  const route = customToolCallRoute(state.toolNames, done.name);
  if ('refusal' in route) return refuseToolCall(state, outputIndex, event, route.refusal);
  const started = state.items.get(outputIndex);
  const item =
    started?.kind === 'custom'
      ? started
      : startCustomTool(state, outputIndex, done.call_id, route.toolName);
  const call = customToolCallPart(done, state.toolNames);
  state.emit({
    type: 'tool-input-delta',
    id: item.callId,
    delta: item.hasInput ? '"' : call.input,
  });
  state.emit({ type: 'tool-input-end', id: item.callId });
  state.emit(call);
  state.hasFunctionCall = true;
  state.items.delete(outputIndex);
}
