import * as z from 'zod/v4';
import type { CodexWarning } from '../common/codex-warning';
import type { CodexReasoningEffort } from './codex-model-capabilities';
import { parseArgument } from '../common/parse-argument';
import { otherWarning } from './other-warning';

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

/** The tiers the backend takes: `priority` (the official client's "fast") and `default`. */
export type CodexServiceTier = 'priority' | 'fast' | 'default' | (string & {});

export const codexProviderOptionsSchema = z
  .object({
    /**
     * `reasoning.effort`: `none`, `minimal`, `low`, `medium`, `high`, `xhigh`, or any newer
     * effort the model's catalog entry lists. Not every model takes every effort: one the
     * model lacks is moved to the nearest it has, with a warning.
     */
    reasoningEffort: z.custom<CodexReasoningEffort>(
      value => typeof value === 'string' && value.trim() !== '',
      {
        message: 'must be a reasoning effort such as low, medium or high',
      },
    ),
    /** `reasoning.summary`; `auto` when unset, `none` turns summaries off. */
    reasoningSummary: z.enum(['auto', 'concise', 'detailed', 'none']),
    /** `text.verbosity`. */
    textVerbosity: z.enum(['low', 'medium', 'high']),
    /** `parallel_tool_calls`; `true` when unset, as the official Codex client sends it. */
    parallelToolCalls: z.boolean(),
    /**
     * The conversation id: `prompt_cache_key` and the session, thread and window headers; the
     * provider's session id when unset.
     */
    promptCacheKey: z.string(),
    /**
     * `service_tier`: `'priority'` (Fast mode; `'fast'` is an alias) or `'default'`. The backend
     * refuses every other tier, so another value is not sent (a warning says so).
     */
    serviceTier: z.custom<CodexServiceTier>(value => typeof value === 'string', {
      message: "must be 'priority' (or 'fast') or 'default'",
    }),
    /**
     * Replaces the instructions built from the system messages; the system messages are
     * then sent as developer messages in `input`.
     */
    instructions: z.string(),
    /** Extra `include` entries; `reasoning.encrypted_content` is always requested. */
    include: z.array(z.string()),
    /**
     * `true`/`false` force `strict` on tools and structured output. Unset: strict exactly
     * when the schema qualifies (every property required, `additionalProperties: false`).
     */
    strictJsonSchema: z.boolean(),
    /**
     * `true`: compact the conversation before this call, whatever its size (the backend's
     * remote compaction; see the `compaction` setting of `createCodex`, which compacts on its
     * own near the model's context window).
     */
    compact: z.boolean(),
  })
  // every option may be left out
  .partial();

export type CodexProviderOptions = z.infer<typeof codexProviderOptionsSchema>;

/** How messages name the defaults given as `codex(modelId, settings)`. */
export const MODEL_SETTINGS = 'model settings';

const KNOWN_OPTIONS = Object.keys(codexProviderOptionsSchema.shape);

/**
 * Validates Codex options given as `providerOptions.codex` or as model settings (`where`
 * names them in messages). Bad values throw an `InvalidArgumentError` that names the field;
 * unknown keys (usually typos) are dropped and reported in `warnings`, each with the closest
 * known key.
 */
export function parseCodexOptions(
  value: unknown,
  where: string,
  warnings: CodexWarning[] = [],
): CodexProviderOptions | undefined {
  if (value == null) return undefined;
  const options = parseArgument(codexProviderOptionsSchema, value, where, where);
  for (const key of Object.keys(value as object)) {
    if (!KNOWN_OPTIONS.includes(key)) warnings.push(otherWarning(unknownOptionMessage(key, where)));
  }
  return options;
}

/** The warning text for an unknown option key. */
export function unknownOptionMessage(key: string, where: string): string {
  const suggestion = closestKnownOption(key);
  return `Unknown ${where} key "${key}" was ignored${suggestion != null ? `; did you mean "${suggestion}"?` : `. Known keys: ${KNOWN_OPTIONS.join(', ')}.`}`;
}

function closestKnownOption(key: string): string | undefined {
  const lower = key.toLowerCase();
  let best: string | undefined;
  let bestDistance = Infinity;
  for (const known of KNOWN_OPTIONS) {
    const distance = editDistance(lower, known.toLowerCase());
    if (distance < bestDistance) {
      best = known;
      bestDistance = distance;
    }
  }
  // Further apart than this, a suggestion would be a guess.
  return bestDistance <= Math.max(2, Math.floor(key.length / 3)) ? best : undefined;
}

/** Levenshtein distance, one row at a time. */
function editDistance(a: string, b: string): number {
  let previous = Array.from({ length: b.length + 1 }, (_, j) => j);
  for (let i = 1; i <= a.length; i++) {
    const current = [i];
    for (let j = 1; j <= b.length; j++) {
      current[j] = Math.min(
        previous[j]! + 1,
        current[j - 1]! + 1,
        previous[j - 1]! + (a[i - 1] === b[j - 1] ? 0 : 1),
      );
    }
    previous = current;
  }
  return previous[b.length]!;
}

/**
 * The `service_tier` to send for the `serviceTier` option: `'fast'` is the official client's
 * name for `priority`; a tier the backend refuses ("Unsupported service_tier") is left out
 * with a warning rather than failing the call.
 */
export function serviceTierToSend(serviceTier: string | undefined): {
  serviceTier?: 'priority' | 'default';
  warning?: CodexWarning;
} {
  if (serviceTier == null) return {};
  if (serviceTier === 'fast') return { serviceTier: 'priority' };
  if (serviceTier === 'priority' || serviceTier === 'default') return { serviceTier };
  return {
    warning: otherWarning(
      `serviceTier '${serviceTier}' was not sent: Codex takes only 'priority' (or 'fast') and 'default'.`,
    ),
  };
}
