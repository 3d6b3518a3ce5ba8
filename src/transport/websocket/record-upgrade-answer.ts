import type { Dispatcher } from 'undici';

// Node-only (undici), like the socket that uses it.

export type RawSocket = { ref?: () => unknown; unref?: () => unknown };

/** The upgrade's answer, as it went through the dispatcher. */
export type UpgradeAnswer = {
  status?: number;
  headers: Record<string, string>;
  raw?: RawSocket;
  /** The network error of an upgrade that got no answer (undici's own events say nothing). */
  error?: unknown;
};

const HANDLER_METHODS = [
  'onConnect',
  'onResponseStarted',
  'onHeaders',
  'onUpgrade',
  'onData',
  'onComplete',
  'onError',
  'onBodySent',
  'onRequestSent',
  'onRequestStart',
  'onRequestUpgrade',
  'onResponseStart',
  'onResponseData',
  'onResponseEnd',
  'onResponseError',
] as const;

type Handler = Record<string, (...args: unknown[]) => unknown>;

/** Every method of the handler undici gave, handed on unchanged until one is wrapped. */
function passThrough(inner: Handler): Handler {
  const wrapped: Handler = {};
  for (const name of HANDLER_METHODS) {
    if (typeof inner[name] === 'function') {
      wrapped[name] = (...args: unknown[]) => inner[name]!(...args);
    }
  }
  return wrapped;
}

/**
 * undici's `WebSocket` reports a refused upgrade only as "non-101 status code"; the status
 * decides between renewing credentials and falling back to HTTP, so the upgrade's answer
 * is read on its way through the dispatcher. Both handler styles are passed through as
 * they are, whichever undici the dispatcher comes from (this package's, or Node's own).
 */
export function recordUpgradeAnswer(dispatcher: Dispatcher, into: UpgradeAnswer): Dispatcher {
  // the upgrade (the one call with a socket) is the last answer a request gets
  const record = (status: number, headers: Record<string, string>, raw?: RawSocket) => {
    into.status = status;
    into.headers = headers;
    into.raw = raw;
  };
  return dispatcher.compose(dispatch => (options, handler) => {
    const inner = handler as unknown as Handler;
    const wrapped = passThrough(inner);
    // undici re-sends an upgrade answered 401 once, with the same credentials; a 401 ends
    // here instead, and renewing the credentials is left to the auth layer.
    const refused = new Error('The upgrade was answered 401');
    let abortRequest: ((reason: Error) => void) | undefined;
    if (wrapped.onConnect != null) {
      wrapped.onConnect = (abort, ...rest) => {
        abortRequest = abort as (reason: Error) => void;
        return inner.onConnect!(abort, ...rest);
      };
    }
    if (wrapped.onRequestStart != null) {
      wrapped.onRequestStart = (controller, ...rest) => {
        abortRequest = reason => (controller as { abort(r: Error): void }).abort(reason);
        return inner.onRequestStart!(controller, ...rest);
      };
    }
    if (wrapped.onHeaders != null) {
      wrapped.onHeaders = (status, rawHeaders, ...rest) => {
        record(status as number, fromRawHeaders(rawHeaders as unknown[]));
        if (status === 401 && abortRequest != null) {
          abortRequest(refused);
          return false;
        }
        return inner.onHeaders!(status, rawHeaders, ...rest);
      };
    }
    if (wrapped.onUpgrade != null) {
      wrapped.onUpgrade = (status, rawHeaders, socket) => {
        record(status as number, fromRawHeaders(rawHeaders as unknown[]), socket as RawSocket);
        return inner.onUpgrade!(status, rawHeaders, socket);
      };
    }
    if (wrapped.onResponseStart != null) {
      wrapped.onResponseStart = (controller, status, headers, ...rest) => {
        record(status as number, fromHeaderObject(headers as Record<string, string | string[]>));
        if (status === 401 && abortRequest != null) {
          abortRequest(refused);
          return;
        }
        return inner.onResponseStart!(controller, status, headers, ...rest);
      };
    }
    if (wrapped.onError != null) {
      wrapped.onError = (error, ...rest) => {
        into.error = error;
        return inner.onError!(error, ...rest);
      };
    }
    if (wrapped.onResponseError != null) {
      wrapped.onResponseError = (controller, error, ...rest) => {
        into.error = error;
        return inner.onResponseError!(controller, error, ...rest);
      };
    }
    if (wrapped.onRequestUpgrade != null) {
      wrapped.onRequestUpgrade = (controller, status, headers, socket) => {
        record(
          status as number,
          fromHeaderObject(headers as Record<string, string | string[]>),
          socket as RawSocket,
        );
        return inner.onRequestUpgrade!(controller, status, headers, socket);
      };
    }
    return dispatch(options, wrapped as unknown as Dispatcher.DispatchHandler);
  }) as Dispatcher;
}

/** undici's raw headers: name, value, name, value, ... */
function fromRawHeaders(raw: unknown[]): Record<string, string> {
  const headers: Record<string, string> = {};
  for (let i = 0; i < raw.length; i += 2) {
    const name = String(raw[i]).toLowerCase();
    const value = String(raw[i + 1]);
    // a repeated header keeps every value, as in the header object of the newer handlers
    headers[name] = Object.hasOwn(headers, name) ? `${headers[name]}, ${value}` : value;
  }
  return headers;
}

function fromHeaderObject(object: Record<string, string | string[]>): Record<string, string> {
  const headers: Record<string, string> = {};
  for (const [name, value] of Object.entries(object)) {
    headers[name.toLowerCase()] = Array.isArray(value) ? value.join(', ') : value;
  }
  return headers;
}
