import type { FetchFunction } from '@ai-sdk/provider-utils';
import type { CodexEvent } from '../wire/codex-events';
import type { CodexRequestBody } from '../wire/codex-request-body';
import type { CodexWarning } from '../common/codex-warning';
import type { CodexRequestCompression } from './request-compression';

/** One response as a transport delivers it: its headers, and its events on demand. */
export type CodexResponseStream = {
  responseHeaders: Record<string, string>;
  /** Starts reading this response's events; called once per response. */
  openEvents(onEvent: (event: CodexEvent) => void): CodexEventSource;
  /** What the caller should know about how the response was reached (a transport fallback). */
  warnings?: CodexWarning[];
  /**
   * The credentials the request carried (its `authorization`): errors built from what the
   * response says (an error event, a socket's close reason) must not quote them.
   */
  secrets?: ReadonlyArray<string | undefined>;
};

/**
 * A response's events, one network read at a time. Reads are the unit the part stream
 * flushes (and coalesces deltas) by, so a source must not wait for more than one read.
 */
export type CodexEventSource = {
  /**
   * Hands the events of the next network read (an SSE body chunk, the socket frames
   * already queued) to `onEvent`, synchronously and in order. `'end'`: the transport
   * closed normally; whether the response was complete is the part stream's call.
   * Rejects when the transport fails or the caller aborts.
   */
  read(): Promise<'more' | 'end'>;
  /** Stops reading and releases the underlying connection. */
  cancel(reason?: unknown): void;
};

export type CodexTransportRequest = {
  url: string;
  headers: Record<string, string>;
  body: CodexRequestBody;
  signal: AbortSignal;
  fetch?: FetchFunction;
  /** How an HTTP body is encoded (`Content-Encoding`); WebSocket frames go as they are. */
  compression?: CodexRequestCompression;
};

/**
 * How the core reaches the backend: sends one request and resolves once the response has
 * started (2xx headers, an accepted socket); HTTP-level failures reject as `APICallError`.
 */
export type CodexTransport = {
  send(request: CodexTransportRequest): Promise<CodexResponseStream>;
};
