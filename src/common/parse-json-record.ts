/**
 * `text` as a JSON object, or `undefined` when it is no JSON or another JSON value (an
 * array, a string, null). Never throws: the parser's message would quote the text.
 */
export function parseJsonRecord(text: string | undefined): Record<string, unknown> | undefined {
  if (text === undefined) return undefined;
  try {
    const parsed: unknown = JSON.parse(text);
    return parsed != null && typeof parsed === 'object' && !Array.isArray(parsed)
      ? (parsed as Record<string, unknown>)
      : undefined;
  } catch {
    return undefined;
  }
}
