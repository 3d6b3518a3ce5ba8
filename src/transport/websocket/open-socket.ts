import { APICallError } from '@ai-sdk/provider';
import { describeError } from '../../common/describe-error';
import { isRetryableStatus } from '../../common/codex-failed-response-handler';
import { loadUndici } from '../load-undici';
import type { CodexSocket } from './codex-socket';
import { isRefusedUpgrade, isSocketUnavailable } from './websocket-errors';

// Opening a socket, and what an upgrade that fails means for the request: HTTP for good (a
// 426, a runtime where no socket runs) or for now (a transient failure, with a cool-down).

/** Opens one socket (undici's on Node and Deno, the runtime's own on Bun). */
export type SocketOpener = (options: {
  url: string;
  headers: Record<string, string>;
  signal?: AbortSignal;
}) => Promise<CodexSocket>;

/** How long calls go over HTTP after a transient upgrade failure before a socket is tried again. */
export const SOCKET_COOL_DOWN_MS = 60_000;

/**
 * Bun's own `WebSocket` sends the handshake headers (its `undici` is a shim that cannot);
 * elsewhere undici's, loaded here too, so that a runtime without it falls back to HTTP.
 */
export function loadRuntimeSocketOpener(): Promise<SocketOpener> {
  if ((globalThis as { Bun?: unknown }).Bun != null) {
    return import('./open-runtime-socket').then(module => module.openRuntimeSocket);
  }
  return Promise.all([import('./open-undici-socket'), loadUndici()]).then(
    ([module]) => module.openUndiciSocket,
  );
}

/** Why a request goes over HTTP: for good, or for now (the socket is tried again later). */
export type Detour = { httpFor: 'good' | 'now'; message: string };

/** A new socket, or why this request goes over HTTP instead. */
export async function openSocket(
  loadSocketOpener: () => Promise<SocketOpener>,
  options: { url: string; headers: Record<string, string>; signal: AbortSignal },
): Promise<CodexSocket | Detour> {
  let open: SocketOpener;
  try {
    open = await loadSocketOpener();
  } catch (error) {
    return { httpFor: 'good', message: cannotRunHere(error) };
  }
  try {
    return await open(options);
  } catch (error) {
    if (options.signal.aborted) throw error;
    if (isSocketUnavailable(error)) return { httpFor: 'good', message: cannotRunHere(error) };
    if (isRefusedUpgrade(error)) {
      const status = error.statusCode;
      if (status === 401) throw error;
      if (isRetryableStatus(status)) return transient(`HTTP ${status}`);
      return {
        httpFor: 'good',
        message: `The Codex backend refused the WebSocket upgrade (HTTP ${status}); this provider uses HTTP (SSE) from now on.`,
      };
    }
    // a network failure or a timeout (a redirect is no reason to take another way)
    if (APICallError.isInstance(error) && error.isRetryable) return transient(error.message);
    throw error;
  }
}

function cannotRunHere(error: unknown): string {
  return `The WebSocket transport cannot run here (${describeError(error)}); this provider uses HTTP (SSE) instead.`;
}

function transient(why: string): Detour {
  return {
    httpFor: 'now',
    message: `The WebSocket upgrade failed (${why.replace(/\.$/, '')}); this call went over HTTP (SSE), and a WebSocket is tried again in ${SOCKET_COOL_DOWN_MS / 1000} s.`,
  };
}
