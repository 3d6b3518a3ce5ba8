import type { CodexUnifiedFinishReason } from './codex-stream-part';

/**
 * @param incompleteReason `incomplete_details.reason` of a `response.incomplete`; null for a
 *   completed response.
 */
export function mapCodexFinishReason(
  incompleteReason: string | null | undefined,
  hasFunctionCall: boolean,
): CodexUnifiedFinishReason {
  if (incompleteReason === 'max_output_tokens') return 'length';
  if (incompleteReason === 'content_filter') return 'content-filter';
  // a response cut short otherwise still asks for its tool calls
  if (hasFunctionCall) return 'tool-calls';
  return incompleteReason == null ? 'stop' : 'other';
}
