import type { CodexRequestBody } from '../wire/codex-request-body';

/** What the backend counts for an image, whatever its size (a tile budget, not its bytes). */
const IMAGE_TOKENS = 765;

/**
 * About how many tokens a request's input holds, without a tokenizer: four characters of
 * JSON per token (instructions, input items, tools), as for English text, and a fixed
 * amount per inline image, whose base64 would otherwise count as hundreds of thousands.
 */
export function estimateInputTokens(body: CodexRequestBody): number {
  let images = 0;
  const json = JSON.stringify([body.instructions, body.input, body.tools], (key, value) => {
    if (key === 'image_url' && typeof value === 'string' && value.startsWith('data:')) {
      images++;
      return '';
    }
    return value;
  });
  return Math.ceil(json.length / 4) + images * IMAGE_TOKENS;
}
