/**
 * How the backend's tool items and the app's tool names relate. The AI SDK names tools by
 * their key in `tools`; the backend names web search and local shell by type and custom
 * tools by their own name (`apply_patch` stays `apply_patch` under any key). Built from
 * the request's tools, read by the stream (item → tool name) and by the replay (tool
 * name → item).
 */
/** What a tool of the call went out as: its kind, or `unsent` when it was left out. */
export type CodexToolKind = 'function' | 'custom' | 'local_shell' | 'web_search' | 'unsent';

export type CodexToolNames = {
  /** Every tool of the call by its key, and what it was sent as. */
  kinds: Record<string, CodexToolKind>;
  /** The key of the web search tool, if the request has one. */
  webSearch?: string;
  /** The key of the local shell tool, if the request has one. */
  localShell?: string;
  /** Custom tools: backend name → key. */
  customByWireName: Record<string, string>;
  /** Custom tools: key → backend name. */
  customBySdkName: Record<string, string>;
};

const NONE: Record<string, never> = Object.freeze({});

export const NO_TOOL_NAMES: CodexToolNames = Object.freeze({
  kinds: NONE,
  customByWireName: NONE,
  customBySdkName: NONE,
});

/** The tool name for a `custom_tool_call` item's `name`. */
export function customToolSdkName(names: CodexToolNames, wireName: string): string {
  return Object.hasOwn(names.customByWireName, wireName)
    ? names.customByWireName[wireName]!
    : wireName;
}
