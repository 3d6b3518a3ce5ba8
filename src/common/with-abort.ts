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
  if (signal == null) return settled;
  if (signal.aborted) {
    settled.catch(() => {});
    return Promise.reject(abortReason(signal));
  }
  return new Promise<T>((resolve, reject) => {
    // A late rejection of `settled` is handled by the `then` below.
    const onAbort = () => reject(abortReason(signal));
    signal.addEventListener('abort', onAbort, { once: true });
    settled.then(
      value => {
        signal.removeEventListener('abort', onAbort);
        resolve(value);
      },
      error => {
        signal.removeEventListener('abort', onAbort);
        reject(error);
      },
    );
  });
}

function abortReason(signal: AbortSignal): unknown {
  return signal.reason ?? new DOMException('This operation was aborted', 'AbortError');
}
