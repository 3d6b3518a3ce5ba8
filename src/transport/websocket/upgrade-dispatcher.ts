import type { Dispatcher } from 'undici';
import { MAX_MESSAGE_BYTES, type RawSocket, type SocketHandshake } from './codex-socket';

// Node-only (undici), like the opener that uses it.

/** The upgrade's answer, as it went through the dispatcher. */
export type UpgradeAnswer = SocketHandshake & {
  status?: number;
  /** The network error of an upgrade that got no answer (undici's own events say nothing). */
  error?: unknown;
  /** What the dispatcher threw instead of taking the request: it cannot carry the upgrade. */
  dispatchError?: unknown;
};

/** undici's default, which a dispatcher of Node's own undici does not set. */
const MAX_FRAGMENTS = 131_072;

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
 * The dispatcher a socket is opened through: `dispatcher` (the app's global one, a proxy
 * agent) with this package's message-size limit, and the upgrade's answer read on its way
 * through.
 *
 * - undici's `WebSocket` takes its limits from the dispatcher, and one of Node's own undici
 *   (the global one once anything called `fetch`) has none: a 200 MiB frame, or a
 *   compression bomb inflating to gigabytes, would be taken whole.
 * - It reports a refused upgrade only as "non-101 status code"; the status decides between
 *   renewing credentials and falling back to HTTP.
 * - It says nothing of closing a connection over the limit (1006, no reason).
 *
 * No `compose()`: dispatchers of another undici (Bun's shim, undici 5 agents an app set as
 * the global one) have none. Both handler styles pass through as they are.
 */
export function upgradeDispatcher(dispatcher: Dispatcher, into: UpgradeAnswer): Dispatcher {
  const dispatch = (options: Dispatcher.DispatchOptions, handler: Dispatcher.DispatchHandler) => {
    try {
      return dispatcher.dispatch(options, recordingHandler(handler as unknown as Handler, into));
    } catch (error) {
      // undici's fetch makes this a network error without a word of it
      into.dispatchError = error;
      throw error;
    }
  };
  const webSocketOptions = { maxPayloadSize: MAX_MESSAGE_BYTES, maxFragments: MAX_FRAGMENTS };
  return new Proxy(dispatcher, {
    get(target, key) {
      if (key === 'dispatch') return dispatch;
      if (key === 'webSocketOptions') return webSocketOptions;
      const value: unknown = Reflect.get(target, key);
      // undici's classes keep private fields: their methods must run on the dispatcher itself
      return typeof value === 'function' ? value.bind(target) : value;
    },
  });
}

function recordingHandler(inner: Handler, into: UpgradeAnswer): Dispatcher.DispatchHandler {
  const wrapped = passThrough(inner);
  // the upgrade (the one call with a socket) is the last answer a request gets
  const record = (status: number, headers: Record<string, string>, raw?: RawSocket) => {
    into.status = status;
    into.headers = headers;
    into.raw = raw;
    if (raw != null) watchCloseFrames(raw, into);
  };
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
  return wrapped as unknown as Dispatcher.DispatchHandler;
}

/**
 * Notes the code of a close frame undici writes on this connection: over the message-size
 * limit it sends 1009 and drops the connection, and its close event then says only 1006.
 */
function watchCloseFrames(raw: RawSocket, into: UpgradeAnswer): void {
  const socket = raw as { write?: (chunk: unknown, ...rest: unknown[]) => unknown };
  const write = socket.write;
  if (typeof write !== 'function') return;
  socket.write = function (this: unknown, chunk: unknown, ...rest: unknown[]) {
    into.sentCloseCode ??= clientCloseCode(chunk);
    return write.call(this, chunk, ...rest);
  };
}

/**
 * The status code of a client close frame (FIN + opcode 8, masked, 2..125 payload bytes:
 * the code XOR the first two mask bytes), or `undefined` for any other frame.
 */
export function clientCloseCode(chunk: unknown): number | undefined {
  if (!(chunk instanceof Uint8Array) || chunk.length < 8 || chunk[0] !== 0x88) return undefined;
  const length = chunk[1]! & 0x7f;
  if ((chunk[1]! & 0x80) === 0 || length < 2 || length > 125) return undefined;
  return ((chunk[6]! ^ chunk[2]!) << 8) | (chunk[7]! ^ chunk[3]!);
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
