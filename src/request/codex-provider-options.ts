import { z } from 'zod/v4';

export type CodexModelId =
  | 'gpt-5.5'
  | 'gpt-5.4'
  | 'gpt-5.4-mini'
  | 'gpt-5.3-codex'
  | 'gpt-5.2'
  | 'gpt-5.1-codex'
  | 'gpt-5.1-codex-max'
  | 'gpt-5.1-codex-mini'
  | 'gpt-5-codex'
  | 'gpt-5'
  | 'codex-mini-latest'
  | (string & {});

export const codexProviderOptionsSchema = z.object({
  /** `reasoning.effort`. Not every model accepts every level. */
  reasoningEffort: z.enum(['none', 'minimal', 'low', 'medium', 'high', 'xhigh']).optional(),
  /** `reasoning.summary`; `auto` when unset, `none` turns summaries off. */
  reasoningSummary: z.enum(['auto', 'concise', 'detailed', 'none']).optional(),
  /** `text.verbosity`. */
  textVerbosity: z.enum(['low', 'medium', 'high']).optional(),
  /** `parallel_tool_calls`; `false` when unset, as the Codex CLI sends it. */
  parallelToolCalls: z.boolean().optional(),
  /** `prompt_cache_key`; the provider's session id when unset. */
  promptCacheKey: z.string().optional(),
  /** `service_tier`. */
  serviceTier: z.enum(['auto', 'default', 'flex', 'priority']).optional(),
  /**
   * Replaces the instructions built from the system messages; the system messages are
   * then sent as developer messages in `input`.
   */
  instructions: z.string().optional(),
  /** Extra `include` entries; `reasoning.encrypted_content` is always requested. */
  include: z.array(z.string()).optional(),
  /**
   * `true`/`false` force `strict` on tools and structured output. Unset: strict exactly
   * when the schema qualifies (every property required, `additionalProperties: false`).
   */
  strictJsonSchema: z.boolean().optional(),
});

export type CodexProviderOptions = z.infer<typeof codexProviderOptionsSchema>;

/** What `ai` hands back on reasoning parts, from our `reasoning-end` metadata. */
export const codexReasoningMetadataSchema = z.object({
  itemId: z.string().nullish(),
  reasoningEncryptedContent: z.string().nullish(),
});
