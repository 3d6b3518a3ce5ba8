import type { LanguageModelV2CallOptions, LanguageModelV2CallWarning } from '@ai-sdk/provider';
import type { CodexFunctionTool, CodexToolChoice } from '../codex-responses-api';
import { isStrictJsonSchema } from './is-strict-json-schema';

export function prepareCodexTools({
  tools,
  toolChoice,
  strictJsonSchema,
}: {
  tools: LanguageModelV2CallOptions['tools'];
  toolChoice: LanguageModelV2CallOptions['toolChoice'];
  strictJsonSchema: boolean | undefined;
}): {
  tools: CodexFunctionTool[] | undefined;
  toolChoice: CodexToolChoice | undefined;
  toolWarnings: LanguageModelV2CallWarning[];
} {
  const toolWarnings: LanguageModelV2CallWarning[] = [];
  const codexTools: CodexFunctionTool[] = [];

  for (const tool of tools ?? []) {
    if (tool.type === 'function') {
      codexTools.push({
        type: 'function',
        name: tool.name,
        ...(tool.description != null && { description: tool.description }),
        parameters: tool.inputSchema,
        strict: strictJsonSchema ?? isStrictJsonSchema(tool.inputSchema),
      });
    } else {
      toolWarnings.push({
        type: 'unsupported-tool',
        tool,
        details: 'Codex runs function tools only; provider-defined tools are not sent.',
      });
    }
  }

  if (codexTools.length === 0) return { tools: undefined, toolChoice: undefined, toolWarnings };

  let codexToolChoice: CodexToolChoice | undefined;
  switch (toolChoice?.type) {
    case undefined:
      break;
    case 'auto':
    case 'none':
    case 'required':
      codexToolChoice = toolChoice.type;
      break;
    case 'tool':
      codexToolChoice = { type: 'function', name: toolChoice.toolName };
      break;
  }
  return { tools: codexTools, toolChoice: codexToolChoice, toolWarnings };
}
