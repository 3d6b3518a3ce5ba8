import { APICallError } from '@ai-sdk/provider';
import { codexFailedResponseHandler } from '../../common/codex-failed-response-handler';
import { describeError } from '../../common/describe-error';
import { redirectError } from '../../common/redirect-error';
import { someCause } from '../../common/some-cause';
import { stringifyJson } from '../../common/stringify-json';
import { withDiagnostics } from '../../common/with-diagnostics';
import { redactAPICallError, redactSecrets } from '../../common/redact-secrets';

/** The socket age limit: the request is fine, the socket is not. */
export const CONNECTION_LIMIT_CODE = 'websocket_connection_limit_reached';
/** The socket lost the response an increment builds on. */
export const PREVIOUS_RESPONSE_NOT_FOUND_CODE = 'previous_response_not_found';

/** `{"type":"error","status":429,"error":{…},"headers":{…}}`: an HTTP error, sent as a frame. */
export type WrappedErrorFrame = {
  type: 'error';
  status?: number;
  error?: { code?: unknown; type?: unknown; message?: unknown };
  headers?: Record<string, unknown>;
};

/** An error frame that stands for an HTTP failure of the request (it carries a status). */
export function isWrappedErrorFrame(event: { type: string }): event is WrappedErrorFrame {
  if (event.type !== 'error') return false;
  const frame = event as WrappedErrorFrame;
  return (
    (typeof frame.status === 'number' && (frame.status < 200 || frame.status > 299)) ||
    frame.error?.code === CONNECTION_LIMIT_CODE
  );
}

export function errorFrameCode(frame: WrappedErrorFrame): string | undefined {
  const code = frame.error?.code ?? frame.error?.type;
  return typeof code === 'string' ? code : undefined;
}

/**
 * The same `APICallError` the HTTP error would have given (message, usage-limit details,
 * `isRetryable`, request ids), built by the HTTP error handler from the frame's parts.
 */
export async function errorFrameToAPICallError(
  frame: WrappedErrorFrame,
  {
    url,
    requestBodyValues,
    secrets,
  }: {
    url: string;
    requestBodyValues: unknown;
    /** The upgrade's credentials: redacted where the frame quotes them. */
    secrets: ReadonlyArray<string | undefined>;
  },
): Promise<APICallError> {
  const status =
    typeof frame.status === 'number' && frame.status >= 400 && frame.status <= 599
      ? frame.status
      : 400;
  const headers: Record<string, string> = {};
  for (const [name, value] of Object.entries(frame.headers ?? {})) {
    if (typeof value === 'string' || typeof value === 'number' || typeof value === 'boolean') {
      headers[name.toLowerCase()] = String(value);
    }
  }
  // an error too deep to write reads as one without a message
  const response = new Response(stringifyJson({ error: frame.error ?? {} }) ?? '{"error":{}}', {
    status,
    headers: { ...headers, 'content-type': 'application/json' },
  });
  const { value } = await codexFailedResponseHandler({ response, url, requestBodyValues });
  return redactAPICallError(value, secrets);
}

const refusedUpgrades = new WeakSet<APICallError>();

/** An upgrade answered with a status other than 101 (see `handshakeError`). */
export function isRefusedUpgrade(error: unknown): error is APICallError & { statusCode: number } {
  return APICallError.isInstance(error) && refusedUpgrades.has(error);
}

/** The upgrade was answered with a status other than 101. */
export function handshakeError({
  url,
  status,
  responseHeaders,
  secrets = [],
}: {
  url: string;
  status: number;
  responseHeaders: Record<string, string>;
  /** The upgrade's credentials: a proxy's answer may quote them in its headers. */
  secrets?: ReadonlyArray<string | undefined>;
}): APICallError {
  const hint =
    status === 401
      ? 'the access token was rejected'
      : status === 426
        ? 'the backend wants HTTP'
        : 'unexpected answer to the upgrade';
  const error = redactAPICallError(
    withDiagnostics(
      new APICallError({
        message: `The Codex backend refused the WebSocket upgrade at ${url} (HTTP ${status}: ${hint}).`,
        url,
        requestBodyValues: undefined,
        statusCode: status,
        responseHeaders,
        isRetryable: false,
      }),
    ),
    secrets,
  );
  refusedUpgrades.add(error);
  return error;
}

/**
 * An upgrade answered with another status than 101: a redirect (never followed: it would
 * carry the token along, nor taken for "use HTTP"), else a refusal (`handshakeError`).
 */
export function upgradeRefused(options: Parameters<typeof handshakeError>[0]): APICallError {
  const { url, status, responseHeaders, secrets = [] } = options;
  const redirect =
    status >= 300 && status < 400
      ? redirectError(
          new Response(null, { status, headers: responseHeaders }),
          url,
          undefined,
          'The Codex backend',
          'baseURL',
        )
      : undefined;
  return redirect ? redactAPICallError(redirect, secrets) : handshakeError(options);
}

const unavailable = new WeakSet<Error>();

/**
 * The socket code cannot run here: the runtime refuses what it needs (a Deno permission),
 * or the dispatcher or `WebSocket` at hand cannot carry the upgrade. Not the backend's
 * doing: the transport uses HTTP for good.
 */
export function socketUnavailable(cause: unknown): Error {
  const error = new Error(describeError(cause), { cause });
  unavailable.add(error);
  return error;
}

export function isSocketUnavailable(error: unknown): error is Error {
  return error instanceof Error && unavailable.has(error);
}

const tooBig = new WeakSet<Error>();

/** A message from the backend over `MAX_MESSAGE_BYTES`: the socket closed with 1009. */
export function messageTooBig(limitBytes: number): Error {
  const error = new Error(
    `The Codex WebSocket closed: a message from the backend was larger than ${limitBytes / 2 ** 20} MiB, this package's limit (message too big)`,
  );
  tooBig.add(error);
  return error;
}

/** The socket closed with 1009 (message too big), by either side; looked for along `cause`. */
export function isMessageTooBig(error: unknown): boolean {
  return someCause(error, e => e instanceof Error && tooBig.has(e));
}

/** The socket closed with this code and reason. */
export function socketClosed(code: number, reason: string): Error {
  if (code !== 1009) {
    return new Error(
      `The Codex WebSocket closed (${[`code ${code}`, reason].filter(Boolean).join(', ')})`,
    );
  }
  const error = new Error(
    `The Codex WebSocket closed (code 1009, message too big${reason ? `: ${reason}` : ''})`,
  );
  tooBig.add(error);
  return error;
}

/** The socket could not be opened, or closed before the response began: worth a new socket. */
export function socketFailure({
  url,
  message,
  cause,
  requestBodyValues,
  secrets = [],
}: {
  url: string;
  message: string;
  cause?: unknown;
  requestBodyValues?: unknown;
  /** Header values a network error might quote (the token): redacted, with such a cause. */
  secrets?: ReadonlyArray<string | undefined>;
}): APICallError {
  const raw = cause != null ? describeError(cause) : undefined;
  const detail = raw != null ? redactSecrets(raw, secrets) : undefined;
  return new APICallError({
    message: detail != null ? `${message}: ${detail}` : message,
    url,
    requestBodyValues,
    cause: detail !== raw ? new Error(detail) : cause,
    isRetryable: true,
  });
}
