import { describe, expect, it } from 'vitest';
import { itemDone, responseCompleted } from '../../test/support/codex-events';
import { corePartsOf } from '../../test/support/part-stream';
import { webSearchOutputSchema } from './web-search';

// What the app sees as a web search's tool result for each action the backend reports:
// the action camelCased as `@ai-sdk/openai` has it, absent (or null) fields left out, so
// that the result is valid JSON and matches the tool's output schema.

async function resultOf(action: Record<string, unknown> | null) {
  const parts = (await corePartsOf([
    itemDone(0, { id: 'ws_1', type: 'web_search_call', status: 'completed', action }),
    responseCompleted(),
  ])) as Array<{ type: string; result?: unknown }>;
  const results = parts.filter(p => p.type === 'tool-result');
  expect(results).toHaveLength(1);
  const result = results[0]!.result;
  expect(webSearchOutputSchema.safeParse(result).success).toBe(true);
  return result;
}

const url = (u: string) => ({ type: 'url', url: u });

describe('web search results', () => {
  it('a search: its query and queries, and the url sources it read', async () => {
    expect(
      await resultOf({
        type: 'search',
        query: 'ai sdk',
        queries: ['ai sdk', 'ai sdk 6'],
        sources: [url('https://ai-sdk.dev/'), url('https://vercel.com/blog')],
      }),
    ).toStrictEqual({
      action: { type: 'search', query: 'ai sdk', queries: ['ai sdk', 'ai sdk 6'] },
      sources: [url('https://ai-sdk.dev/'), url('https://vercel.com/blog')],
    });
  });

  it('a search without query, queries or sources has none of those keys', async () => {
    expect(await resultOf({ type: 'search' })).toStrictEqual({ action: { type: 'search' } });
    expect(
      await resultOf({ type: 'search', query: null, queries: null, sources: null }),
    ).toStrictEqual({ action: { type: 'search' } });
  });

  it('keeps only url sources with a url, without their extra fields', async () => {
    expect(
      await resultOf({
        type: 'search',
        queries: ['weather berlin'],
        sources: [
          { type: 'api', name: 'oai-weather' },
          { type: 'api', name: 'oai-maps', url: 'https://maps.example/berlin' },
          { type: 'url', url: null },
          { type: 'url', url: 'https://wetter.de/', title: 'Wetter' },
        ],
      }),
    ).toStrictEqual({
      action: { type: 'search', queries: ['weather berlin'] },
      sources: [url('https://wetter.de/')],
    });
  });

  it('a search whose sources are all dropped has no sources key', async () => {
    expect(
      await resultOf({ type: 'search', query: 'q', sources: [{ type: 'api', name: 'x' }] }),
    ).toStrictEqual({ action: { type: 'search', query: 'q' } });
    expect(await resultOf({ type: 'search', query: 'q', sources: [] })).toStrictEqual({
      action: { type: 'search', query: 'q' },
    });
  });

  it('open_page: the url it opened, if the backend says', async () => {
    expect(await resultOf({ type: 'open_page', url: 'https://ai-sdk.dev/docs' })).toStrictEqual({
      action: { type: 'openPage', url: 'https://ai-sdk.dev/docs' },
    });
    expect(await resultOf({ type: 'open_page', url: null })).toStrictEqual({
      action: { type: 'openPage' },
    });
    expect(await resultOf({ type: 'open_page' })).toStrictEqual({
      action: { type: 'openPage' },
    });
  });

  it('find_in_page: the page and the pattern, each only when given', async () => {
    expect(
      await resultOf({ type: 'find_in_page', url: 'https://ai-sdk.dev/', pattern: 'streamText' }),
    ).toStrictEqual({
      action: { type: 'findInPage', url: 'https://ai-sdk.dev/', pattern: 'streamText' },
    });
    expect(await resultOf({ type: 'find_in_page', url: null, pattern: null })).toStrictEqual({
      action: { type: 'findInPage' },
    });
    expect(await resultOf({ type: 'find_in_page' })).toStrictEqual({
      action: { type: 'findInPage' },
    });
  });

  it('an action type it does not know: no action, but still its url sources', async () => {
    expect(
      await resultOf({ type: 'browse', url: 'https://x.dev/', sources: [url('https://x.dev/')] }),
    ).toStrictEqual({ sources: [url('https://x.dev/')] });
    expect(await resultOf({ type: 'browse' })).toStrictEqual({});
  });

  it('a call without an action: an empty result', async () => {
    expect(await resultOf(null)).toStrictEqual({});
  });
});
