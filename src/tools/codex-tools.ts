import { applyPatchToolDefinition } from './apply-patch';
import { customToolDefinition, type CodexCustomToolArgs } from './custom-tool';
import {
  localShellToolDefinition,
  type CodexLocalShellInput,
  type CodexLocalShellOutput,
} from './local-shell';
import {
  buildProviderTool,
  splitExecute,
  type CodexProviderDefinedTool,
  type CodexProviderTool,
  type CodexToolDefinition,
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
export type CodexTools<FLAVOR extends 'v2' | 'next'> = {
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

export function createCodexTools<FLAVOR extends 'v2' | 'next'>(flavor: FLAVOR): CodexTools<FLAVOR> {
  const build = (definition: CodexToolDefinition<any, any>, options: object = {}) => {
    const { args, execute } = splitExecute(options as { execute?: unknown });
    return buildProviderTool(flavor, definition, args, execute) as any;
  };
  const custom = (args: CodexCustomToolArgs & { execute?: unknown }) =>
    build(customToolDefinition, args);
  return {
    webSearch: (args = {}) => build(webSearchToolDefinition, args),
    custom,
    customTool: custom,
    applyPatch: (args = {}) => build(applyPatchToolDefinition, args),
    localShell: (args = {}) => build(localShellToolDefinition, args),
  };
}
