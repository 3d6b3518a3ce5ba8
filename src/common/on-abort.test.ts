import { getEventListeners } from 'node:events';
import { describe, expect, it } from 'vitest';
import { onAbort } from './on-abort';

describe('onAbort', () => {
  it('calls the listener once when the signal aborts, and not after it stopped listening', () => {
    const controller = new AbortController();
    let calls = 0;
    const stop = onAbort(controller.signal, () => calls++);
    expect(getEventListeners(controller.signal, 'abort')).toHaveLength(1);
    controller.abort();
    controller.abort();
    expect(calls).toBe(1);

    const later = new AbortController();
    const stopLater = onAbort(later.signal, () => calls++);
    stopLater();
    expect(getEventListeners(later.signal, 'abort')).toHaveLength(0);
    later.abort();
    expect(calls).toBe(1);
    stop();
  });

  it('calls the listener at once for a signal that has already aborted, adding none', () => {
    let calls = 0;
    const signal = AbortSignal.abort();
    const stop = onAbort(signal, () => calls++);
    expect(calls).toBe(1);
    expect(getEventListeners(signal, 'abort')).toHaveLength(0);
    stop();
  });
});
