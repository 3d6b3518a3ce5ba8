import type {
  CodexToolCallPart,
  CodexToolResultOutput,
  CodexToolResultPart,
} from './codex-call-options';
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

/** What our stream puts on tool calls of the backend's own tools (`providerMetadata.codex`). */
const toolCallMetadataSchema = z
  .object({
    itemType: z.enum(['custom_tool_call', 'local_shell_call', 'web_search_call']).nullish(),
    /** A custom tool's backend name, when it differs from the tool name. */
    name: z.string().nullish(),
  })
  .loose();

export type ReplayedToolCall =
  /** Not one of the backend's own tools: the caller sends a `function_call`. */
  | undefined
  /** Left out (a warning says why). */
  | { item: undefined }
  | { item: CodexInputItem; awaitsOutput: boolean };

/**
 * Replays the calls of the backend's own tools (web search, custom, local shell) the way
 * the official client does: no item ids, custom calls with their raw input, local shell
 * calls with their action, web searches with the action from their result. Remembers each
 * call's kind so that its output goes back as the item the backend pairs with it.
 */
export class CodexToolReplay {
  private readonly kinds = new Map<string, ClientToolKind>();
  private readonly webSearches = new Map<string, CodexWebSearchCallInput>();

  constructor(
    private readonly names: CodexToolNames,
    private readonly warn: (message: string) => void,
  ) {}

  call(part: CodexToolCallPart): ReplayedToolCall {
    const parsed = toolCallMetadataSchema.safeParse(part.providerOptions?.codex ?? {});
    const meta = parsed.success ? parsed.data : {};
    const name = part.toolName;

    if (part.providerExecuted) {
      if (meta.itemType !== 'web_search_call' && name !== this.names.webSearch) return undefined;
      const item: CodexWebSearchCallInput = { type: 'web_search_call', status: 'completed' };
      this.webSearches.set(part.toolCallId, item);
      return { item, awaitsOutput: false };
    }

    if (meta.itemType === 'custom_tool_call' || Object.hasOwn(this.names.customBySdkName, name)) {
      this.kinds.set(part.toolCallId, 'custom');
      return {
        item: {
          type: 'custom_tool_call',
          call_id: part.toolCallId,
          name: Object.hasOwn(this.names.customBySdkName, name)
            ? this.names.customBySdkName[name]!
            : (meta.name ?? name),
          input: typeof part.input === 'string' ? part.input : JSON.stringify(part.input ?? ''),
        },
        awaitsOutput: true,
      };
    }

    if (meta.itemType === 'local_shell_call' || name === this.names.localShell) {
      const input = localShellInputSchema.safeParse(part.input);
      if (!input.success) {
        this.warn(
          `Local shell call ${part.toolCallId} (${name}) has no valid action in its input; it was not sent.`,
        );
        return { item: undefined };
      }
      this.kinds.set(part.toolCallId, 'local_shell');
      return {
        item: {
          type: 'local_shell_call',
          call_id: part.toolCallId,
          status: 'completed',
          action: toWireShellAction(input.data.action),
        },
        awaitsOutput: true,
      };
    }

    this.kinds.set(part.toolCallId, 'function');
    return undefined;
  }

  /** A provider-executed result in an assistant message; false if it is not ours. */
  providerResult(part: CodexToolResultPart): boolean {
    const item = this.webSearches.get(part.toolCallId);
    if (item == null) return false;
    const output = part.output;
    if (output.type === 'json') {
      const parsed = webSearchOutputSchema.safeParse(output.value);
      const action = parsed.success ? parsed.data.action : undefined;
      if (action != null) item.action = toWireSearchAction(action);
    }
    return true;
  }

  /**
   * The output item for a call, of the call's own kind: `custom_tool_call_output`,
   * `local_shell_call_output` (the Responses API's item, as `@ai-sdk/openai` sends it; the
   * official client answers with `function_call_output`, which the backend also takes),
   * else `function_call_output`.
   */
  outputItem(callId: string, output: CodexToolOutput): CodexInputItem {
    switch (this.kinds.get(callId)) {
      case 'custom':
        return { type: 'custom_tool_call_output', call_id: callId, output };
      case 'local_shell':
        // `local_shell_call_output` holds text only; images go as the official client sends
        // every shell output
        if (typeof output === 'string') {
          return { type: 'local_shell_call_output', call_id: callId, output };
        }
        return { type: 'function_call_output', call_id: callId, output };
      default:
        return { type: 'function_call_output', call_id: callId, output };
    }
  }

  /** A local shell result `{ output }` goes back as its text; undefined: format as usual. */
  outputText(callId: string, output: CodexToolResultOutput): string | undefined {
    if (this.kinds.get(callId) !== 'local_shell' || output.type !== 'json') return undefined;
    const parsed = localShellOutputSchema.safeParse(output.value);
    return parsed.success ? parsed.data.output : undefined;
  }
}

function toWireShellAction(
  action: z.infer<typeof localShellInputSchema>['action'],
): CodexLocalShellAction {
  return {
    type: 'exec',
    command: action.command,
    ...(action.timeoutMs != null && { timeout_ms: action.timeoutMs }),
    ...(action.workingDirectory != null && { working_directory: action.workingDirectory }),
    ...(action.env != null && { env: action.env }),
    ...(action.user != null && { user: action.user }),
  };
}

function toWireSearchAction(
  action: NonNullable<z.infer<typeof webSearchOutputSchema>['action']>,
): CodexWebSearchAction {
  switch (action.type) {
    case 'search':
      return {
        type: 'search',
        ...(action.query != null && { query: action.query }),
        ...(action.queries != null && { queries: action.queries }),
      };
    case 'openPage':
      return { type: 'open_page', ...(action.url != null && { url: action.url }) };
    case 'findInPage':
      return {
        type: 'find_in_page',
        ...(action.url != null && { url: action.url }),
        ...(action.pattern != null && { pattern: action.pattern }),
      };
  }
}
