import { readdirSync, readFileSync } from 'node:fs';
import type { LanguageModelV2CallWarning, LanguageModelV2StreamPart } from '@ai-sdk/provider';
import { convertReadableStreamToArray } from '@ai-sdk/provider-utils/test';
import { describe, expect, it } from 'vitest';
import type { CodexEvent } from '../src/wire/codex-events';
import type { CodexToolNames } from '../src/request/codex-tool-names';
import { v2OutputShape } from '../src/ai-sdk/v2-output-shape';
import { createCodexPartStream } from '../src/stream/codex-part-stream';
import { sseConnection } from './support/part-stream';

// Every stream the AI SDK repository recorded from the live Responses API
// (test/fixtures/openai-recorded, see its README), through our part stream.

type Part = LanguageModelV2StreamPart;
type V2FinishPart = Extract<Part, { type: 'finish' }>;

const DIR = new URL('./fixtures/openai-recorded/', import.meta.url);
const files = readdirSync(DIR);
const chunkFixtures = files.filter(f => f.endsWith('.chunks.txt'));
const ERROR_BODIES = ['openai-error.1.json', 'reasoning-model-temperature-error.json'];
const jsonFixtures = files.filter(f => f.endsWith('.json') && !ERROR_BODIES.includes(f));

const read = (name: string) => readFileSync(new URL(name, DIR), 'utf8');

/** The recorded `data:` payloads as an SSE body, unchanged (a cut-off line stays cut off). */
function sseOf(name: string): string {
  return read(name)
    .split('\n')
    .filter(line => line.trim() !== '')
    .map(line => `data: ${line}\n\n`)
    .join('');
}

/** A non-streamed response as the events that would have streamed it. */
function eventsOf(response: { output: unknown[] } & Record<string, unknown>): CodexEvent[] {
  return [
    { type: 'response.created', response: { ...response, status: 'in_progress', output: [] } },
    ...response.output.flatMap((item, output_index) => [
      { type: 'response.output_item.added', output_index, item },
      { type: 'response.output_item.done', output_index, item },
    ]),
    { type: 'response.completed', response },
  ];
}

/** The tools the recorded requests declared: the custom `write_sql` and the local shell. */
const RECORDED_TOOLS: CodexToolNames = {
  kinds: { write_sql: 'custom', local_shell: 'local_shell' },
  localShell: 'local_shell',
  customByWireName: { write_sql: 'write_sql' },
  customBySdkName: { write_sql: 'write_sql' },
};

async function parts(sse: string, toolNames = RECORDED_TOOLS): Promise<Part[]> {
  const body = new ReadableStream<Uint8Array>({
    start(controller) {
      controller.enqueue(new TextEncoder().encode(sse));
      controller.close();
    },
  });
  let n = 0;
  const stream = createCodexPartStream<V2FinishPart, LanguageModelV2CallWarning>(
    sseConnection(body),
    {
      warnings: [],
      finishPart: v2OutputShape(undefined).finishPart,
      includeRawChunks: false,
      generateId: () => `gen-${n++}`,
      toolNames,
      request: { url: 'http://test/responses', body: {} },
    },
  );
  return convertReadableStreamToArray(stream);
}

const errorsOf = (p: Part[]) => p.filter(x => x.type === 'error');
const finishOf = (p: Part[]) => p.filter(x => x.type === 'finish') as V2FinishPart[];
const ofType = <T extends Part['type']>(p: Part[], type: T) =>
  p.filter((x): x is Extract<Part, { type: T }> => x.type === type);

describe('every recorded stream parses', () => {
  it('finds the recordings', () => {
    expect(chunkFixtures.length).toBeGreaterThanOrEqual(30);
    expect(jsonFixtures.length).toBeGreaterThanOrEqual(25);
  });

  it.each(
    chunkFixtures.filter(
      f => f !== 'openai-error.1.chunks.txt' && f !== 'parallel-tool-call-wrapper.1.chunks.txt',
    ),
  )('%s: no error, one finish', async name => {
    const p = await parts(sseOf(name));
    expect(errorsOf(p)).toEqual([]);
    expect(finishOf(p)).toHaveLength(1);
    expect(finishOf(p)[0]!.finishReason).not.toBe('error');
  });

  it.each(jsonFixtures)(
    '%s (non-streamed, replayed as events): no error, one finish',
    async name => {
      const events = eventsOf(JSON.parse(read(name)));
      const p = await parts(events.map(e => `data: ${JSON.stringify(e)}\n\n`).join(''));
      expect(errorsOf(p)).toEqual([]);
      expect(finishOf(p)).toHaveLength(1);
    },
  );

  it('openai-error.1.chunks.txt: the error event ends the response with its code', async () => {
    const p = await parts(sseOf('openai-error.1.chunks.txt'));
    expect(errorsOf(p)).toHaveLength(1);
    expect(String((errorsOf(p)[0]!.error as Error).message)).toMatch(/^insufficient_quota: /);
    expect(finishOf(p)).toEqual([expect.objectContaining({ finishReason: 'error' })]);
  });

  it('parallel-tool-call-wrapper.1.chunks.txt: its cut-off last line reads as a truncated stream', async () => {
    const p = await parts(sseOf('parallel-tool-call-wrapper.1.chunks.txt'));
    expect(ofType(p, 'tool-call')).toEqual([
      expect.objectContaining({ toolCallId: 'call_parallel', toolName: 'parallel' }),
    ]);
    expect(String((errorsOf(p)[0]?.error as Error).message)).toMatch(/stream_truncated/);
  });
});

