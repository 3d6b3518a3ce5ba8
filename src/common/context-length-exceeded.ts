/** The backend's code for a request that does not fit in the model's context window. */
export const CONTEXT_LENGTH_EXCEEDED_CODE = 'context_length_exceeded';

/**
 * What a `context_length_exceeded` failure tells the user, whichever way it arrived (an
 * `error` event, `response.failed`, an HTTP 400): the backend's sentence, then what to do.
 * Resending the same input cannot succeed, so these errors are never retried; the fix is a
 * shorter input, which automatic compaction produces when it is on and knows the window.
 */
export function contextLengthExceededMessage(backendMessage: string | null | undefined): string {
  const said = backendMessage?.trim() || "The input exceeds the model's context window.";
  return `${CONTEXT_LENGTH_EXCEEDED_CODE}: ${said}${/[.!?]$/.test(said) ? '' : '.'} ${COMPACTION_HINT}`;
}

const COMPACTION_HINT =
  "Automatic compaction is off (`compaction: false`), lacks this model's window (call `listModels()` or set `compaction: { atInputTokens: n }`) or cannot help; `providerOptions.codex.compact: true` compacts for one call. Else start a new conversation or drop earlier messages.";
