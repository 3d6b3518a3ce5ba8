import type { LanguageModelV2CallOptions, LanguageModelV2CallWarning } from '@ai-sdk/provider';
import { clampReasoningEffort } from './codex-model-capabilities';
import {
  MODEL_SETTINGS,
  parseCodexOptions,
  unknownOptionMessage,
  type CodexProviderOptions,
} from './codex-provider-options';
import { prepareCodexTools } from './prepare-codex-tools';
import type { CodexToolNames } from './codex-tool-names';
import type { CodexRequestBody, CodexTextFormat } from '../codex-responses-api';
import { convertToCodexInput } from './convert-to-codex-input';
import { isStrictJsonSchema } from './is-strict-json-schema';

// The backend answers 400 "Unsupported parameter" to each of these, so they are never sent.
const UNSUPPORTED_SETTINGS = [
  'maxOutputTokens',
  'temperature',
  'topP',
  'topK',
  'presencePenalty',
  'frequencyPenalty',
  'seed',
  'stopSequences',
] as const;

const ENCRYPTED_REASONING = 'reasoning.encrypted_content';

/**
 * Call options → Codex request body. No I/O: everything the request depends on comes in
 * through the arguments, so the mapping can be tested without a server.
 */
export async function getCodexArgs({
  modelId,
  options,
  defaults,
}: {
  modelId: string;
  options: LanguageModelV2CallOptions;
  defaults: {
    sessionId: string;
    defaultInstructions: string;
    /** Model-level defaults for `providerOptions.codex`; call options win. */
    providerOptions?: CodexProviderOptions;
  };
}): Promise<{
  body: CodexRequestBody;
  warnings: LanguageModelV2CallWarning[];
  /** How the backend's tool items map to the app's tool names, for the stream. */
  toolNames: CodexToolNames;
}> {
  const warnings: LanguageModelV2CallWarning[] = [];
  for (const setting of UNSUPPORTED_SETTINGS) {
    const value = options[setting];
    if (value != null && !(Array.isArray(value) && value.length === 0)) {
      warnings.push({
        type: 'unsupported-setting',
        setting,
        details: 'The Codex backend rejects this parameter; it was not sent.',
      });
    }
  }

  // Model settings were validated when the model was made; parsing them again here only
  // costs a few microseconds and gives every call the warnings for their unknown keys.
  const modelOptions = parseCodexOptions(defaults.providerOptions, MODEL_SETTINGS);
  const callOptions = parseCodexOptions(options.providerOptions?.codex, 'providerOptions.codex');
  const codexOptions: CodexProviderOptions = { ...modelOptions.options, ...callOptions.options };
  for (const [where, unknownKeys] of [
    [MODEL_SETTINGS, modelOptions.unknownKeys],
    ['providerOptions.codex', callOptions.unknownKeys],
  ] as const) {
    for (const key of unknownKeys) {
      warnings.push({ type: 'other', message: unknownOptionMessage(key, where) });
    }
  }

  const { tools, toolChoice, toolWarnings, toolNames } = prepareCodexTools({
    tools: options.tools,
    toolChoice: options.toolChoice,
    strictJsonSchema: codexOptions.strictJsonSchema,
  });

  const {
    systemTexts,
    input,
    warnings: inputWarnings,
  } = convertToCodexInput(options.prompt, toolNames);

  let instructions: string;
  if (codexOptions.instructions != null && codexOptions.instructions.trim() !== '') {
    instructions = codexOptions.instructions;
    // The override takes the instructions slot; the system messages still reach the model.
    if (systemTexts.length > 0) {
      input.unshift({
        type: 'message',
        role: 'developer',
        content: [{ type: 'input_text', text: systemTexts.join('\n\n') }],
      });
    }
  } else {
    const joined = systemTexts.join('\n\n');
    instructions = joined.trim() !== '' ? joined : defaults.defaultInstructions;
  }

  let format: CodexTextFormat | undefined;
  if (options.responseFormat?.type === 'json') {
    const { schema, name, description } = options.responseFormat;
    format =
      schema != null
        ? {
            type: 'json_schema',
            name: name ?? 'response',
            ...(description != null && { description }),
            schema,
            strict: codexOptions.strictJsonSchema ?? isStrictJsonSchema(schema),
          }
        : { type: 'json_object' };
  }

  const text =
    codexOptions.textVerbosity != null || format != null
      ? {
          ...(codexOptions.textVerbosity != null && { verbosity: codexOptions.textVerbosity }),
          ...(format != null && { format }),
        }
      : undefined;

  let effort = codexOptions.reasoningEffort;
  if (effort != null) {
    const clamped = clampReasoningEffort(modelId, effort);
    effort = clamped.effort;
    if (clamped.warning) warnings.push(clamped.warning);
  }

  const body: CodexRequestBody = {
    model: modelId,
    instructions,
    input,
    ...(tools != null && { tools }),
    ...(toolChoice != null && { tool_choice: toolChoice }),
    parallel_tool_calls: codexOptions.parallelToolCalls ?? false,
    reasoning: {
      ...(effort != null && { effort }),
      summary: codexOptions.reasoningSummary ?? 'auto',
    },
    store: false,
    stream: true,
    include: [
      ENCRYPTED_REASONING,
      ...(codexOptions.include ?? []).filter(i => i !== ENCRYPTED_REASONING),
    ],
    prompt_cache_key: codexOptions.promptCacheKey ?? defaults.sessionId,
    ...(text != null && { text }),
    ...(codexOptions.serviceTier != null && { service_tier: codexOptions.serviceTier }),
  };

  return { body, warnings: [...warnings, ...inputWarnings, ...toolWarnings], toolNames };
}
