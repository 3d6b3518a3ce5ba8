/**
 * `JSON.stringify(value)`, or `undefined` when it cannot be written: an answer nested
 * deeper than the stack (`[[[…]]]` 100 000 deep parses, but writing it throws a RangeError).
 */
export function stringifyJson(value: unknown): string | undefined {
  try {
    return JSON.stringify(value);
  } catch {
    return undefined;
  }
}
