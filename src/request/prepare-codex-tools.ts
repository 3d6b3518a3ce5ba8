import { InvalidArgumentError } from '@ai-sdk/provider';
import type { CodexWarning } from '../common/codex-warning';
import type { CodexCallOptions, CodexProviderToolOption } from './codex-call-options';
import * as z from 'zod/v4';
import type { CodexTool, CodexToolChoice } from '../wire/codex-tool-definitions';
import {
  APPLY_PATCH_DESCRIPTION,
  APPLY_PATCH_LARK_GRAMMAR,
  APPLY_PATCH_TOOL_ID,
  APPLY_PATCH_TOOL_NAME,
  applyPatchArgsSchema,
} from '../tools/apply-patch';
import { CUSTOM_TOOL_ID, customToolArgsSchema } from '../tools/custom-tool';
import { LOCAL_SHELL_TOOL_ID, localShellArgsSchema } from '../tools/local-shell';
import { WEB_SEARCH_TOOL_ID, webSearchArgsSchema } from '../tools/web-search';
import type { CodexToolNames } from './codex-tool-names';
import { isStrictJsonSchema } from './is-strict-json-schema';
import { parseArgument } from '../common/parse-argument';
import { otherWarning } from './other-warning';

/**
 * AI SDK tools → Codex `tools` and `tool_choice`: function tools, and the provider tools of
 * `codex.tools` (web search, custom/freeform, apply_patch, local shell). Other providers'
 * tools are left out with a warning.
 */
export function prepareCodexTools(
  { tools, toolChoice }: Pick<CodexCallOptions, 'tools' | 'toolChoice'>,
  /** `providerOptions.codex.strictJsonSchema`: unset, each schema decides. */
  strictJsonSchema: boolean | undefined,
): {
  tools: CodexTool[] | undefined;
  toolChoice: CodexToolChoice | undefined;
  toolWarnings: CodexWarning[];
  toolNames: CodexToolNames;
} {
  const toolWarnings: CodexWarning[] = [];
  const codexTools: CodexTool[] = [];
  const toolNames: CodexToolNames = { kinds: {}, customByWireName: {}, customBySdkName: {} };
  // the backend rejects two tools of one name, so a second one is left out
  const wireNames = new Set<string>();

  for (const sdkTool of tools ?? []) {
    const sdkName = sdkTool.name;
    const tool: CodexTool | undefined =
      sdkTool.type === 'function'
        ? {
            type: 'function',
            name: sdkName,
            ...(sdkTool.description != null && { description: sdkTool.description }),
            parameters: sdkTool.inputSchema,
            strict: strictJsonSchema ?? isStrictJsonSchema(sdkTool.inputSchema),
          }
        : providerTool(sdkTool, toolWarnings);
    // until it is sent
    toolNames.kinds[sdkName] = 'unsent';
    if (tool == null) continue;
    // the web search and local shell tools go by their type
    const wireName = 'name' in tool ? tool.name : tool.type;
    if (wireNames.has(wireName)) {
      toolWarnings.push({
        type: 'unsupported-tool',
        toolName: sdkName,
        details: `Another tool is already sent as '${wireName}'; this one was left out.`,
      });
      continue;
    }
    wireNames.add(wireName);
    codexTools.push(tool);
    // the wire's tool types are the stream's call kinds
    toolNames.kinds[sdkName] = tool.type;
    if (tool.type === 'web_search') toolNames.webSearch = sdkName;
    if (tool.type === 'local_shell') toolNames.localShell = sdkName;
    if (tool.type === 'custom') {
      toolNames.customByWireName[wireName] = sdkName;
      toolNames.customBySdkName[sdkName] = wireName;
    }
  }

  const sent = codexTools.length > 0;
  return {
    tools: sent ? codexTools : undefined,
    toolChoice: sent ? toCodexToolChoice(toolChoice, toolNames, toolWarnings) : undefined,
    toolWarnings,
    toolNames,
  };
}

