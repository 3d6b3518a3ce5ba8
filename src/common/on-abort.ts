/**
 * Calls `listener` once when `signal` aborts, at once when it already has; returns how to
 * stop listening (after which the listener holds nothing alive through the signal).
 */
export function onAbort(signal: AbortSignal, listener: () => void): () => void {
  if (signal.aborted) listener();
  else signal.addEventListener('abort', listener, { once: true });
  return () => signal.removeEventListener('abort', listener);
}
