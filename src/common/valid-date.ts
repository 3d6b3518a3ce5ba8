/**
 * The Date of `ms` (milliseconds since 1970), or `undefined` when there is none or it is
 * beyond what a Date holds: an Invalid Date breaks printing it (`toISOString()` throws).
 */
export function validDate(ms: number | undefined): Date | undefined {
  const date = new Date(ms ?? NaN);
  return Number.isNaN(date.getTime()) ? undefined : date;
}
