import type { CodexPrompt } from './codex-call-options';
import { compactionOf } from './split-at-compaction';

/**
 * How many compactions a conversation has been through, read from its prompt: each one is a
 * reasoning part carrying `providerOptions.codex.compaction` (the backend's compaction item,
 * as the result handed it back). Counted from the prompt alone, so the count is the same in
 * any process that holds the history.
 */
export function countCompactions(prompt: CodexPrompt): number {
  let count = 0;
  for (const message of prompt) {
    if (message.role !== 'assistant') continue;
    for (const part of message.content) {
      if (compactionOf(part) != null) count++;
    }
  }
  return count;
}
