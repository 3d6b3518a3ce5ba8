import { applyPatchToolDefinition } from './apply-patch';
import { customToolDefinition, type CodexCustomToolArgs } from './custom-tool';
import {
  localShellToolDefinition,
  type CodexLocalShellInput,
  type CodexLocalShellOutput,
} from './local-shell';
import {
  v2ProviderTool,
  v3ProviderTool,
  type CodexProviderDefinedTool,
  type CodexProviderTool,
  type CodexToolExecute,
} from './provider-tool';
import {
  webSearchToolDefinition,
  type CodexWebSearchArgs,
  type CodexWebSearchOutput,
} from './web-search';

type ToolOf<INPUT, OUTPUT, FLAVOR, EXECUTED extends boolean = false> = FLAVOR extends 'v2'
  ? CodexProviderDefinedTool<INPUT, OUTPUT>
  : CodexProviderTool<INPUT, OUTPUT, EXECUTED>;

/**
 * `codex.tools`: the backend's own tools, used like `openai.tools` of `@ai-sdk/openai`
 * (put them in `tools` under any key). The root entry builds AI SDK 5 tools, `/v3` and
 * `/v4` build AI SDK 6/7 tools; the request is the same.
 */
export type CodexTools<FLAVOR extends 'v2' | 'v3'> = {
  /**
   * The backend's web search (`web_search`). It runs on OpenAI's side: each search comes
   * back as a provider-executed tool call and result, and the answer's citations as
   * `source` parts.
   */
  webSearch(
    args?: CodexWebSearchArgs,
  ): ToolOf<Record<string, never>, CodexWebSearchOutput, FLAVOR, true>;
  /**
   * A freeform tool (`custom`): the model writes raw text (optionally constrained by a Lark
   * or regex grammar) instead of JSON arguments. The tool's key in `tools` is its name.
   */
  custom<OUTPUT = unknown>(
    args: CodexCustomToolArgs & { execute?: CodexToolExecute<string, OUTPUT> },
  ): ToolOf<string, OUTPUT, FLAVOR>;
  /** Same as `custom`, under the name `@ai-sdk/openai` uses. */
  customTool<OUTPUT = unknown>(
    args: CodexCustomToolArgs & { execute?: CodexToolExecute<string, OUTPUT> },
  ): ToolOf<string, OUTPUT, FLAVOR>;
  /**
   * The official Codex `apply_patch` freeform tool, with its Lark grammar: the input is a
   * patch (`*** Begin Patch` … `*** End Patch`) for the app to apply. Sent as
   * `apply_patch` whatever its key in `tools`.
   */
  applyPatch<OUTPUT = unknown>(args?: {
    execute?: CodexToolExecute<string, OUTPUT>;
  }): ToolOf<string, OUTPUT, FLAVOR>;
  /**
   * The backend's `local_shell` tool: the model asks the app to run a command (argv,
   * working directory, env, timeout) and reads back `{ output }`. Run it sandboxed.
   */
  localShell(args?: {
    execute?: CodexToolExecute<CodexLocalShellInput, CodexLocalShellOutput>;
  }): ToolOf<CodexLocalShellInput, CodexLocalShellOutput, FLAVOR>;
};

/** `codex.tools` of the root entry (AI SDK 5). */
export function createCodexToolsV2(): CodexTools<'v2'> {
  const custom: CodexTools<'v2'>['custom'] = ({ execute, ...args }) =>
    v2ProviderTool(customToolDefinition, args, execute);
  return {
    webSearch: (args = {}) => v2ProviderTool(webSearchToolDefinition, args, undefined),
    custom,
    customTool: custom,
    applyPatch: ({ execute } = {}) => v2ProviderTool(applyPatchToolDefinition, {}, execute),
    localShell: ({ execute } = {}) => v2ProviderTool(localShellToolDefinition, {}, execute),
  };
}

/** `codex.tools` of `/v3` and `/v4` (AI SDK 6 and 7 take the same tools). */
export function createCodexToolsV3(): CodexTools<'v3'> {
  const custom: CodexTools<'v3'>['custom'] = ({ execute, ...args }) =>
    v3ProviderTool(customToolDefinition, args, execute);
  return {
    webSearch: (args = {}) => v3ProviderTool(webSearchToolDefinition, args, undefined),
    custom,
    customTool: custom,
    applyPatch: ({ execute } = {}) => v3ProviderTool(applyPatchToolDefinition, {}, execute),
    localShell: ({ execute } = {}) => v3ProviderTool(localShellToolDefinition, {}, execute),
  };
}
