import type { CodexLocalShellCallItem } from '../wire/codex-output-items';
import type { CodexEvent } from '../wire/codex-events';
import { localShellCallPart } from './output-item-parts';
import type { CodexStreamState } from './codex-stream-state';
import { localShellCallRoute, refuseToolCall } from './tool-call-routing';
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
  const route = localShellCallRoute(state.toolNames);
  // a call with no shell tool to go to is refused when it is done
  if (typeof callId === 'string' && 'toolName' in route) {
    startToolCall(state, outputIndex, 'tool', callId, route.toolName);
  }
}

export function localShellCallDone(
  state: CodexStreamState,
  outputIndex: number,
  done: CodexLocalShellCallItem,
  event: CodexEvent,
): void {
  const route = localShellCallRoute(state.toolNames);
  if ('refusal' in route) return refuseToolCall(state, outputIndex, event, route.refusal);
  const started = state.items.get(outputIndex);
  const item =
    started?.kind === 'tool'
      ? started
      : startToolCall(
          state,
          outputIndex,
          'tool',
          done.call_id ?? done.id ?? state.generateId(),
          route.toolName,
        );
  const call = localShellCallPart(done, item.callId, item.toolName);
  endToolCall(state, outputIndex, item, call.input, call);
}
