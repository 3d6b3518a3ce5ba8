import { APICallError } from '@ai-sdk/provider';
import { describe, expect, it } from 'vitest';
import type { CodexContent, CodexFinish } from '../stream/codex-stream-part';
import {
  compactionFromResponse,
  compactionThreshold,
  withCompactionUsage,
} from './codex-compaction';

describe('compactionThreshold', () => {
  const model = (contextWindow?: number) => ({
    reasoningEfforts: [],
    effortsFrom: 'table' as const,
    ...(contextWindow != null && { contextWindow }),
  });

  it('is 90 % of the model’s window by default, rounded down', () => {
    expect(compactionThreshold({}, model(272_000))).toBe(244_800);
    expect(compactionThreshold({}, model(1_001))).toBe(900);
  });

  it('is the setting’s when it gives one, window or not', () => {
    expect(compactionThreshold({ atInputTokens: 5_000 }, model(272_000))).toBe(5_000);
    expect(compactionThreshold({ atInputTokens: 5_000 }, undefined)).toBe(5_000);
  });

  it('is none when compaction is off or the window unknown', () => {
    expect(compactionThreshold(false, model(272_000))).toBeUndefined();
    expect(compactionThreshold({}, model())).toBeUndefined();
    expect(compactionThreshold({}, undefined)).toBeUndefined();
  });
});

describe('compactionFromResponse', () => {
  const compactionPart = (n: number): CodexContent => ({
    type: 'reasoning',
    text: '',
    providerMetadata: { codex: { compaction: { itemId: `cmp_${n}`, encryptedContent: `e${n}` } } },
  });
  const request = {
    url: 'http://test/responses',
    body: { input: [] },
    responseHeaders: { 'x-request-id': 'req_1' },
  };

  it('takes the one compaction among the response’s parts', () => {
    const content: CodexContent[] = [
      { type: 'reasoning', text: 'thinking', providerMetadata: { codex: { itemId: 'rs_1' } } },
      { type: 'reasoning', text: 'plain' },
      { type: 'reasoning', text: 'other', providerMetadata: { other: { compaction: 'x' } } },
      compactionPart(1),
      // only reasoning parts carry compactions
      {
        type: 'text',
        text: 'x',
        providerMetadata: { codex: { compaction: { itemId: 'cmp_9', encryptedContent: 'e9' } } },
      },
    ];
    expect(compactionFromResponse(content, request)).toEqual({
      itemId: 'cmp_1',
      encryptedContent: 'e1',
    });
  });

  it.each([
    [0, []],
    [2, [compactionPart(1), compactionPart(2)]],
  ])('fails without a retry on %i compaction items', (count, content) => {
    let error: unknown;
    try {
      compactionFromResponse(content, request);
    } catch (e) {
      error = e;
    }
    expect(APICallError.isInstance(error)).toBe(true);
    expect(error).toMatchObject({
      message: `The Codex backend answered the compaction request with ${count} compaction items instead of one, so the call was not sent. Try again; if it keeps failing, set \`compaction: false\` in createCodex() and shorten the conversation. [request id: req_1]`,
      isRetryable: false,
      statusCode: 200,
      url: 'http://test/responses',
      requestBodyValues: { input: [] },
      responseHeaders: { 'x-request-id': 'req_1' },
      data: { compactionItems: count },
    });
  });
});

describe('withCompactionUsage', () => {
  const finish: CodexFinish = {
    unified: 'stop',
    raw: 'completed',
    usage: { input_tokens: 10, output_tokens: 2 },
    providerMetadata: { codex: { responseId: 'resp_1' }, other: { kept: true } },
  };

  it('puts the compaction request’s usage beside the call’s metadata, the call’s usage untouched', () => {
    expect(
      withCompactionUsage(finish, {
        input_tokens: 900,
        input_tokens_details: { cached_tokens: 100 },
        output_tokens: 40,
        output_tokens_details: { reasoning_tokens: 0 },
        total_tokens: 940,
      }),
    ).toEqual({
      ...finish,
      providerMetadata: {
        codex: {
          responseId: 'resp_1',
          compactionUsage: {
            inputTokens: 900,
            cachedInputTokens: 100,
            outputTokens: 40,
            reasoningTokens: 0,
            totalTokens: 940,
          },
        },
        other: { kept: true },
      },
    });
  });

  it('reports only what the backend counted', () => {
    expect(
      withCompactionUsage(finish, { input_tokens: 900, output_tokens: null }).providerMetadata
        .codex,
    ).toEqual({ responseId: 'resp_1', compactionUsage: { inputTokens: 900 } });
    expect(withCompactionUsage(finish, undefined).providerMetadata.codex).toEqual({
      responseId: 'resp_1',
      compactionUsage: {},
    });
  });
});
