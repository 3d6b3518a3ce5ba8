import type { CodexCustomToolCallItem } from '../wire/codex-output-items';
import type { CodexEvent } from '../wire/codex-events';
import { customToolCallPart } from './output-item-parts';
import type { CodexStreamState, EventHandler } from './codex-stream-state';
import { customToolSdkName } from '../request/codex-tool-names';
import { customToolCallRefusal, refuseToolCall } from './tool-call-routing';
import { endToolCall, startToolCall } from './tool-call-item';

// `custom_tool_call` items (freeform tools, `apply_patch`): the input is raw text. The AI
// SDK parses a tool call's input as JSON, so it travels as a JSON string — and so do the
// `tool-input-delta`s, which together spell exactly the tool call's input.

export function customToolCallAdded(
  state: CodexStreamState,
  outputIndex: number,
  item: Record<string, unknown>,
): void {
  if (typeof item.call_id !== 'string' || typeof item.name !== 'string') return;
  // a call to no custom tool is refused when it is done
  if (customToolCallRefusal(state.toolNames, item.name) !== undefined) return;
  const toolName = customToolSdkName(state.toolNames, item.name);
  startToolCall(state, outputIndex, 'custom', item.call_id, toolName);
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
  done: CodexCustomToolCallItem,
  event: CodexEvent,
): void {
  const refusal = customToolCallRefusal(state.toolNames, done.name);
  if (refusal !== undefined) return refuseToolCall(state, outputIndex, event, refusal);
  const call = customToolCallPart(done, state.toolNames);
  const started = state.items.get(outputIndex);
  const item =
    started?.kind === 'custom'
      ? started
      : startToolCall(state, outputIndex, 'custom', done.call_id, call.toolName);
  // the streamed input lacks its closing quote
  endToolCall(state, outputIndex, item, item.hasInput ? '"' : call.input, call);
}
