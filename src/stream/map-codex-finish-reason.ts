import type { CodexUnifiedFinishReason } from './codex-stream-part';

export function mapCodexFinishReason({
  incompleteReason,
  hasFunctionCall,
}: {
  /** `incomplete_details.reason` of a `response.incomplete`; null for a completed response. */
  incompleteReason: string | null | undefined;
  hasFunctionCall: boolean;
}): CodexUnifiedFinishReason {
  switch (incompleteReason) {
    case null:
    case undefined:
      return hasFunctionCall ? 'tool-calls' : 'stop';
    case 'max_output_tokens':
      return 'length';
    case 'content_filter':
      return 'content-filter';
    default:
      return hasFunctionCall ? 'tool-calls' : 'other';
  }
}
