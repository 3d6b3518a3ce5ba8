import type { CodexWarning } from '../common/codex-warning';

export type CodexReasoningEffort = 'none' | 'minimal' | 'low' | 'medium' | 'high' | 'xhigh';

export type CodexModelCapabilities = {
  reasoningEfforts: readonly CodexReasoningEffort[];
  defaultReasoningEffort: CodexReasoningEffort;
  /** Whether `reasoning.summary` applies. */
  reasoningSummaries: boolean;
};

const EFFORT_RANK: Readonly<Record<CodexReasoningEffort, number>> = {
  none: 0,
  minimal: 1,
  low: 2,
  medium: 3,
  high: 4,
  xhigh: 5,
};

const LOW_TO_HIGH = ['low', 'medium', 'high'] as const;
const LOW_TO_XHIGH = ['low', 'medium', 'high', 'xhigh'] as const;
const NONE_TO_XHIGH = ['none', 'low', 'medium', 'high', 'xhigh'] as const;

const caps = (
  reasoningEfforts: readonly CodexReasoningEffort[],
  defaultReasoningEffort: CodexReasoningEffort = 'medium',
): CodexModelCapabilities => ({
  reasoningEfforts,
  defaultReasoningEffort,
  reasoningSummaries: true,
});

/**
 * What the known models accept, as the official client's presets and OpenAI's docs list
 * them (2026). The live catalog (`listModels()`) is the authority; this table only keeps
 * a request from earning a 400 for an effort the model lacks.
 */
export const CODEX_MODEL_CAPABILITIES: Readonly<Record<string, CodexModelCapabilities>> = {
  'gpt-5.5': caps(NONE_TO_XHIGH),
  'gpt-5.4': caps(NONE_TO_XHIGH),
  'gpt-5.4-mini': caps(NONE_TO_XHIGH),
  'gpt-5.3-codex': caps(LOW_TO_XHIGH),
  'gpt-5.2': caps(NONE_TO_XHIGH),
  'gpt-5.1-codex-max': caps(LOW_TO_XHIGH),
  'gpt-5.1-codex': caps(LOW_TO_HIGH),
  'gpt-5.1-codex-mini': caps(['medium', 'high']),
  'gpt-5.1': caps(['none', 'low', 'medium', 'high'], 'none'),
  'gpt-5-codex': caps(LOW_TO_HIGH),
  'gpt-5': caps(['minimal', 'low', 'medium', 'high']),
  'codex-mini-latest': caps(LOW_TO_HIGH),
};

/**
 * The supported effort nearest to the one asked for (ties go to the higher level), with
 * a warning when it differs. Unknown models pass through untouched.
 */
export function clampReasoningEffort(
  modelId: string,
  effort: CodexReasoningEffort,
): { effort: CodexReasoningEffort; warning?: CodexWarning } {
  const supported = CODEX_MODEL_CAPABILITIES[modelId]?.reasoningEfforts;
  if (supported == null || supported.includes(effort)) return { effort };
  const distance = (candidate: CodexReasoningEffort) =>
    Math.abs(EFFORT_RANK[candidate] - EFFORT_RANK[effort]);
  // The lists run from low to high, so on a tie the later, higher level wins.
  let best = supported[0]!;
  for (const candidate of supported) if (distance(candidate) <= distance(best)) best = candidate;
  return {
    effort: best,
    warning: {
      type: 'other',
      message: `${modelId} does not support reasoningEffort '${effort}' (supported: ${supported.join(', ')}); '${best}' was sent instead.`,
    },
  };
}
