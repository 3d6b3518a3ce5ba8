// What a direct test of `createCodexPartStream` hands it in place of a transport and a model:
// a connection over a test body, the stream errors the model builds, the core's finish.
import { convertReadableStreamToArray } from '@ai-sdk/provider-utils/test';
import type { CodexToolNames } from '../../src/request/codex-tool-names';
import type { CodexFinish } from '../../src/stream/codex-stream-part';
import {
  createCodexPartStream,
  type CodexPartStreamOptions,
} from '../../src/stream/codex-part-stream';
import type { CodexConnection } from '../../src/transport/codex-request-session';
import { createSseEventSource } from '../../src/transport/sse-event-source';
import { toSSE, type CodexEvent } from './codex-events';

/** The core's finish part, before a spec version shapes it: unified and raw reason, metadata. */
export type CoreFinishPart = { type: 'finish' } & CodexFinish;

/** The tools of a request that declared the local shell tool, under its own name. */
export const LOCAL_SHELL_DECLARED: CodexToolNames = {
  kinds: { local_shell: 'local_shell' },
  localShell: 'local_shell',
  customByWireName: {},
  customBySdkName: {},
};

/** A connection reading SSE from `body`, with nothing to abort or release. */
export function sseConnection(body: ReadableStream<Uint8Array>): CodexConnection {
  return {
    responseHeaders: {},
    openEvents: onEvent => createSseEventSource(body, onEvent),
    abort: () => {},
    release: () => {},
  };
}

/** Options for a core-shaped stream (no spec version, no warnings, no raw chunks). */
export function corePartStreamOptions(
  overrides: Partial<CodexPartStreamOptions<CoreFinishPart, never>> = {},
): CodexPartStreamOptions<CoreFinishPart, never> {
  return {
    warnings: [],
    finishPart: finish => ({ type: 'finish', ...finish }),
    includeRawChunks: false,
    generateId: () => 'gen',
    request: { url: 'http://test/responses', body: {} },
    ...overrides,
  };
}

/**
 * Every part a core-shaped stream gives for `events`, sent in one network read, part for
 * part (no merging of one read's deltas); generated ids count up from `gen-0`. `toolNames`:
 * the request's tools (none by default).
 */
export async function corePartsOf(
  events: CodexEvent[],
  toolNames?: CodexToolNames,
): Promise<unknown[]> {
  let n = 0;
  const body = new ReadableStream<Uint8Array>({
    start(controller) {
      controller.enqueue(new TextEncoder().encode(toSSE(events)));
      controller.close();
    },
  });
  const stream = createCodexPartStream(
    sseConnection(body),
    corePartStreamOptions({ coalesceDeltas: false, generateId: () => `gen-${n++}`, toolNames }),
  );
  return convertReadableStreamToArray(stream);
}
