import { convertReadableStreamToArray } from '@ai-sdk/provider-utils/test';
import { describe, expect, it } from 'vitest';
import { responseCompleted, toSSE } from '../../test/support/codex-events';
import { corePartStreamOptions, sseConnection } from '../../test/support/part-stream';
import { createCodexPartStream } from './codex-part-stream';

const encoder = new TextEncoder();

describe('readEvents', () => {
  it('finishes a response whose terminal event the idle timeout completes, without a timeout error', async () => {
    // The terminal event lacks its closing blank line and the server goes silent: the
    // timeout cancels the body, which dispatches the event, so the response is complete.
    const body = new ReadableStream<Uint8Array>({
      start(controller) {
        const sse = toSSE([responseCompleted({ id: 'resp_late' })]).replace(/\n\n$/, '\n');
        controller.enqueue(encoder.encode(sse));
      },
    });
    const parts = await convertReadableStreamToArray(
      createCodexPartStream(sseConnection(body), corePartStreamOptions({ idleTimeoutMs: 30 })),
    );
    expect(parts).toEqual([
      { type: 'stream-start', warnings: [] },
      {
        type: 'finish',
        unified: 'stop',
        raw: 'completed',
        usage: undefined,
        providerMetadata: { codex: { responseId: 'resp_late' } },
      },
    ]);
  });
});
