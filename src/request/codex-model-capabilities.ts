import type { CodexWarning } from '../common/codex-warning';
import { otherWarning } from './other-warning';

/**
 * A reasoning effort. The official client's list in 2026 is `none` to `xhigh`; a model's
 * catalog entry may list newer ones, which are taken as they are.
 */
export type CodexReasoningEffort =
  'none' | 'minimal' | 'low' | 'medium' | 'high' | 'xhigh' | (string & {});

export type CodexModelCapabilities = {
  reasoningEfforts: readonly CodexReasoningEffort[];
  defaultReasoningEffort: CodexReasoningEffort;
  /** Whether `reasoning.summary` applies. */
  reasoningSummaries: boolean;
  /** Tokens one request may hold, input and output together, as the Codex catalog states it. */
  contextWindow?: number;
};

/** The efforts this package can order, low to high; a newer one is only ever sent as asked. */
const EFFORT_ORDER: readonly string[] = ['none', 'minimal', 'low', 'medium', 'high', 'xhigh'];

const LOW_TO_HIGH = ['low', 'medium', 'high'];
const LOW_TO_XHIGH = [...LOW_TO_HIGH, 'xhigh'];
const NONE_TO_XHIGH = ['none', ...LOW_TO_XHIGH];

/** The window the official client's catalog gives the GPT-5 family on Codex. */
const CODEX_WINDOW = 272_000;

const caps = (
  reasoningEfforts: readonly CodexReasoningEffort[],
  contextWindow?: number,
  defaultReasoningEffort: CodexReasoningEffort = 'medium',
): CodexModelCapabilities => ({
  reasoningEfforts,
  defaultReasoningEffort,
  reasoningSummaries: true,
  ...(contextWindow != null && { contextWindow }),
});

/**
 * What the known models accept, as the official client's presets and catalog list them
 * (2026). The live catalog (`listModels()`) is the authority and wins once it is loaded;
 * this table only keeps a request from earning a 400 for an effort the model lacks, and
 * gives a context window when the catalog was not asked. A window is left out where no
 * source states one.
 */
export const CODEX_MODEL_CAPABILITIES: Readonly<Record<string, CodexModelCapabilities>> = {
  'gpt-5.5': caps(NONE_TO_XHIGH),
  'gpt-5.4': caps(NONE_TO_XHIGH),
  'gpt-5.4-mini': caps(NONE_TO_XHIGH),
  'gpt-5.3-codex': caps(LOW_TO_XHIGH, CODEX_WINDOW),
  'gpt-5.2': caps(NONE_TO_XHIGH, CODEX_WINDOW),
  'gpt-5.1-codex-max': caps(LOW_TO_XHIGH, CODEX_WINDOW),
  'gpt-5.1-codex': caps(LOW_TO_HIGH, CODEX_WINDOW),
  'gpt-5.1-codex-mini': caps(['medium', 'high'], CODEX_WINDOW),
  'gpt-5.1': caps(['none', ...LOW_TO_HIGH], CODEX_WINDOW, 'none'),
  'gpt-5-codex': caps(LOW_TO_HIGH, CODEX_WINDOW),
  'gpt-5': caps(['minimal', ...LOW_TO_HIGH], CODEX_WINDOW),
  'codex-mini-latest': caps(LOW_TO_HIGH, 200_000),
};

/** The part of a catalog entry (`listModels()`) that says what a model takes. */
export type CodexCatalogEntry = {
  reasoningLevels: readonly string[];
  defaultReasoningLevel?: string;
  contextWindow?: number;
};

/**
 * What a call knows of a model, without asking the backend: each fact from the live
 * catalog when the provider has loaded it, else from `CODEX_MODEL_CAPABILITIES`.
 */
export type KnownModel = {
  /** The efforts the model takes; empty when neither source lists any. */
  reasoningEfforts: readonly string[];
  /** Where the efforts come from: the live catalog, or this package's table. */
  effortsFrom: 'catalog' | 'table';
  defaultReasoningEffort?: string;
  /** Tokens one request may hold, input and output together. */
  contextWindow?: number;
};

/** `undefined` when neither the catalog entry nor the table knows the model. */
export function knownModel(
  modelId: string,
  catalogEntry: CodexCatalogEntry | undefined,
): KnownModel | undefined {
  const table = Object.hasOwn(CODEX_MODEL_CAPABILITIES, modelId)
    ? CODEX_MODEL_CAPABILITIES[modelId]
    : undefined;
  if (catalogEntry == null && table == null) return undefined;
  const catalogEfforts = catalogEntry?.reasoningLevels ?? [];
  const fromCatalog = catalogEfforts.length > 0;
  const defaultReasoningEffort =
    catalogEntry?.defaultReasoningLevel ?? table?.defaultReasoningEffort;
  const contextWindow = catalogEntry?.contextWindow ?? table?.contextWindow;
  return {
    reasoningEfforts: fromCatalog ? catalogEfforts : (table?.reasoningEfforts ?? []),
    effortsFrom: fromCatalog ? 'catalog' : 'table',
    ...(defaultReasoningEffort != null && { defaultReasoningEffort }),
    ...(contextWindow != null && { contextWindow }),
  };
}

/**
 * The effort to send for the one asked: itself when the model lists it (or nothing is
 * known of the model), else the listed effort nearest to it (ties go to the higher one),
 * with a warning. An effort this package cannot order is sent as it is unless the live
 * catalog says the model lacks it: our table may be older than the backend, the catalog
 * is not. Then nothing is sent and the model's default applies.
 */
export function fitReasoningEffort(
  modelId: string,
  effort: string | undefined,
  model: KnownModel | undefined,
): { effort: string | undefined; warning?: CodexWarning } {
  if (effort == null || model == null) return { effort };
  const supported = model.reasoningEfforts;
  if (supported.includes(effort)) return { effort };
  const fromTable = model.effortsFrom === 'table';
  const best = nearestEffort(effort, supported);
  if (best == null && fromTable) return { effort };
  const sent =
    best != null
      ? `'${best}' was sent instead`
      : `no effort was sent, so the model's default${model.defaultReasoningEffort != null ? ` (${model.defaultReasoningEffort})` : ''} applies`;
  const listed = fromTable
    ? `this package's table lists ${supported.join(', ')}; \`listModels()\` loads the live catalog`
    : `the model catalog lists ${supported.join(', ')}`;
  return {
    effort: best,
    warning: otherWarning(
      `${modelId} does not support reasoningEffort '${effort}' (${listed}); ${sent}.`,
    ),
  };
}

/** The listed effort nearest to `effort` (the higher one on a tie), among those we can order. */
function nearestEffort(effort: string, supported: readonly string[]): string | undefined {
  const asked = EFFORT_ORDER.indexOf(effort);
  if (asked < 0) return undefined;
  let best: string | undefined;
  let bestScore = Infinity;
  for (const candidate of supported) {
    const rank = EFFORT_ORDER.indexOf(candidate);
    if (rank < 0) continue;
    // twice the distance, less one above the asked effort: a tie goes to the higher one
    const score = 2 * Math.abs(rank - asked) - (rank > asked ? 1 : 0);
    if (score < bestScore) [best, bestScore] = [candidate, score];
  }
  return best;
}
