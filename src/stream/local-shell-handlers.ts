import { localShellCallItemSchema } from '../wire/codex-output-items';
import type { CodexEvent } from '../wire/codex-events';
import { localShellCallPart } from './output-item-parts';
import type { CodexStreamState, ToolItemState } from './codex-stream-state';
import { reportMalformedItem } from './report-skipped-item';
import { localShellCallRoute, refuseToolCall } from './tool-call-routing';

// `local_shell_call` items: the model asks the app to run a command. The action arrives
// whole with the finished item and becomes the tool call's input, camelCased as
// `@ai-sdk/openai` hands it to `execute`.

function startLocalShell(
  state: CodexStreamState,
  outputIndex: number,
  callId: string,
  toolName: string,
): ToolItemState {
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
  const route = localShellCallRoute(state.toolNames);
  // a call with no shell tool to go to is refused when it is done
  if (typeof callId === 'string' && 'toolName' in route) {
    startLocalShell(state, outputIndex, callId, route.toolName);
  }
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
  const route = localShellCallRoute(state.toolNames);
  if ('refusal' in route) return refuseToolCall(state, outputIndex, event, route.refusal);
  const started = state.items.get(outputIndex);
  const item =
    started?.kind === 'tool'
      ? started
      : startLocalShell(
          state,
          outputIndex,
          done.call_id ?? done.id ?? state.generateId(),
          route.toolName,
        );
  const call = localShellCallPart(done, item.callId, item.toolName);
  state.emit({ type: 'tool-input-delta', id: item.callId, delta: call.input });
  state.emit({ type: 'tool-input-end', id: item.callId });
  state.emit(call);
  state.hasFunctionCall = true;
  state.items.delete(outputIndex);
}
