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
    // (`reason` is unset only where a runtime predates it)
    const stop = onAbort(signal, () =>
      reject(signal.reason ?? new DOMException('This operation was aborted', 'AbortError')),
    );
    // the listener goes before the outcome is passed on; after an abort the outcome is
    // ignored, a rejection included (handled here, never unhandled)
    settled.finally(stop).then(resolve, reject);
  });
}
