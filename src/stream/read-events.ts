import { isAbortError } from '@ai-sdk/provider-utils';
import { CODEX_STREAM_ERROR_CODES } from '../common/codex-stream-error';
import { describeError } from '../common/describe-error';
import type { CodexConnection } from '../transport/codex-request-session';
import type { CodexEventSource } from '../transport/codex-transport';
import { failWithStreamError } from './response-event-handlers';
import type { CodexStreamState } from './codex-stream-state';

/**
 * Reads one network read's events into the attempt's handlers. True once the response is
 * over: its terminal event arrived, or the transport failed, went silent for
 * `idleTimeoutMs`, or ended early — each of which ends the response through
 * `failResponse`. The caller's abort rejects, as fetch streams do.
 */
export async function readEvents(
  {
    state,
    source,
    connection,
  }: { state: CodexStreamState; source: CodexEventSource; connection: CodexConnection },
  idleTimeoutMs: number | undefined,
): Promise<boolean> {
  const fail = (code: string, message: string, cause?: unknown) => {
    failWithStreamError(state, code, message, cause);
    return true;
  };

  let result: 'more' | 'end' | undefined;
  let timedOut = false;
  let cause: unknown;
  const timer =
    idleTimeoutMs != null
      ? setTimeout(() => {
          timedOut = true;
          connection.abort();
          source.cancel();
        }, idleTimeoutMs)
      : undefined;
  try {
    result = await source.read();
  } catch (error) {
    cause = error;
    if (!timedOut) {
      if (isAbortError(error)) throw error;
      return fail(
        CODEX_STREAM_ERROR_CODES.interrupted,
        `The connection to the Codex backend broke mid-stream: ${describeError(error)}`,
        error,
      );
    }
  } finally {
    clearTimeout(timer);
  }
  // our timer's abort, whether or not the read failed for it
  if (timedOut) {
    return fail(
      CODEX_STREAM_ERROR_CODES.idleTimeout,
      `The Codex stream timed out: no data for ${idleTimeoutMs! / 1000} s (streamIdleTimeoutMs); the request was aborted.`,
      cause,
    );
  }
  if (state.finished) {
    // The terminal event ends the response, not the end of the connection (cancelling a
    // source that already ended does nothing).
    source.cancel();
    return true;
  }
  if (result === 'end') {
    return fail(
      CODEX_STREAM_ERROR_CODES.truncated,
      'The Codex stream ended before the response was complete; the output may be cut off.',
    );
  }
  return false;
}
