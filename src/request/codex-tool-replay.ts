import type { CodexWarning } from '../common/codex-warning';
import type { CodexToolCallPart, CodexToolResultPart } from './codex-call-options';
import { convertToolOutput } from './convert-tool-output';
import * as z from 'zod/v4';
import type {
  CodexInputItem,
  CodexLocalShellAction,
  CodexToolOutput,
  CodexWebSearchAction,
  CodexWebSearchCallInput,
} from '../wire/codex-request-body';
import { localShellInputSchema, localShellOutputSchema } from '../tools/local-shell';
import { webSearchOutputSchema } from '../tools/web-search';
import type { CodexToolNames } from './codex-tool-names';

type ClientToolKind = 'function' | 'custom' | 'local_shell';

/**
 * Replays tool calls: function calls as `function_call`, and those of the backend's own tools
 * (web search, custom, local shell) the way the official client does: no item ids, custom
 * calls with their raw input, local shell calls with their action, web searches with the
 * action from their result. Remembers each call's kind so that its output goes back as the
 * item the backend pairs with it.
 */
export function codexToolReplay(names: CodexToolNames, warn: (message: string) => void) {
  const kinds = new Map<string, ClientToolKind>();
  const webSearches = new Map<string, CodexWebSearchCallInput>();
  const notSent = (what: 'call' | 'result', toolName: string): undefined => {
    warn(`Provider-executed tool ${what} ${toolName} is not sent to Codex.`);
    return undefined;
  };

  /**
   * The output item for a call, of the call's own kind: `custom_tool_call_output`,
   * `local_shell_call_output` (the Responses API's item, as `@ai-sdk/openai` sends it; the
   * official client answers with `function_call_output`, which the backend also takes),
   * else `function_call_output`. `local_shell_call_output` holds text only; images go as
   * the official client sends every shell output.
   */
  const outputItem = (call_id: string, output: CodexToolOutput): CodexInputItem => {
    const kind = kinds.get(call_id);
    if (kind === 'local_shell' && typeof output === 'string') {
      return { type: 'local_shell_call_output', call_id, output };
    }
    const type = kind === 'custom' ? 'custom_tool_call_output' : 'function_call_output';
    return { type, call_id, output };
  };

  return {
    outputItem,

    /** The item for a call; undefined when it is left out (a warning says why). */
    call(part: CodexToolCallPart): CodexInputItem | undefined {
      // what our stream puts on calls of the backend's own tools (`providerMetadata.codex`),
      // read loosely: each value is only compared, or used when it is a string
      const meta = part.providerOptions?.codex;
      const itemType = meta?.itemType;
      const { toolCallId: call_id, toolName: name, input } = part;
      const { webSearch, localShell, customBySdkName } = names;

      if (part.providerExecuted) {
        if (itemType !== 'web_search_call' && name !== webSearch) {
          return notSent('call', name);
        }
        const item: CodexWebSearchCallInput = { type: 'web_search_call', status: 'completed' };
        webSearches.set(call_id, item);
        return item;
      }

      const isCustom = Object.hasOwn(customBySdkName, name);
      if (isCustom || itemType === 'custom_tool_call') {
        // a custom tool's backend name, when it differs from the tool name
        const wireName = isCustom ? customBySdkName[name] : meta?.name;
        kinds.set(call_id, 'custom');
        return {
          type: 'custom_tool_call',
          call_id,
          name: typeof wireName === 'string' ? wireName : name,
          input: typeof input === 'string' ? input : JSON.stringify(input ?? ''),
        };
      }

      if (itemType === 'local_shell_call' || name === localShell) {
        const shell = localShellInputSchema.safeParse(input);
        if (!shell.success) {
          warn(
            `Local shell call ${call_id} (${name}) has no valid action in its input; it was not sent.`,
          );
          return undefined;
        }
        kinds.set(call_id, 'local_shell');
        return {
          type: 'local_shell_call',
          call_id,
          status: 'completed',
          action: toWireShellAction(shell.data.action),
        };
      }

      kinds.set(call_id, 'function');
      return { type: 'function_call', call_id, name, arguments: JSON.stringify(input ?? {}) };
    },

    /** A provider-executed result in an assistant message: a web search's gives its action. */
    providerResult({ toolCallId, toolName, output }: CodexToolResultPart): void {
      const item = webSearches.get(toolCallId);
      if (item == null) return notSent('result', toolName);
      if (output.type === 'json') {
        const action = webSearchOutputSchema.safeParse(output.value).data?.action;
        if (action != null) item.action = toWireSearchAction(action);
      }
    },

    /** The output item for a tool result; a local shell result `{ output }` goes as its text. */
    resultItem(part: CodexToolResultPart, warnings: CodexWarning[]): CodexInputItem {
      const { toolCallId, output } = part;
      const shellText =
        kinds.get(toolCallId) === 'local_shell' && output.type === 'json'
          ? localShellOutputSchema.safeParse(output.value).data?.output
          : undefined;
      return outputItem(toolCallId, shellText ?? convertToolOutput(output, part, warnings));
    },
  };
}

function toWireShellAction({
  command,
  timeoutMs,
  workingDirectory,
  env,
  user,
}: z.infer<typeof localShellInputSchema>['action']): CodexLocalShellAction {
  return {
    type: 'exec',
    command,
    ...(timeoutMs != null && { timeout_ms: timeoutMs }),
    ...(workingDirectory != null && { working_directory: workingDirectory }),
    ...(env != null && { env }),
    ...(user != null && { user }),
  };
}

/**
 * The action as the wire spells it: only its type is named otherwise (the schema keeps
 * `type` first and drops unknown keys).
 */
function toWireSearchAction(
  action: NonNullable<z.infer<typeof webSearchOutputSchema>['action']>,
): CodexWebSearchAction {
  switch (action.type) {
    case 'search':
      return action;
    case 'openPage':
      return { ...action, type: 'open_page' };
    case 'findInPage':
      return { ...action, type: 'find_in_page' };
  }
}
