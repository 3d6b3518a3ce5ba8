import { onAbort } from './on-abort';

/**
 * `promise`, or a rejection with the signal's reason as soon as it aborts. The promise
 * itself keeps running (it may be shared, like a token refresh); its outcome is then
 * ignored.
 */
export function withAbort<T>(
  promise: PromiseLike<T> | T,
  signal: AbortSignal | undefined,
): Promise<T> {
  const settled = Promise.resolve(promise);
  if (!signal) return settled;
  return new Promise<T>((resolve, reject) => {
    const stop = onAbort(signal, () => reject(abortReason(signal)));
    // the listener goes before the outcome is passed on; after an abort the outcome is
    // ignored, a rejection included (handled here, never unhandled)
    settled.finally(stop).then(resolve, reject);
  });
}

function abortReason(signal: AbortSignal): unknown {
  return signal.reason ?? new DOMException('This operation was aborted', 'AbortError');
}
