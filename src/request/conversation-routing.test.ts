import { InvalidArgumentError } from '@ai-sdk/provider';
import { describe, expect, it } from 'vitest';
import type { CodexPrompt } from './codex-call-options';
import { conversationRouting } from './conversation-routing';
import { countCompactions } from './count-compactions';

const route = ({
  modelId = 'gpt-5.5',
  conversationId = 'conv-1',
  serviceTier,
}: {
  modelId?: string;
  conversationId?: string;
  serviceTier?: 'priority' | 'default';
} = {}) =>
  conversationRouting(
    { model: modelId, prompt_cache_key: conversationId, service_tier: serviceTier },
    [{ role: 'user', content: [{ type: 'text', text: 'Hi' }] }],
  );

describe('conversationRouting', () => {
  it('routes by conversation, window, model and tier, and says nothing else', () => {
    const { headers, clientMetadata, turn } = route({ serviceTier: 'priority' });
    expect(headers).toEqual({
      session_id: 'conv-1',
      'session-id': 'conv-1',
      'thread-id': 'conv-1',
      'x-client-request-id': 'conv-1',
      'x-codex-window-id': 'conv-1:0',
      'x-codex-routing-hint': 'model=gpt-5.5;tier=priority',
    });
    expect(clientMetadata).toEqual({
      session_id: 'conv-1',
      thread_id: 'conv-1',
      turn_id: turn.turnId,
      root_turn_id: turn.turnId,
      'x-codex-window-id': 'conv-1:0',
    });
    expect(route({ serviceTier: 'default' }).headers['x-codex-routing-hint']).toBe('model=gpt-5.5');
  });

  it.each([
    ['providerOptions.codex.promptCacheKey', { conversationId: 'conv\n1' }, /promptCacheKey/],
    ['providerOptions.codex.promptCacheKey', { conversationId: 'gespräch ✓' }, /Latin-1/],
    ['modelId', { modelId: 'gpt\r\n5' }, /^modelId contains a line break/],
  ])('refuses a %s that cannot travel in a header', (argument, overrides, message) => {
    let error: unknown;
    try {
      route(overrides);
    } catch (e) {
      error = e;
    }
    expect(InvalidArgumentError.isInstance(error)).toBe(true);
    expect(error).toMatchObject({ argument, message: expect.stringMatching(message) });
  });
});

describe('countCompactions', () => {
  const compaction = { itemId: 'cmp_1', encryptedContent: 'enc' };
  it('counts the reasoning parts of assistant messages that carry a compaction', () => {
    const prompt: CodexPrompt = [
      {
        role: 'user',
        content: [{ type: 'text', text: 'x', providerOptions: { codex: { compaction } } }],
      },
      {
        role: 'assistant',
        content: [
          { type: 'reasoning', text: '', providerOptions: { codex: { compaction } } },
          { type: 'reasoning', text: 'thought', providerOptions: { codex: { itemId: 'rs_1' } } },
          { type: 'reasoning', text: '', providerOptions: { codex: { compaction: null } } },
          { type: 'reasoning', text: '', providerOptions: { openai: { compaction } } },
          { type: 'text', text: 'ok', providerOptions: { codex: { compaction } } },
        ],
      },
      {
        role: 'assistant',
        content: [{ type: 'reasoning', text: '', providerOptions: { codex: { compaction } } }],
      },
    ];
    expect(countCompactions(prompt)).toBe(2);
    expect(countCompactions([])).toBe(0);
  });
});
