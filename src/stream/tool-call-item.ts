import type { CodexToolCall } from './codex-stream-part';
import type { CodexStreamState, ToolItemState } from './codex-stream-state';

// A call of a tool the app runs (function, custom, local shell): its input streams between
// `tool-input-start` and `tool-input-end`, then the call goes out, whichever the item type.

/** Opens the call's input at `outputIndex`. */
export function startToolCall(
  state: CodexStreamState,
  outputIndex: number,
  kind: ToolItemState['kind'],
  callId: string,
  toolName: string,
): ToolItemState {
  const item: ToolItemState = { kind, callId, toolName, hasInput: false };
  state.items.set(outputIndex, item);
  state.emit({ type: 'tool-input-start', id: callId, toolName });
  return item;
}

/** Ends the call at `outputIndex`: the rest of its input (if any), the input's end, the call. */
export function endToolCall(
  state: CodexStreamState,
  outputIndex: number,
  item: ToolItemState,
  lastDelta: string,
  call: CodexToolCall,
): void {
  if (lastDelta !== '') state.emit({ type: 'tool-input-delta', id: item.callId, delta: lastDelta });
  state.emit({ type: 'tool-input-end', id: item.callId });
  state.emit(call);
  state.hasFunctionCall = true;
  state.items.delete(outputIndex);
}
