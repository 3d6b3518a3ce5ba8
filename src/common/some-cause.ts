/** Whether `error` or an error in its `cause` chain (which may loop) passes `test`. */
export function someCause(error: unknown, test: (error: unknown) => boolean): boolean {
  const seen = new Set<unknown>();
  for (let e = error; e != null && !seen.has(e); e = (e as { cause?: unknown }).cause) {
    seen.add(e);
    if (test(e)) return true;
  }
  return false;
}
