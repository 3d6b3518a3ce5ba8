/**
 * Call settings the backend refuses with 400 "Unsupported parameter" (as `max_output_tokens`,
 * `temperature`, `top_p`, `top_k`, `presence_penalty`, `frequency_penalty`, `seed`, `stop`):
 * a setting given earns a warning and is never sent.
 */
export const UNSUPPORTED_SETTINGS = [
  'maxOutputTokens',
  'temperature',
  'topP',
  'topK',
  'presencePenalty',
  'frequencyPenalty',
  'seed',
  'stopSequences',
] as const;
