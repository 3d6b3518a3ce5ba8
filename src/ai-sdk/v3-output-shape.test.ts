import { describe, expect, it } from 'vitest';
import { toV3FinishPart, toV3Warning } from './v3-output-shape';

// What AI SDK 6 and 7 get: nested usage, `{ unified, raw }` and `unsupported` warnings.

describe('toV3FinishPart', () => {
  it('nests the usage: cached input and reasoning output split off, the raw object kept', () => {
    const usage = {
      input_tokens: 100,
      input_tokens_details: { cached_tokens: 30 },
      output_tokens: 50,
      output_tokens_details: { reasoning_tokens: 20 },
      total_tokens: 150,
    };
    const providerMetadata = { codex: { responseId: 'resp_1' } };
    expect(
      toV3FinishPart({ unified: 'stop', raw: 'completed', usage, providerMetadata }),
    ).toStrictEqual({
      type: 'finish',
      finishReason: { unified: 'stop', raw: 'completed' },
      usage: {
        inputTokens: { total: 100, noCache: 70, cacheRead: 30, cacheWrite: undefined },
        outputTokens: { total: 50, text: 30, reasoning: 20 },
        raw: usage,
      },
      providerMetadata,
    });
  });

  it('counts missing details as none, and leaves every count undefined without usage', () => {
    const providerMetadata = { codex: { responseId: null } };
    expect(
      toV3FinishPart({
        unified: 'length',
        raw: 'max_output_tokens',
        usage: { input_tokens: 10, output_tokens: 4 },
        providerMetadata,
      }).usage,
    ).toStrictEqual({
      inputTokens: { total: 10, noCache: 10, cacheRead: undefined, cacheWrite: undefined },
      outputTokens: { total: 4, text: 4, reasoning: undefined },
      raw: { input_tokens: 10, output_tokens: 4 },
    });
    expect(
      toV3FinishPart({ unified: 'other', raw: undefined, usage: undefined, providerMetadata })
        .usage,
    ).toStrictEqual({
      inputTokens: {
        total: undefined,
        noCache: undefined,
        cacheRead: undefined,
        cacheWrite: undefined,
      },
      outputTokens: { total: undefined, text: undefined, reasoning: undefined },
    });
  });
});

describe('toV3Warning', () => {
  it('says `unsupported` for a setting, with its details only when there are some', () => {
    expect(
      toV3Warning({ type: 'unsupported-setting', setting: 'seed', details: 'not sent' }),
    ).toStrictEqual({ type: 'unsupported', feature: 'seed', details: 'not sent' });
    expect(toV3Warning({ type: 'unsupported-setting', setting: 'topK' })).toStrictEqual({
      type: 'unsupported',
      feature: 'topK',
    });
  });

  it('names an unsupported tool as `tool <name>`', () => {
    expect(
      toV3Warning({ type: 'unsupported-tool', toolName: 'search', details: 'no such type' }),
    ).toStrictEqual({ type: 'unsupported', feature: 'tool search', details: 'no such type' });
    expect(toV3Warning({ type: 'unsupported-tool', toolName: 'search' })).toStrictEqual({
      type: 'unsupported',
      feature: 'tool search',
    });
  });

  it('passes an `other` warning on as it is', () => {
    expect(toV3Warning({ type: 'other', message: 'mask not sent' })).toStrictEqual({
      type: 'other',
      message: 'mask not sent',
    });
  });
});
