import { generateObject, generateText, stepCountIs, streamText, tool, type ModelMessage } from 'ai';
import { describe, expect, it } from 'vitest';
import { z } from 'zod/v4';
import { createCodex } from '../src';
import { useCodexEmulator } from './support/use-codex-emulator';

const emu = useCodexEmulator();

const provider = () =>
  createCodex({ baseURL: emu.baseURL, auth: { accessToken: 'at-SECRET-ai5', accountId: 'acct' } });

const weatherTools = {
  getWeather: tool({
    description: 'Weather for a city',
    inputSchema: z.object({ city: z.string() }),
    execute: async ({ city }) => `sunny in ${city}`,
  }),
};

describe('ai@5', () => {
  it('generateText returns text, reasoning, usage and finish reason', async () => {
    const result = await generateText({ model: provider()('gpt-5.3-codex'), prompt: 'Hi' });
    expect(result.text).toBe('Hello from the Codex emulator! You said: "Hi"');
    expect(result.reasoningText).toContain('Planning the answer');
    expect(result.finishReason).toBe('stop');
    expect(result.usage).toMatchObject({
      outputTokens: 42,
      reasoningTokens: 12,
      cachedInputTokens: 0,
    });
    expect(result.providerMetadata?.codex?.responseId).toMatch(/^resp_[0-9a-f]{50}$/);
    expect(result.response.id).toBe(result.providerMetadata?.codex?.responseId);
  });

  it('streamText streams reasoning and text', async () => {
    const result = streamText({
      model: provider()('gpt-5.3-codex'),
      prompt: 'Stream please',
      onError: ({ error }) => {
        throw error;
      },
    });
    const kinds = new Set<string>();
    let text = '';
    for await (const part of result.fullStream) {
      kinds.add(part.type);
      if (part.type === 'text-delta') text += part.text;
    }
    expect(text).toBe('Hello from the Codex emulator! You said: "Stream please"');
    expect([...kinds]).toEqual(
      expect.arrayContaining([
        'reasoning-start',
        'reasoning-delta',
        'reasoning-end',
        'text-delta',
        'finish',
      ]),
    );
    expect(kinds.has('error')).toBe(false);
    expect(await result.finishReason).toBe('stop');
  });

  it('runs a two-step tool loop and replays history the backend accepts', async () => {
    const result = await generateText({
      model: provider()('gpt-5.3-codex'),
      prompt: 'What is the weather in Paris?',
      tools: weatherTools,
      stopWhen: stepCountIs(3),
    });
    expect(result.steps).toHaveLength(2);
    expect(result.steps[0]!.finishReason).toBe('tool-calls');
    expect(result.steps[0]!.toolCalls[0]).toMatchObject({
      toolName: 'getWeather',
      input: { city: 'Paris' },
    });
    expect(result.text).toBe('The getWeather tool returned sunny in Paris.');

    expect(emu.requests).toHaveLength(2);
    const first = emu.requests[0]!.body;
    expect(first.tools).toEqual([
      expect.objectContaining({ type: 'function', name: 'getWeather', strict: true }),
    ]);
    const second = emu.requests[1]!.body;
    expect(second.input.map((i: { type: string }) => i.type)).toEqual([
      'message',
      'reasoning',
      'function_call',
      'function_call_output',
    ]);
    const firstReasoning = result.steps[0]!.content.find(p => p.type === 'reasoning')!;
    expect(second.input[1].encrypted_content).toBe(
      firstReasoning.providerMetadata?.codex?.reasoningEncryptedContent,
    );
    expect(second.input[1].encrypted_content).toMatch(/^enc:emulator:\d+$/);
    expect(JSON.stringify(second.input)).not.toMatch(/"id":/);
  });

  it('gets ids of its own for every response, item and call, and a summary per step, as from the backend', async () => {
    const result = streamText({
      model: provider()('gpt-5.3-codex'),
      prompt: 'Weather and time in Paris?',
      tools: {
        ...weatherTools,
        getTime: tool({
          description: 'Time in a city',
          inputSchema: z.object({ city: z.string() }),
          execute: async () => 'noon',
        }),
      },
      stopWhen: stepCountIs(3),
      includeRawChunks: true,
    });
    const responseIds: string[] = [];
    const itemIds: string[] = [];
    const callIds: string[] = [];
    const summaries: string[] = [];
    for await (const part of result.fullStream) {
      if (part.type !== 'raw') continue;
      const event = part.rawValue as { type: string; response?: { id: string }; item?: any };
      if (event.type === 'response.created') responseIds.push(event.response!.id);
      if (event.type !== 'response.output_item.done') continue;
      itemIds.push(event.item.id);
      if (event.item.call_id != null) callIds.push(event.item.call_id);
      if (event.item.type === 'reasoning') summaries.push(event.item.summary[0].text);
    }
    expect(responseIds).toEqual([
      expect.stringMatching(/^resp_[0-9a-f]{50}$/),
      expect.stringMatching(/^resp_[0-9a-f]{50}$/),
      expect.stringMatching(/^resp_[0-9a-f]{50}$/),
    ]);
    expect(itemIds.map(id => id.replace(/_[0-9a-f]{50}$/, '_…'))).toEqual([
      'rs_…',
      'fc_…',
      'rs_…',
      'fc_…',
      'rs_…',
      'msg_…',
    ]);
    expect(callIds).toEqual([
      expect.stringMatching(/^call_[A-Za-z0-9]{24}$/),
      expect.stringMatching(/^call_[A-Za-z0-9]{24}$/),
    ]);
    const ids = [...responseIds, ...itemIds, ...callIds];
    expect(new Set(ids).size).toBe(ids.length);
    expect(summaries).toEqual([
      '**Planning the answer**\n\nReading message 1 ("Weather and time in Paris?"): getWeather can answer it, so that comes first.',
      '**Calling getTime**\n\nFor message 1, 1 tool result(s) are in and getTime is still missing.',
      '**Summing up**\n\nAnswering message 1 with what getWeather and getTime returned.',
    ]);
    // the steps' parts carry those ids: a framework keying steps by them keeps all three
    const steps = await result.steps;
    expect(steps.map(step => step.response.id)).toEqual(responseIds);
    expect(
      steps.map(
        step => step.content.find(p => p.type === 'reasoning')?.providerMetadata?.codex?.itemId,
      ),
    ).toEqual(itemIds.filter(id => id.startsWith('rs_')));
  });

  it('round-trips encrypted reasoning through response messages into the next call', async () => {
    const model = provider()('gpt-5.3-codex');
    const first = await generateText({ model, prompt: 'First question' });
    const messages: ModelMessage[] = [
      { role: 'user', content: 'First question' },
      ...first.response.messages,
      { role: 'user', content: 'Second question' },
    ];
    const second = await generateText({ model, messages });
    expect(second.text).toContain('Second question');
    const input = emu.requests[1]!.body.input;
    expect(input.find((i: { type: string }) => i.type === 'reasoning')).toEqual({
      type: 'reasoning',
      summary: [{ type: 'summary_text', text: expect.stringContaining('Planning') }],
      encrypted_content: first.reasoning[0]!.providerMetadata?.codex?.reasoningEncryptedContent,
    });
  });

  it('generateObject gets structured output through a strict json_schema', async () => {
    const { object } = await generateObject({
      model: provider()('gpt-5.3-codex'),
      schema: z.object({ city: z.string(), temperature: z.number() }),
      prompt: 'Weather as JSON',
    });
    expect(object).toEqual({ city: 'Paris', temperature: 42 });
    expect(emu.requests[0]!.body.text.format).toMatchObject({
      type: 'json_schema',
      name: 'response',
      strict: true,
    });
  });

  it('sends optional-field schemas without strict, so they are not rejected', async () => {
    const result = await generateText({
      model: provider()('gpt-5.3-codex'),
      prompt: 'Search',
      tools: {
        search: tool({
          inputSchema: z.object({ query: z.string(), limit: z.number().optional() }),
          execute: async () => 'nothing found',
        }),
      },
      stopWhen: stepCountIs(2),
    });
    expect(emu.requests[0]!.body.tools[0].strict).toBe(false);
    expect(result.text).toBe('The search tool returned nothing found.');
  });

  it('hands a response.failed event to onError and ends with finishReason error', async () => {
    emu.enqueue({ kind: 'sse', fixture: 'failed' });
    const errors: unknown[] = [];
    const result = streamText({
      model: provider()('gpt-5.3-codex'),
      prompt: 'Too long',
      onError: ({ error }) => {
        errors.push(error);
      },
    });
    await result.consumeStream();
    expect(errors).toHaveLength(1);
    expect(String((errors[0] as Error).message)).toMatch(/context_length_exceeded/);
    expect(await result.finishReason).toBe('error');
  });

  it('generateText throws the backend message for an unknown model, without retrying it', async () => {
    await expect(generateText({ model: provider()('gpt-4o'), prompt: 'Hi' })).rejects.toThrow(
      "The 'gpt-4o' model is not supported when using Codex with a ChatGPT account.",
    );
    expect(emu.requests).toHaveLength(1);
  });
});
