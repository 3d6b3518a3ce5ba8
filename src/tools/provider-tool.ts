import type { z } from 'zod/v4';

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

export type CodexToolDefinition<INPUT, OUTPUT> = {
  id: `codex.${string}`;
  /** The default key in `tools` (the AI SDK sends the key, not this). */
  name: string;
  inputSchema: z.ZodType<INPUT>;
  outputSchema?: z.ZodType<OUTPUT>;
  /** Web search runs on the backend; everything else runs in the app. */
  providerExecuted: boolean;
};

/**
 * The one place where the spec versions differ for tools: the type tag (`provider-defined`
 * in V2, `provider` in V3/V4) and the fields around it. Args are validated when the request
 * is built, as `@ai-sdk/openai` does.
 */
export function buildProviderTool(
  flavor: 'v2' | 'next',
  definition: CodexToolDefinition<unknown, unknown>,
  args: Record<string, unknown>,
  execute: ((input: any, options: any) => unknown) | undefined,
): unknown {
  const common = {
    id: definition.id,
    args,
    inputSchema: definition.inputSchema,
    ...(definition.outputSchema != null && { outputSchema: definition.outputSchema }),
    ...(execute != null && { execute }),
  };
  return flavor === 'v2'
    ? { type: 'provider-defined', name: definition.name, ...common }
    : { type: 'provider', isProviderExecuted: definition.providerExecuted, ...common };
}

/** Splits a factory's options into tool args and the app's `execute`. */
export function splitExecute<T extends { execute?: unknown }>(
  options: T,
): { args: Record<string, unknown>; execute: any } {
  const { execute, ...args } = options;
  return { args: args as Record<string, unknown>, execute };
}