/** One tool of `codex.tools` as the wire has it; another provider's tool is only warned about. */
function providerTool(
  tool: CodexProviderToolOption,
  toolWarnings: CodexWarning[],
): CodexTool | undefined {
  switch (tool.id) {
    case WEB_SEARCH_TOOL_ID:
      return toWebSearchTool(parseToolArgs(tool, webSearchArgsSchema));
    case CUSTOM_TOOL_ID: {
      const { name, description, format } = parseToolArgs(tool, customToolArgsSchema);
      checkCustomToolName(tool, name);
      return {
        type: 'custom',
        name: tool.name,
        ...(description != null && { description }),
        format: format ?? { type: 'text' },
      };
    }
    case APPLY_PATCH_TOOL_ID:
      parseToolArgs(tool, applyPatchArgsSchema);
      return {
        type: 'custom',
        name: APPLY_PATCH_TOOL_NAME,
        description: APPLY_PATCH_DESCRIPTION,
        format: { type: 'grammar', syntax: 'lark', definition: APPLY_PATCH_LARK_GRAMMAR },
      };
    case LOCAL_SHELL_TOOL_ID:
      parseToolArgs(tool, localShellArgsSchema);
      return { type: 'local_shell' };
  }
  toolWarnings.push({
    type: 'unsupported-tool',
    toolName: tool.name,
    details: `Codex does not know the provider tool '${tool.id}'; it was not sent. Use function tools or codex.tools.`,
  });
  return undefined;
}

function toWebSearchTool({
  externalWebAccess,
  allowedDomains,
  userLocation,
  searchContextSize,
}: z.infer<typeof webSearchArgsSchema>): CodexTool {
  return {
    type: 'web_search',
    ...(externalWebAccess != null && { external_web_access: externalWebAccess }),
    ...(allowedDomains != null && { filters: { allowed_domains: allowedDomains } }),
    // the schema keeps `type` first and only the location's own keys
    ...(userLocation != null && { user_location: { type: 'approximate', ...userLocation } }),
    ...(searchContextSize != null && { search_context_size: searchContextSize }),
  };
}

function toCodexToolChoice(
  toolChoice: CodexCallOptions['toolChoice'],
  { webSearch, localShell, customBySdkName }: CodexToolNames,
  toolWarnings: CodexWarning[],
): CodexToolChoice | undefined {
  if (toolChoice?.type !== 'tool') return toolChoice?.type;
  const name = toolChoice.toolName;
  if (name === webSearch) return { type: 'web_search' };
  if (Object.hasOwn(customBySdkName, name)) return { type: 'custom', name: customBySdkName[name]! };
  if (name === localShell) {
    // the backend has no way to name local_shell in tool_choice
    toolWarnings.push(
      otherWarning(
        `toolChoice cannot name the local shell tool '${name}'; it was sent as 'required'.`,
      ),
    );
    return 'required';
  }
  return { type: 'function', name };
}

/**
 * `@ai-sdk/openai` 3.x names a custom tool twice, by its key and by `name`. We send it
 * under its key (the name the AI SDK reports its calls by), so a `name` that says
 * otherwise would be silently ignored: it is refused instead.
 */
function checkCustomToolName(tool: CodexProviderToolOption, name: string | undefined): void {
  if (name == null || name === tool.name) return;
  throw new InvalidArgumentError({
    argument: `tools.${tool.name}`,
    message: `\`tools.${tool.name}\` has \`name: '${name}'\`, but Codex sends a custom tool under its key: rename the key to '${name}', or drop \`name\`.`,
  });
}

function parseToolArgs<T>(tool: CodexProviderToolOption, schema: z.ZodType<T>): T {
  return parseArgument(
    schema,
    tool.args ?? {},
    `tools.${tool.name}`,
    `arguments for the ${tool.id} tool '${tool.name}'`,
  );
}
