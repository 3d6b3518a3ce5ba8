import type { CodexToolKind, CodexToolNames } from '../request/codex-tool-names';
import type { CodexEvent } from '../wire/codex-events';
import type { CodexStreamState } from './codex-stream-state';
import { INVALID_TOOL_CALL_CODE, reportSkippedItem } from './report-skipped-item';

// A call goes only to a declared tool of its own kind. The AI SDK runs whichever tool has
// the call's name, so a call of one kind named after a tool of another (a `function_call`
// named like a grammar-constrained custom tool, a shell call for a function tool named
// `local_shell`) would hand free text or a command to that tool's `execute`. Such a call is
// skipped and reported (`reportSkippedItem`); a name the request does not know at all still
// goes to the AI SDK, which reports it as a missing tool (and can repair it).

const KIND_NAMES: Record<Exclude<CodexToolKind, 'function'>, string> = {
  custom: 'a custom tool',
  local_shell: 'the local shell tool',
  web_search: 'the web search tool',
  unsent: 'a tool left out of the request',
};

// A refusal says what the backend sent and why it may not go out; `refuseToolCall` makes
// it a sentence.

/** Why a `function_call` named `name` may not go out, or `undefined` when it may. */
export function functionCallRefusal(names: CodexToolNames, name: string): string | undefined {
  const kind = Object.hasOwn(names.kinds, name)
    ? names.kinds[name]
    : Object.hasOwn(names.customByWireName, name)
      ? 'custom'
      : undefined;
  if (kind === undefined || kind === 'function') return undefined;
  return `function_call for '${name}', which is ${KIND_NAMES[kind]} of this request, not a function tool`;
}

/** Why a `custom_tool_call` for `wireName` may not go out, or `undefined` when it may. */
export function customToolCallRefusal(names: CodexToolNames, wireName: string): string | undefined {
  if (Object.hasOwn(names.customByWireName, wireName)) return undefined;
  return `custom_tool_call for '${wireName}', which is no custom tool of this request`;
}

/** Why a shell call may not go out when the request declares no local shell tool. */
export const LOCAL_SHELL_REFUSAL =
  'local_shell_call, but this request declares no local shell tool (codex.tools.localShell())';

/**
 * Skips the call `event` ends with, and reports why. An input already opened for it (its
 * start named another tool) is closed: no part is left dangling.
 */
export function refuseToolCall(
  state: CodexStreamState,
  outputIndex: number,
  event: CodexEvent,
  refusal: string,
) {
  const open = state.items.get(outputIndex);
  if (open?.kind === 'tool' || open?.kind === 'custom') {
    state.emit({ type: 'tool-input-end', id: open.callId });
  }
  state.items.delete(outputIndex);
  reportSkippedItem(
    state,
    INVALID_TOOL_CALL_CODE,
    `The Codex backend sent a ${refusal}; it was skipped and no tool was run.`,
    event,
  );
}
