import { getEventListeners } from 'node:events';
import { describe, expect, it } from 'vitest';
import { withAbort } from './with-abort';

describe('withAbort', () => {
  it('passes the value or the error through without a signal or before an abort', async () => {
    await expect(withAbort(Promise.resolve(1), undefined)).resolves.toBe(1);
    await expect(withAbort(2, new AbortController().signal)).resolves.toBe(2);
    await expect(
      withAbort(Promise.reject(new Error('boom')), new AbortController().signal),
    ).rejects.toThrow('boom');
  });

  it('rejects with the reason at once when the signal aborts, the promise still pending', async () => {
    const controller = new AbortController();
    const pending = withAbort(new Promise(() => {}), controller.signal);
    controller.abort(new Error('stop'));
    await expect(pending).rejects.toThrow('stop');
  });

  it('rejects with an AbortError for an already aborted signal', async () => {
    const controller = new AbortController();
    controller.abort();
    await expect(withAbort(Promise.resolve(1), controller.signal)).rejects.toMatchObject({
      name: 'AbortError',
    });
    // the promise's own failure is ignored, not left unhandled
    await expect(
      withAbort(Promise.reject(new Error('refresh failed')), controller.signal),
    ).rejects.toMatchObject({ name: 'AbortError' });
    await new Promise(resolve => setTimeout(resolve, 0));
  });

  it('ignores a late rejection after the abort', async () => {
    const controller = new AbortController();
    let fail!: (e: Error) => void;
    const pending = withAbort(new Promise((_, reject) => (fail = reject)), controller.signal);
    controller.abort();
    fail(new Error('late')); // no unhandled rejection
    await expect(pending).rejects.toMatchObject({ name: 'AbortError' });
  });

  it('leaves no listener on the signal once the promise settled', async () => {
    const signal = new AbortController().signal;
    await withAbort(Promise.resolve(1), signal);
    await withAbort(Promise.reject(new Error('x')), signal).catch(() => {});
    expect(getEventListeners(signal, 'abort')).toHaveLength(0);
  });

  it('leaves no listener on the signal after the abort of a promise that never settles', async () => {
    // e.g. a shared token refresh that hangs: it must not keep this call's handlers alive
    const controller = new AbortController();
    const pending = withAbort(new Promise(() => {}), controller.signal);
    expect(getEventListeners(controller.signal, 'abort')).toHaveLength(1);
    controller.abort();
    await expect(pending).rejects.toMatchObject({ name: 'AbortError' });
    expect(getEventListeners(controller.signal, 'abort')).toHaveLength(0);
  });

  it('rejects with an AbortError where the runtime gives an aborted signal no reason', async () => {
    // older runtimes (and some polyfills) have no `AbortSignal.reason`
    const aborted = new AbortController();
    aborted.abort();
    Object.defineProperty(aborted.signal, 'reason', { value: undefined });
    const error = await withAbort(Promise.resolve(1), aborted.signal).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(DOMException);
    expect(error).toMatchObject({ name: 'AbortError', message: 'This operation was aborted' });

    const later = new AbortController();
    Object.defineProperty(later.signal, 'reason', { value: undefined });
    const pending = withAbort(new Promise(() => {}), later.signal);
    later.abort();
    await expect(pending).rejects.toMatchObject({
      name: 'AbortError',
      message: 'This operation was aborted',
    });
  });
});
