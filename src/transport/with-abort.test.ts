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
  });

  it('ignores a late rejection after the abort and removes its listener when settled', async () => {
    const controller = new AbortController();
    let fail!: (e: Error) => void;
    const pending = withAbort(new Promise((_, reject) => (fail = reject)), controller.signal);
    controller.abort();
    fail(new Error('late')); // no unhandled rejection
    await expect(pending).rejects.toMatchObject({ name: 'AbortError' });

    const kept = new AbortController();
    let added = 0;
    let removed = 0;
    const signal = kept.signal;
    const add = signal.addEventListener.bind(signal);
    const remove = signal.removeEventListener.bind(signal);
    signal.addEventListener = ((...args: Parameters<typeof add>) => (
      added++,
      add(...args)
    )) as never;
    signal.removeEventListener = ((...args: Parameters<typeof remove>) => (
      removed++,
      remove(...args)
    )) as never;
    await withAbort(Promise.resolve(1), signal);
    await withAbort(Promise.reject(new Error('x')), signal).catch(() => {});
    expect([added, removed]).toEqual([2, 2]);
  });
});
