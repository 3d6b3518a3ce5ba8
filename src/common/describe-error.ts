/**
 * The useful part of a network error: undici hides the system code (ECONNREFUSED,
 * ECONNRESET, …) in `cause`, behind a generic "fetch failed".
 */
export function describeError(error: unknown): string {
  const cause = (error as { cause?: { code?: string; message?: string } } | undefined)?.cause;
  return cause?.code ?? cause?.message ?? (error instanceof Error ? error.message : String(error));
}
