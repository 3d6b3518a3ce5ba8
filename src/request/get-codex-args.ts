import type { CodexWarning } from '../common/codex-warning';
import type { CodexCallOptions } from './codex-call-options';
import {
  fitReasoningEffort,
  knownModel as tableModel,
  type KnownModel,
} from './codex-model-capabilities';
import {
  MODEL_SETTINGS,
  parseCodexOptions,
  serviceTierToSend,
  type CodexProviderOptions,
} from './codex-provider-options';
import { prepareCodexTools } from './prepare-codex-tools';
import type { CodexToolNames } from './codex-tool-names';
import type { CodexInputItem, CodexRequestBody, CodexTextFormat } from '../wire/codex-request-body';
import { convertToCodexInput } from './convert-to-codex-input';
import { conversationRouting, type CodexConversationTurn } from './conversation-routing';
import { isStrictJsonSchema } from './is-strict-json-schema';
import { UNSUPPORTED_SETTINGS } from './unsupported-settings';
import { REMOTE_COMPACTION_HEADERS } from './compaction-request';

const ENCRYPTED_REASONING = 'reasoning.encrypted_content';

/**
 * Call options → Codex request body, and the headers that name the call's conversation,
 * turn and model. No I/O: everything the request depends on comes in through the
 * arguments, so the mapping can be tested without a server.
 */
export async function getCodexArgs({
  modelId,
  knownModel = tableModel(modelId, undefined),
  options,
  defaults,
}: {
  modelId: string;
  /**
   * What the catalog says of the model (its efforts, its window); unset, what the built-in
   * table says.
   */
  knownModel?: KnownModel | undefined;
  options: CodexCallOptions;
  defaults: {
    sessionId: string;
    defaultInstructions: string;
    /** Model-level defaults for `providerOptions.codex`; call options win. */
    providerOptions?: CodexProviderOptions;
  };
}): Promise<{
  body: CodexRequestBody;
  warnings: CodexWarning[];
  /** How the backend's tool items map to the app's tool names, for the stream. */
  toolNames: CodexToolNames;
  /** This call's routing headers (conversation, context window, model and tier). */
  headers: Record<string, string>;
  turn: CodexConversationTurn;
  /** `providerOptions.codex.compact`: compact the conversation before this call. */
  compact: boolean;
}> {
  const warnings = unsupportedSettingWarnings(options);
  const codexOptions = mergeCodexOptions(defaults.providerOptions, options, warnings);

  const { tools, toolChoice, toolWarnings, toolNames } = prepareCodexTools(
    options,
    codexOptions.strictJsonSchema,
  );

  const {
    systemTexts,
    input,
    warnings: inputWarnings,
  } = convertToCodexInput(options.prompt, toolNames);
  const instructions = resolveInstructions(
    codexOptions.instructions,
    systemTexts,
    input,
    defaults.defaultInstructions,
  );
  const text = textOptions(codexOptions, options.responseFormat);

  const { effort, warning: effortWarning } = fitReasoningEffort(
    modelId,
    codexOptions.reasoningEffort,
    knownModel,
  );
  const { serviceTier, warning: tierWarning } = serviceTierToSend(codexOptions.serviceTier);
  for (const warning of [effortWarning, tierWarning]) if (warning) warnings.push(warning);

  const body: CodexRequestBody = {
    model: modelId,
    instructions,
    input,
    ...(tools != null && { tools }),
    ...(toolChoice != null && { tool_choice: toolChoice }),
    parallel_tool_calls: codexOptions.parallelToolCalls ?? true,
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
    ...(serviceTier != null && { service_tier: serviceTier }),
  };
  const { headers, clientMetadata, turn } = conversationRouting(body, options.prompt);
  body.client_metadata = clientMetadata;

  return {
    body,
    warnings: [...warnings, ...inputWarnings, ...toolWarnings],
    toolNames,
    headers: { ...headers, ...REMOTE_COMPACTION_HEADERS },
    turn,
    compact: codexOptions.compact === true,
  };
}

function unsupportedSettingWarnings(options: CodexCallOptions) {
  const warnings: CodexWarning[] = [];
  for (const setting of UNSUPPORTED_SETTINGS) {
    const value = options[setting];
    if (value != null && !(Array.isArray(value) && value.length === 0)) {
      warnings.push({
        type: 'unsupported-setting',
        setting,
        details: 'Codex rejects this setting; it was not sent.',
      });
    }
  }
  return warnings;
}

/** Model settings under call options (call options win), with warnings for unknown keys. */
function mergeCodexOptions(
  modelSettings: CodexProviderOptions | undefined,
  options: CodexCallOptions,
  warnings: CodexWarning[],
): CodexProviderOptions {
  return {
    // Model settings were validated when the model was made; parsing them again here only
    // costs a few microseconds and gives every call the warnings for their unknown keys.
    ...parseCodexOptions(modelSettings, MODEL_SETTINGS, warnings),
    ...parseCodexOptions(
      withReasoningOption(options.providerOptions?.codex, options.reasoning),
      'providerOptions.codex',
      warnings,
    ),
  };
}

/**
 * AI SDK 7's generic `reasoning` level as `providerOptions.codex.reasoningEffort`, which
 * wins when it is set itself. `max` is the highest level Codex has.
 */
function withReasoningOption(
  codexOptions: Record<string, unknown> | undefined,
  reasoning: string | undefined,
): Record<string, unknown> | undefined {
  if (reasoning == null || reasoning === 'provider-default') return codexOptions;
  if (codexOptions?.reasoningEffort != null) return codexOptions;
  return { ...codexOptions, reasoningEffort: reasoning === 'max' ? 'xhigh' : reasoning };
}

/**
 * The `instructions` slot: the override when set (the system messages then still reach the
 * model as a developer message at the start of `input`), else the system messages, else
 * the default (the backend requires some).
 */
function resolveInstructions(
  override: string | undefined,
  systemTexts: string[],
  input: CodexInputItem[],
  defaultInstructions: string,
): string {
  const joined = systemTexts.join('\n\n');
  if (override?.trim()) {
    if (systemTexts.length > 0) {
      input.unshift({
        type: 'message',
        role: 'developer',
        content: [{ type: 'input_text', text: joined }],
      });
    }
    return override;
  }
  return joined.trim() ? joined : defaultInstructions;
}

function textOptions(
  { textVerbosity: verbosity, strictJsonSchema }: CodexProviderOptions,
  responseFormat: CodexCallOptions['responseFormat'],
): CodexRequestBody['text'] {
  let format: CodexTextFormat | undefined;
  if (responseFormat?.type === 'json') {
    const { schema, name, description } = responseFormat;
    format =
      schema != null
        ? {
            type: 'json_schema',
            name: name ?? 'response',
            ...(description != null && { description }),
            schema,
            strict: strictJsonSchema ?? isStrictJsonSchema(schema),
          }
        : { type: 'json_object' };
  }
  if (verbosity == null && format == null) return undefined;
  return { ...(verbosity != null && { verbosity }), ...(format != null && { format }) };
}
