// Small statistics shared by the benchmarks.

export const median = (xs: number[]) => quantile(xs, 0.5);

/** The q-quantile (0..1) by linear interpolation between the nearest ranks. */
export function quantile(xs: number[], q: number): number {
  if (xs.length === 0) return NaN;
  const s = Float64Array.from(xs).sort();
  const at = (s.length - 1) * q;
  const lo = Math.floor(at);
  const hi = Math.ceil(at);
  return s[lo]! + (s[hi]! - s[lo]!) * (at - lo);
}

export const round = (x: number, digits = 1) => +x.toFixed(digits);
