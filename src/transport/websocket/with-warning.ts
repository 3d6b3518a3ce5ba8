import type { CodexResponseStream } from '../codex-transport';

/** `response` with one more `other` warning: how it was reached (a transport fallback). */
export function withWarning(response: CodexResponseStream, message: string): CodexResponseStream {
  return { ...response, warnings: [...(response.warnings ?? []), { type: 'other', message }] };
}

/**
 * A warning said once: it goes with the first response that gets through after it was
 * set (the request that fell back may fail, and be renewed or retried); `initial` is set
 * from the start.
 */
export function createPendingWarning(initial?: string) {
  let pending = initial;
  return {
    set(message: string): void {
      pending = message;
    },
    async attach(response: Promise<CodexResponseStream>): Promise<CodexResponseStream> {
      const got = await response;
      const message = pending;
      pending = undefined;
      return message == null ? got : withWarning(got, message);
    },
  };
}
