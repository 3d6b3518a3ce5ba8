import type { CodexLocalShellCallItem } from '../wire/codex-output-items';
import type { CodexEvent } from '../wire/codex-events';
import { localShellCallPart } from './output-item-parts';
import type { CodexStreamState } from './codex-stream-state';
import { LOCAL_SHELL_REFUSAL, refuseToolCall } from './tool-call-routing';
import { endToolCall, startToolCall } from './tool-call-item';

// `local_shell_call` items: the model asks the app to run a command. The action arrives
// whole with the finished item and becomes the tool call's input, camelCased as
// `@ai-sdk/openai` hands it to `execute`.

export function localShellCallAdded(
  state: CodexStreamState,
  outputIndex: number,
  item: Record<string, unknown>,
): void {
  const callId = item.call_id ?? item.id;
  const toolName = state.toolNames.localShell;
  // a call with no shell tool to go to is refused when it is done
  if (typeof callId === 'string' && toolName != null) {
    startToolCall(state, outputIndex, 'tool', callId, toolName);
  }
}

export function localShellCallDone(
  state: CodexStreamState,
  outputIndex: number,
  done: CodexLocalShellCallItem,
  event: CodexEvent,
): void {
  const toolName = state.toolNames.localShell;
  if (toolName == null) return refuseToolCall(state, outputIndex, event, LOCAL_SHELL_REFUSAL);
  const started = state.items.get(outputIndex);
  const item =
    started?.kind === 'tool'
      ? started
      : startToolCall(
          state,
          outputIndex,
          'tool',
          done.call_id ?? done.id ?? state.generateId(),
          toolName,
        );
  const call = localShellCallPart(done, item.callId, item.toolName);
  endToolCall(state, outputIndex, item, call.input, call);
}
