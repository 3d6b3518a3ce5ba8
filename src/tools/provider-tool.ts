import type * as z from 'zod/v4';

/** What a tool's `execute` is told; every AI SDK version passes at least this. */
export type CodexToolExecutionOptions = {
  toolCallId: string;
  abortSignal?: AbortSignal;
};

/** The app-side `execute` of a tool: a value, a promise, or a stream of preliminary results. */
export type CodexToolExecute<INPUT, OUTPUT> = (
  input: INPUT,
  options: CodexToolExecutionOptions,
) => OUTPUT | PromiseLike<OUTPUT> | AsyncIterable<OUTPUT>;

/** The fields a provider tool has in every AI SDK version. */
type CodexToolFields<INPUT, OUTPUT> = {
  id: `codex.${string}`;
  args: Record<string, unknown>;
  inputSchema: z.ZodType<INPUT>;
  outputSchema?: z.ZodType<OUTPUT>;
  execute?: CodexToolExecute<INPUT, OUTPUT>;
};

/**
 * A Codex provider tool as AI SDK 6 and 7 expect it (`type: 'provider'`). Typed by
 * structure, so that it fits the `Tool` of both SDKs without depending on either.
 */
export type CodexProviderTool<INPUT, OUTPUT, EXECUTED extends boolean = false> = CodexToolFields<
  INPUT,
  OUTPUT
> & { type: 'provider'; isProviderExecuted: EXECUTED };

/**
 * AI SDK 5 spells the same tool `type: 'provider-defined'` and adds its default name. Also
 * typed by structure: `ai@5` pins its own copy of `@ai-sdk/provider-utils`, whose `Tool`
 * type would not accept another copy's.
 */
export type CodexProviderDefinedTool<INPUT, OUTPUT> = CodexToolFields<INPUT, OUTPUT> & {
  type: 'provider-defined';
  name: string;
};

export type CodexToolDefinition<INPUT, OUTPUT, EXECUTED extends boolean> = {
  id: `codex.${string}`;
  /** The default key in `tools` (the AI SDK sends the key, not this). */
  name: string;
  inputSchema: z.ZodType<INPUT>;
  outputSchema?: z.ZodType<OUTPUT>;
  /** Web search runs on the backend; everything else runs in the app. */
  providerExecuted: EXECUTED;
};

/** A provider tool as AI SDK 5 takes it (`provider-defined`, with its default name). */
export function v2ProviderTool<INPUT, OUTPUT>(
  definition: CodexToolDefinition<INPUT, OUTPUT, boolean>,
  args: Record<string, unknown>,
  execute: CodexToolExecute<INPUT, OUTPUT> | undefined,
): CodexProviderDefinedTool<INPUT, OUTPUT> {
  return {
    type: 'provider-defined',
    name: definition.name,
    ...toolFields(definition, args, execute),
  };
}

/** A provider tool as AI SDK 6 and 7 take it (`provider`, saying who runs it). */
export function v3ProviderTool<INPUT, OUTPUT, EXECUTED extends boolean>(
  definition: CodexToolDefinition<INPUT, OUTPUT, EXECUTED>,
  args: Record<string, unknown>,
  execute: CodexToolExecute<INPUT, OUTPUT> | undefined,
): CodexProviderTool<INPUT, OUTPUT, EXECUTED> {
  return {
    type: 'provider',
    isProviderExecuted: definition.providerExecuted,
    ...toolFields(definition, args, execute),
  };
}

/**
 * What every version's tool carries. Args are validated when the request is built, as
 * `@ai-sdk/openai` does.
 */
function toolFields<INPUT, OUTPUT>(
  definition: CodexToolDefinition<INPUT, OUTPUT, boolean>,
  args: Record<string, unknown>,
  execute: CodexToolExecute<INPUT, OUTPUT> | undefined,
): CodexToolFields<INPUT, OUTPUT> {
  return {
    id: definition.id,
    args,
    inputSchema: definition.inputSchema,
    ...(definition.outputSchema != null && { outputSchema: definition.outputSchema }),
    ...(execute != null && { execute }),
  };
}
