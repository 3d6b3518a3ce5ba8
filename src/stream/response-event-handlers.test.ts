import type { APICallError } from '@ai-sdk/provider';
import { convertReadableStreamToArray } from '@ai-sdk/provider-utils/test';
import { describe, expect, it } from 'vitest';
import { itemAdded, itemDone, toSSE, type CodexEvent } from '../../test/support/codex-events';
import {
  corePartStreamOptions,
  sseConnection,
  type CoreFinishPart,
} from '../../test/support/part-stream';
import { createCodexPartStream } from './codex-part-stream';

// The response's lifecycle events (created, completed, incomplete, failed, error) as the
// core's part stream reports them, down to the odd shapes the backend might send.

const encoder = new TextEncoder();

type Part = { type: string; [key: string]: unknown };

/** The parts of a body carrying `events` and then closing. */
async function partsOf(events: CodexEvent[]): Promise<Part[]> {
  const body = new ReadableStream<Uint8Array>({
    start(controller) {
      controller.enqueue(encoder.encode(toSSE(events)));
      controller.close();
    },
  });
  return (await convertReadableStreamToArray(
    createCodexPartStream(sseConnection(body), corePartStreamOptions()),
  )) as Part[];
}

const finishOf = (parts: Part[]) => parts.at(-1) as CoreFinishPart;
const errorsOf = (parts: Part[]) =>
  parts.filter(p => p.type === 'error').map(p => p.error as APICallError);

const usage = {
  input_tokens: 12,
  input_tokens_details: { cached_tokens: 2 },
  output_tokens: 3,
  output_tokens_details: { reasoning_tokens: 1 },
  total_tokens: 15,
};

describe('response.created', () => {
  it('reports id and model, and no timestamp when the response has no created_at', async () => {
    const parts = await partsOf([
      { type: 'response.created', response: { id: 'resp_c', model: 'gpt-5.3-codex' } },
      { type: 'response.completed', response: { status: 'completed' } },
    ]);
    expect(parts.find(p => p.type === 'response-metadata')).toEqual({
      type: 'response-metadata',
      id: 'resp_c',
      modelId: 'gpt-5.3-codex',
      timestamp: undefined,
    });
  });

  it('ignores a response.created it cannot read and still finishes', async () => {
    const parts = await partsOf([
      { type: 'response.created', response: { id: 42 } },
      { type: 'response.completed', response: { id: 'resp_x', status: 'completed' } },
    ]);
    expect(parts.map(p => p.type)).toEqual(['stream-start', 'finish']);
    expect(finishOf(parts)).toMatchObject({
      unified: 'stop',
      providerMetadata: { codex: { responseId: 'resp_x' } },
    });
  });
});

