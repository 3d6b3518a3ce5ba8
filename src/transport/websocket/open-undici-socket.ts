import type { Dispatcher } from 'undici';
import { envProxyDispatcher } from '../default-fetch';
import { loadUndici } from '../load-undici';
import { someCause } from '../../common/some-cause';
import { awaitOpen, type CodexSocket } from './codex-socket';
import { upgradeDispatcher, type UpgradeAnswer } from './upgrade-dispatcher';
import { socketFailure, socketUnavailable, upgradeRefused } from './websocket-errors';

// Node and Deno: undici's WebSocket. Loaded with `import()` by the WebSocket transport, so
// the package's entry points stay free of it; undici itself comes through `loadUndici()`,
// which bundlers leave alone.

/**
 * Opens a socket. A non-101 answer rejects with an `APICallError` carrying its status (what
 * it means is the transport's call); a network failure or a timeout with a retryable one; an
 * abort with the signal's reason; a dispatcher or runtime that cannot carry a WebSocket with
 * `socketUnavailable`.
 */
export async function openUndiciSocket({
  url,
  headers,
  signal,
  dispatcher,
}: {
  url: string;
  headers: Record<string, string>;
  signal?: AbortSignal;
  /** Where the upgrade goes: by default the proxy of the environment, else undici's global one. */
  dispatcher?: Dispatcher;
}): Promise<CodexSocket> {
  signal?.throwIfAborted();
  const undici = await loadUndici();
  dispatcher ??= (await envProxyDispatcher()) ?? undici.getGlobalDispatcher();
  signal?.throwIfAborted();
  const answer: UpgradeAnswer = { headers: {} };
  let ws: InstanceType<typeof undici.WebSocket>;
  try {
    ws = new undici.WebSocket(url, { headers, dispatcher: upgradeDispatcher(dispatcher, answer) });
  } catch (error) {
    throw socketUnavailable(error);
  }
  return awaitOpen(ws, answer, {
    url,
    signal,
    failure: () => upgradeFailure(url, headers, answer),
  });
}

/** Why an upgrade failed: refused (with the answer's status), redirected, or never answered. */
function upgradeFailure(url: string, headers: Record<string, string>, answer: UpgradeAnswer) {
  const status = answer.status;
  if (status != null && status !== 101) {
    return upgradeRefused({
      url,
      status,
      responseHeaders: answer.headers,
      secrets: [headers.authorization],
    });
  }
  // a dispatcher that cannot take the request; Deno without --allow-env, which refuses
  // undici the environment variables it reads on connect
  if (answer.dispatchError != null) return socketUnavailable(answer.dispatchError);
  if (isPermissionError(answer.error)) return socketUnavailable(answer.error);
  return socketFailure({
    url,
    message: `Cannot open a WebSocket to ${url}`,
    // after a 101, undici's own abort of the request is no cause worth naming
    cause: status == null ? answer.error : undefined,
    secrets: Object.values(headers),
  });
}

/** Deno's refusal of an operation its permissions do not allow (`NotCapable`, formerly `PermissionDenied`). */
function isPermissionError(error: unknown): boolean {
  return someCause(error, e => {
    const name = (e as { name?: unknown }).name;
    return name === 'NotCapable' || name === 'PermissionDenied';
  });
}
