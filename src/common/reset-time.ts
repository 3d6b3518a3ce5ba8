import { validDate } from './valid-date';

/**
 * When a usage window resets, as the backend says it (a usage answer, a usage-limit error):
 * at `atSeconds` (Unix seconds), else `inSeconds` after `now`. `undefined` when it says
 * neither, or a time no Date can hold.
 */
export function resetTime(
  atSeconds: number | null | undefined,
  inSeconds: number | null | undefined,
  now = Date.now(),
): Date | undefined {
  return validDate(
    atSeconds != null ? atSeconds * 1000 : inSeconds != null ? now + inSeconds * 1000 : undefined,
  );
}