describe('terminal events', () => {
  it.each([
    [{ type: 'response.completed', response: { status: 'completed' } }],
    [{ type: 'response.incomplete', response: { status: 'incomplete' } }],
    [{ type: 'response.failed', response: { status: 'failed' } }],
  ])('keep the id of response.created when %j has none', async terminal => {
    const parts = await partsOf([
      { type: 'response.created', response: { id: 'resp_c' } },
      terminal,
    ]);
    expect(finishOf(parts).providerMetadata).toEqual({ codex: { responseId: 'resp_c' } });
  });

  it('take the id of a response.failed when no response.created came', async () => {
    const parts = await partsOf([
      { type: 'response.failed', response: { id: 'resp_f', error: { message: 'x' } } },
    ]);
    expect(finishOf(parts).providerMetadata).toEqual({ codex: { responseId: 'resp_f' } });
  });

  it.each([
    ['response.completed', 'stop', 'completed'],
    ['response.incomplete', 'other', 'unknown'],
  ])(
    'finish %s without a readable response as %s (raw %s), without usage or id',
    async (type, unified, raw) => {
      const parts = await partsOf([{ type }]);
      expect(parts.map(p => p.type)).toEqual(['stream-start', 'finish']);
      expect(finishOf(parts)).toEqual({
        type: 'finish',
        unified,
        raw,
        usage: undefined,
        providerMetadata: { codex: { responseId: null } },
      });
    },
  );

  it('report the usage of a failed response, as of a completed one', async () => {
    const failed = await partsOf([
      { type: 'response.failed', response: { usage, error: { code: 'server_error' } } },
    ]);
    expect(finishOf(failed)).toMatchObject({ unified: 'error', raw: 'server_error', usage });
    const completed = await partsOf([{ type: 'response.completed', response: { usage } }]);
    expect(finishOf(completed).usage).toEqual(usage);
  });

  it('finish an incomplete response that called a function as tool-calls', async () => {
    const call = { id: 'fc_1', type: 'function_call', call_id: 'call_1', name: 'f' };
    const parts = await partsOf([
      itemAdded(0, call),
      itemDone(0, { ...call, arguments: '{}' }),
      {
        type: 'response.incomplete',
        response: { status: 'incomplete', incomplete_details: { reason: 'tool_budget' } },
      },
    ]);
    expect(finishOf(parts)).toMatchObject({ unified: 'tool-calls', raw: 'tool_budget' });
  });
});

describe('failures', () => {
  it('turn a response.failed into an error carrying the backend’s error object', async () => {
    const error = { code: 'server_error', message: 'Try again.', param: null };
    const parts = await partsOf([{ type: 'response.failed', response: { error } }]);
    const [reported] = errorsOf(parts);
    expect(reported!.message).toBe('server_error: Try again.');
    expect(reported!.data).toEqual(error);
  });

  it('turn a response.failed without a readable response into an error saying it failed', async () => {
    const event = { type: 'response.failed', response: 'gone' };
    const parts = await partsOf([event]);
    const [reported] = errorsOf(parts);
    expect(reported!.message).toBe('The Codex response failed');
    expect(reported!.data).toEqual(event);
    expect(finishOf(parts)).toMatchObject({
      unified: 'error',
      raw: 'error',
      providerMetadata: { codex: { responseId: null } },
    });
  });

  it.each([
    [{ code: 5 }, 'The Codex response failed', 'error'],
    [{ code: 'server_error' }, 'server_error: The Codex response failed', 'server_error'],
    [
      { error: { code: 'rate_limit_exceeded', message: 'Slow down.' } },
      'rate_limit_exceeded: Slow down.',
      'rate_limit_exceeded',
    ],
    [{ error: { message: 'Nested only.' } }, 'Nested only.', 'error'],
  ])('turn the error event %j into the error “%s” (raw %s)', async (fields, message, raw) => {
    const event = { type: 'error', ...fields };
    const parts = await partsOf([event]);
    const [reported] = errorsOf(parts);
    expect(reported!.message).toBe(message);
    expect(reported!.data).toEqual(event);
    expect(finishOf(parts)).toMatchObject({ unified: 'error', raw });
  });

  it('name a malformed item’s error invalid_event, which is not retried', async () => {
    const parts = await partsOf([
      itemDone(0, { type: 'function_call', name: 'f' }),
      { type: 'response.completed', response: { status: 'completed' } },
    ]);
    const [reported] = errorsOf(parts);
    expect(reported!.message).toMatch(
      /^invalid_event: The Codex backend sent a malformed function_call item \(invalid call_id\)/,
    );
    expect(reported!.isRetryable).toBe(false);
  });
});

describe('an abnormal end', () => {
  it('closes an open web search with no second tool-input-end', async () => {
    const parts = await partsOf([itemAdded(0, { id: 'ws_1', type: 'web_search_call' })]);
    expect(parts.map(p => p.type)).toEqual([
      'stream-start',
      'tool-input-start',
      'tool-input-end',
      'tool-call',
      'error',
      'finish',
    ]);
  });
});
