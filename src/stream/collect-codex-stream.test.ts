import { APICallError } from '@ai-sdk/provider';
import { describe, expect, it } from 'vitest';
import { collectCodexStream } from './collect-codex-stream';
import type { CodexContentPart } from './codex-stream-part';

type Finish = { type: 'finish'; finishReason: string };
type Part = CodexContentPart | Finish | { type: 'stream-start'; warnings: never[] };

function streamOf(parts: Part[]) {
  const state = { cancelled: undefined as unknown, read: 0 };
  const stream = new ReadableStream<Part>({
    pull(controller) {
      if (state.read === parts.length) return controller.close();
      controller.enqueue(parts[state.read++]!);
    },
    cancel(reason) {
      state.cancelled = reason;
    },
  });
  return { stream, state };
}

const collect = (parts: Part[]) => collectCodexStream<Finish, never>(streamOf(parts).stream);

describe('collectCodexStream', () => {
  it('builds doGenerate content in the order blocks started, metadata from their end', async () => {
    const { content, finish, response } = await collect([
      { type: 'stream-start', warnings: [] },
      { type: 'response-metadata', id: 'resp_1', modelId: 'gpt-5.3-codex', timestamp: new Date(0) },
      { type: 'reasoning-start', id: 'r:0', providerMetadata: { codex: { itemId: 'r' } } },
      { type: 'text-start', id: 't' },
      { type: 'reasoning-delta', id: 'r:0', delta: 'Think' },
      { type: 'text-delta', id: 't', delta: 'Hel' },
      { type: 'reasoning-delta', id: 'r:0', delta: 'ing.' },
      { type: 'text-delta', id: 't', delta: 'lo.' },
      { type: 'text-delta', id: 'unknown', delta: 'dropped' },
      {
        type: 'reasoning-end',
        id: 'r:0',
        providerMetadata: { codex: { itemId: 'r', reasoningEncryptedContent: 'enc:1' } },
      },
      { type: 'text-end', id: 't', providerMetadata: { codex: { phase: 'final_answer' } } },
      { type: 'tool-call', toolCallId: 'c', toolName: 'x', input: '{}' },
      {
        type: 'source',
        sourceType: 'url',
        id: 's',
        url: 'https://example.com',
      },
      { type: 'finish', finishReason: 'tool-calls' },
    ]);
    expect(content).toStrictEqual([
      {
        type: 'reasoning',
        text: 'Thinking.',
        providerMetadata: { codex: { itemId: 'r', reasoningEncryptedContent: 'enc:1' } },
      },
      { type: 'text', text: 'Hello.', providerMetadata: { codex: { phase: 'final_answer' } } },
      { type: 'tool-call', toolCallId: 'c', toolName: 'x', input: '{}' },
      { type: 'source', sourceType: 'url', id: 's', url: 'https://example.com' },
    ]);
    expect(finish).toEqual({ type: 'finish', finishReason: 'tool-calls' });
    expect(response).toStrictEqual({
      id: 'resp_1',
      modelId: 'gpt-5.3-codex',
      timestamp: new Date(0),
    });
  });

  it('keeps start metadata when the end has none, takes delta metadata, and leaves no empty key', async () => {
    const { content, response } = await collect([
      { type: 'response-metadata', id: undefined, modelId: 'm', timestamp: undefined },
      { type: 'text-start', id: 'a', providerMetadata: { codex: { itemId: 'a' } } },
      { type: 'text-end', id: 'a' },
      { type: 'reasoning-start', id: 'b' },
      {
        type: 'reasoning-delta',
        id: 'b',
        delta: 'x',
        providerMetadata: { codex: { itemId: 'b' } },
      },
      { type: 'reasoning-end', id: 'b' },
      { type: 'text-start', id: 'c' },
      { type: 'text-delta', id: 'c', delta: 'plain' },
      { type: 'text-end', id: 'c' },
      { type: 'text-end', id: 'never-started', providerMetadata: { codex: {} } },
    ]);
    expect(content).toStrictEqual([
      { type: 'text', text: '', providerMetadata: { codex: { itemId: 'a' } } },
      { type: 'reasoning', text: 'x', providerMetadata: { codex: { itemId: 'b' } } },
      { type: 'text', text: 'plain' },
    ]);
    expect(response).toStrictEqual({ modelId: 'm' });
  });

  it('returns no finish for a stream that ended without one', async () => {
    expect((await collect([{ type: 'text-start', id: 't' }])).finish).toBeUndefined();
  });

  it('throws the error part and stops reading the stream', async () => {
    const error = new APICallError({
      message: 'boom',
      url: 'u',
      requestBodyValues: {},
      isRetryable: false,
    });
    const { stream, state } = streamOf([
      { type: 'text-start', id: 't' },
      { type: 'error', error },
      { type: 'text-delta', id: 't', delta: 'never read' },
      { type: 'finish', finishReason: 'error' },
    ]);
    await expect(collectCodexStream<Finish, never>(stream)).rejects.toBe(error);
    expect(state.cancelled).toBe(error);
  });

  it('throws a plain Error as it is and wraps anything else in one', async () => {
    const plain = new TypeError('bad');
    await expect(collect([{ type: 'error', error: plain }])).rejects.toBe(plain);
    await expect(collect([{ type: 'error', error: 'just text' }])).rejects.toThrow(
      new Error('just text'),
    );
  });
});
