/**
 * Call settings the backend refuses with 400 "Unsupported parameter", each with the body
 * field it would be: a setting given earns a warning and is never sent.
 */
export const UNSUPPORTED_SETTINGS = [
  ['maxOutputTokens', 'max_output_tokens'],
  ['temperature', 'temperature'],
  ['topP', 'top_p'],
  ['topK', 'top_k'],
  ['presencePenalty', 'presence_penalty'],
  ['frequencyPenalty', 'frequency_penalty'],
  ['seed', 'seed'],
  ['stopSequences', 'stop'],
] as const;