describe('recorded streams of the tools Codex supports', () => {
  it('custom tool: a tool call with the raw text as a JSON string, streamed as such', async () => {
    const p = await parts(sseOf('openai-custom-tool.1.chunks.txt'));
    const input = JSON.stringify('SELECT * FROM users WHERE age > 25');
    expect(ofType(p, 'tool-input-start')).toEqual([
      { type: 'tool-input-start', id: 'call_custom_sql_001', toolName: 'write_sql' },
    ]);
    expect(
      ofType(p, 'tool-input-delta')
        .map(d => d.delta)
        .join(''),
    ).toBe(input);
    expect(ofType(p, 'tool-call')).toEqual([
      {
        type: 'tool-call',
        toolCallId: 'call_custom_sql_001',
        toolName: 'write_sql',
        input,
        providerMetadata: {
          codex: { itemId: 'ct_abc123def456', itemType: 'custom_tool_call', name: 'write_sql' },
        },
      },
    ]);
    expect(finishOf(p)[0]!.finishReason).toBe('tool-calls');
  });

  it('custom tool: the key of the tool in the request names it', async () => {
    const p = await parts(sseOf('openai-custom-tool.1.chunks.txt'), {
      kinds: { sql: 'custom' },
      customByWireName: { write_sql: 'sql' },
      customBySdkName: { sql: 'write_sql' },
    });
    expect(ofType(p, 'tool-call')[0]!.toolName).toBe('sql');
  });

  it('local shell: a tool call carrying the action', async () => {
    const p = await parts(sseOf('openai-local-shell-tool.1.chunks.txt'), {
      kinds: { shell: 'local_shell' },
      localShell: 'shell',
      customByWireName: {},
      customBySdkName: {},
    });
    expect(ofType(p, 'tool-call')).toEqual([
      {
        type: 'tool-call',
        toolCallId: 'call_h3nm8hUG0KO9tVNuRACkL1ri',
        toolName: 'shell',
        input: JSON.stringify({ action: { type: 'exec', command: ['ls', '-a', '~'], env: {} } }),
        providerMetadata: {
          codex: {
            itemId: 'lsh_68da7fd99b3c8194bd624b18c0c0851b0faf5df54b42d9a6',
            itemType: 'local_shell_call',
          },
        },
      },
    ]);
    expect(finishOf(p)[0]!.finishReason).toBe('tool-calls');
  });

  it('web search: provider-executed calls and results, and the citations as sources', async () => {
    const p = await parts(sseOf('openai-web-search-tool.1.chunks.txt'));
    const calls = ofType(p, 'tool-call');
    const results = ofType(p, 'tool-result');
    expect(calls).toHaveLength(6);
    expect(calls.every(c => c.providerExecuted && c.toolName === 'web_search')).toBe(true);
    expect(results.map(r => r.toolCallId)).toEqual(calls.map(c => c.toolCallId));
    expect(results[0]).toMatchObject({
      providerExecuted: true,
      result: { action: { type: 'search', query: 'tech news today December 5 2025' } },
    });
    expect(results.map(r => (r.result as { action: { type: string } }).action.type)).toEqual([
      'search',
      'search',
      'openPage',
      'findInPage',
      'findInPage',
      'findInPage',
    ]);
    const sources = ofType(p, 'source');
    const cited = new Set(
      read('openai-web-search-tool.1.chunks.txt')
        .split('\n')
        .filter(l => l.includes('"response.output_text.annotation.added"'))
        .map(l => JSON.parse(l).annotation.url),
    );
    expect(sources.map(s => (s as { url: string }).url).sort()).toEqual([...cited].sort());
    expect(sources[0]).toMatchObject({
      sourceType: 'url',
      title: expect.stringContaining('Petco'),
    });
    expect(finishOf(p)[0]!.finishReason).toBe('stop');
  });
});
