import { localShellCallItemSchema } from '../wire/codex-output-items';
import type { CodexEvent } from '../wire/codex-events';
import { localShellCallPart } from './output-item-parts';
import type { CodexStreamState, ToolItemState } from './codex-stream-state';
import { reportMalformedItem } from './report-malformed-item';

// `local_shell_call` items: the model asks the app to run a command. The action arrives
// whole with the finished item and becomes the tool call's input, camelCased as
// `@ai-sdk/openai` hands it to `execute`.

function startLocalShell(
  state: CodexStreamState,
  outputIndex: number,
  callId: string,
): ToolItemState {
  const toolName = state.toolNames.localShell ?? 'local_shell';
  const item: ToolItemState = { kind: 'tool', callId, toolName, hasInput: false };
  state.items.set(outputIndex, item);
  state.emit({ type: 'tool-input-start', id: callId, toolName });
  return item;
}

export function localShellCallAdded(
  state: CodexStreamState,
  outputIndex: number,
  item: Record<string, unknown>,
): void {
  const callId = item.call_id ?? item.id;
  if (typeof callId === 'string') startLocalShell(state, outputIndex, callId);
}

export function localShellCallDone(
  state: CodexStreamState,
  outputIndex: number,
  event: CodexEvent,
): void {
  const parsed = localShellCallItemSchema.safeParse(event.item);
  if (!parsed.success)
    return reportMalformedItem(state, event, 'local_shell_call item without an exec action');
  const done = parsed.data;
  const started = state.items.get(outputIndex);
  const item =
    started?.kind === 'tool'
      ? started
      : startLocalShell(state, outputIndex, done.call_id ?? done.id ?? state.generateId());
  const call = localShellCallPart(done, item.callId, item.toolName);
  state.emit({ type: 'tool-input-delta', id: item.callId, delta: call.input });
  state.emit({ type: 'tool-input-end', id: item.callId });
  state.emit(call);
  state.hasFunctionCall = true;
  state.items.delete(outputIndex);
}
