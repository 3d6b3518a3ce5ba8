import type { CodexEvent } from '../../wire/codex-events';
import type { CodexEventSource } from '../codex-transport';
import type { CodexSocket } from './codex-socket';

const TERMINAL_EVENTS: ReadonlySet<string> = new Set([
  'response.completed',
  'response.incomplete',
  'response.failed',
  'error',
]);

/** How a response on a socket ended, for the pool: reuse the socket, and build on it or not. */
export type CodexSocketOutcome = {
  /** The socket saw the response through and may carry the next one. */
  reusable: boolean;
  /** Set when the response completed: its id and output items, the next turn's base. */
  completed?: { responseId: string; outputItems: unknown[] };
  /** Why the response ended early: the socket's close, the caller's abort. */
  failure?: unknown;
};

/**
 * One response on one socket: its frames, parsed and queued from the moment the request
 * goes out, until the terminal event (the socket is then free again), the socket closes,
 * the caller aborts or the reader cancels (the socket is then closed: a response still in
 * flight would otherwise arrive in front of the next one).
 */
export class CodexSocketResponse {
  private queue: CodexEvent[] = [];
  private failure: unknown;
  private ended = false;
  /** The terminal event went to the reader. */
  private done = false;
  private waiter: (() => void) | undefined;
  private flushScheduled = false;
  private responseId = '';
  private readonly outputItems: unknown[] = [];
  private readonly onAbort = () => this.fail(this.signal.reason, false);

  constructor(
    private readonly socket: CodexSocket,
    private readonly signal: AbortSignal,
    private readonly onDone: (outcome: CodexSocketOutcome) => void,
  ) {}

  /** Starts listening, then sends the request frame. */
  start(frame: string): void {
    if (this.signal.aborted) return this.onAbort();
    // removed by `end`, which every way out of the response goes through
    this.signal.addEventListener('abort', this.onAbort);
    this.socket.listen({
      onMessage: text => this.onMessage(text),
      onClose: error => this.fail(error, false),
    });
    try {
      this.socket.send(frame);
    } catch (error) {
      this.fail(error, false);
    }
  }

  /**
   * Resolves with the response's first event, without consuming it. A socket that says
   * nothing for `timeoutMs` is given up (and closed), like a stream that went silent.
   */
  async firstEvent(timeoutMs: number | undefined): Promise<CodexEvent> {
    const timer =
      timeoutMs != null
        ? setTimeout(
            () => this.fail(new Error(`no answer for ${timeoutMs / 1000} s`), false),
            timeoutMs,
          )
        : undefined;
    try {
      while (this.queue.length === 0) {
        if (this.failure !== undefined) throw this.failure;
        if (this.ended) throw new Error('The Codex WebSocket response ended without events');
        await new Promise<void>(resolve => (this.waiter = resolve));
      }
      return this.queue[0]!;
    } finally {
      clearTimeout(timer);
    }
  }

  /**
   * Ends the response after its first event answered it (an error frame), without
   * delivering anything: the socket stays usable unless the server is closing it.
   */
  settle(reusable: boolean): void {
    this.queue = [];
    this.end({ reusable });
  }

  openEvents(onEvent: (event: CodexEvent) => void): CodexEventSource {
    return {
      read: () => this.read(onEvent),
      // after the end, `fail` does nothing
      cancel: () => this.fail(new Error('The Codex WebSocket response was cancelled'), false),
    };
  }

  private async read(onEvent: (event: CodexEvent) => void): Promise<'more' | 'end'> {
    for (;;) {
      if (this.queue.length > 0) {
        this.flush(onEvent);
        return this.done ? 'end' : 'more';
      }
      if (this.done) return 'end';
      if (this.failure !== undefined) throw this.failure;
      await new Promise<void>(resolve => (this.waiter = resolve));
    }
  }

  // no `ended` check: `end` stops the socket from calling this
  private onMessage(text: string) {
    let event: unknown;
    try {
      event = JSON.parse(text);
    } catch {
      // as over SSE: an unparsable payload is skipped (by the check below)
    }
    if (typeof (event as { type?: unknown } | null | undefined)?.type !== 'string') return;
    this.queue.push(event as CodexEvent);
    // frames of one network read arrive in one go; wake the reader once, after all of them
    if (!this.flushScheduled) {
      this.flushScheduled = true;
      queueMicrotask(() => {
        this.flushScheduled = false;
        this.wake();
      });
    }
  }

  /** Hands the queued events to the reader, in order, up to the terminal one. */
  private flush(onEvent: (event: CodexEvent) => void) {
    const events = this.queue;
    this.queue = [];
    for (const event of events) {
      this.track(event);
      onEvent(event);
      if (TERMINAL_EVENTS.has(event.type)) {
        this.done = true;
        this.end({
          reusable: true,
          ...(event.type === 'response.completed' && {
            completed: { responseId: this.responseId, outputItems: this.outputItems },
          }),
        });
        return;
      }
    }
  }

  private track(event: CodexEvent) {
    if (event.type === 'response.output_item.done') {
      this.outputItems.push(event.item);
    } else if (event.type === 'response.created' || event.type === 'response.completed') {
      // only the lifecycle events carry the response: the deltas (the bulk) are not looked into
      const id = (event.response as { id?: unknown } | undefined)?.id;
      if (typeof id === 'string') this.responseId = id;
    }
  }

  private fail(error: unknown, reusable: boolean) {
    if (this.ended) return;
    this.failure = error;
    // an abort ends the stream at once; frames that came before a close still count
    if (error === this.signal.reason) this.queue = [];
    this.end({ reusable, failure: error });
  }

  private end(outcome: CodexSocketOutcome) {
    if (this.ended) return;
    this.ended = true;
    this.signal.removeEventListener('abort', this.onAbort);
    this.socket.listen(undefined);
    this.onDone(outcome);
    this.wake();
  }

  private wake() {
    const waiter = this.waiter;
    this.waiter = undefined;
    waiter?.();
  }
}
