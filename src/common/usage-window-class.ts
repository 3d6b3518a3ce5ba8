/**
 * The backend reports its limits as a "primary" and a "secondary" window, but which one is
 * the ≈5-hour window and which the weekly one has changed before (a free plan may have only
 * a weekly window, sent as primary). So windows are told apart by their length.
 */

/** Windows up to a day long count as the short window; longer ones as the weekly window. */
const SHORT_WINDOW_MAX_MINUTES = 24 * 60;

export type UsageWindowClass = 'short' | 'weekly';

/** `undefined` when the window does not say how long it is: no guessing from its slot. */
export function classifyUsageWindow(
  windowMinutes: number | undefined,
): UsageWindowClass | undefined {
  if (windowMinutes == null || !Number.isFinite(windowMinutes) || windowMinutes <= 0) {
    return undefined;
  }
  return windowMinutes <= SHORT_WINDOW_MAX_MINUTES ? 'short' : 'weekly';
}

/** Sorts windows into `short` and `weekly` by length; the first window of a class wins. */
export function classifyUsageWindows<W extends { windowMinutes?: number }>(
  windows: ReadonlyArray<W | undefined>,
): { short?: W; weekly?: W } {
  const classified: { short?: W; weekly?: W } = {};
  for (const window of windows) {
    if (!window) continue;
    const kind = classifyUsageWindow(window.windowMinutes);
    if (kind) classified[kind] ??= window;
  }
  return classified;
}
