/** A part that may merge with the next one: a delta of one text, reasoning or tool-input block. */
type DeltaPart = {
  type: 'text-delta' | 'reasoning-delta' | 'tool-input-delta';
  id: string;
  delta: string;
};

/** Where the part stream puts parts; `flush` ends a network read. */
export type PartSink<P> = { push(part: P): void; flush(): void };

/** Every part goes out as it comes (`coalesceDeltas: false`). */
export function directSink<P>(enqueue: (part: P) => void): PartSink<P> {
  return { push: enqueue, flush() {} };
}

/**
 * Adjacent deltas of the same type and id pushed between two flushes leave as one part.
 * The AI SDK's pipeline (`streamText`, UI message streams) costs far more per part than
 * we do (docs/performance.md), so when the network hands us many events at once — the
 * server is ahead of us — fewer, larger parts are the cheapest relief; when it hands us
 * one event per read, nothing changes. Nothing waits: the part stream flushes after every
 * read, and any other part ends a run, so order and ids are kept.
 *
 * The first delta of a run is kept and its `delta` grows by concatenation: no allocation
 * beyond the parts the handlers already made. Parts are fresh objects from the handlers,
 * never shared, so mutating one before it is enqueued is safe.
 */
export function coalescingSink<P extends { type: string }>(
  enqueue: (part: P) => void,
): PartSink<P> {
  let pending: (P & DeltaPart) | undefined;
  return {
    push(part) {
      if (pending !== undefined) {
        if (part.type === pending.type && isDelta(part) && part.id === pending.id) {
          pending.delta += part.delta;
          return;
        }
        enqueue(pending);
        pending = undefined;
      }
      if (isDelta(part)) pending = part;
      else enqueue(part);
    },
    flush() {
      if (pending === undefined) return;
      const part = pending;
      pending = undefined;
      enqueue(part);
    },
  };
}

function isDelta<P extends { type: string }>(part: P): part is P & DeltaPart {
  return (
    part.type === 'text-delta' ||
    part.type === 'reasoning-delta' ||
    part.type === 'tool-input-delta'
  );
}
