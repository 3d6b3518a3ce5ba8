import { generateText, stepCountIs, streamText, tool, type ModelMessage } from 'ai';
import * as ai6 from 'ai-v6';
import { describe, expect, it } from 'vitest';
import { z } from 'zod/v4';
import { createCodex } from '../src';
import { createCodex as createCodexV3 } from '../src/v3';
import { useCodexEmulator } from './support/use-codex-emulator';

// An agent framework's tool loop as the OpenAI Agents SDK's `aisdk()` adapter runs it: the
// step's reasoning and its tool call come back as two consecutive assistant messages. The
// encrypted reasoning must still reach the next request, or the model loses its chain of
// thought at every step.

const emu = useCodexEmulator();
const auth = { accessToken: 'at-SECRET-replay', accountId: 'acct' };

/** The assistant message of a step, split the way agent frameworks split it. */
function splitPerPart(messages: Array<{ role: string; content: unknown }>) {
  return messages.flatMap(message =>
    message.role === 'assistant' && Array.isArray(message.content)
      ? message.content.map(part => ({ role: 'assistant', content: [part] }))
      : [message],
  );
}

/** The app's answer to the weather call, as a tool message both SDK versions accept. */
function sunnyResult(call: { toolCallId: string; toolName: string }) {
  return {
    role: 'tool' as const,
    content: [
      {
        type: 'tool-result' as const,
        toolCallId: call.toolCallId,
        toolName: call.toolName,
        output: { type: 'text' as const, value: 'sunny' },
      },
    ],
  };
}

function expectReasoningReplayed() {
  const [, second] = emu.requests.filter(r => r.path.endsWith('/responses'));
  const input = second!.body.input as Array<{ type: string; encrypted_content?: string }>;
  expect(input.map(i => i.type)).toEqual([
    'message',
    'reasoning',
    'function_call',
    'function_call_output',
  ]);
  expect(input[1]!.encrypted_content).toMatch(/^enc:/);
}

describe('reasoning split from its tool call over two assistant messages', () => {
  it('is replayed with its encrypted content (ai@5, root entry)', async () => {
    const model = createCodex({ baseURL: emu.baseURL, auth })('gpt-5.3-codex');
    const tools = {
      weather: { description: 'Weather', inputSchema: z.object({ city: z.string() }) },
    };
    const user: ModelMessage = { role: 'user', content: 'Weather in Paris?' };
    const step = await generateText({ model, tools, messages: [user] });
    const call = step.toolCalls[0]!;
    expect(step.response.messages[0]!.content).toHaveLength(2); // reasoning + tool call

    const next = await generateText({
      model,
      tools,
      messages: [
        user,
        ...(splitPerPart(step.response.messages) as ModelMessage[]),
        sunnyResult(call),
      ],
    });
    expectReasoningReplayed();
    expect(next.warnings ?? []).toEqual([]);
  });

  it('is replayed with its encrypted content (ai@6, /v3)', async () => {
    const model = createCodexV3({ baseURL: emu.baseURL, auth })('gpt-5.3-codex');
    const tools = {
      weather: ai6.tool({ description: 'Weather', inputSchema: z.object({ city: z.string() }) }),
    };
    const user: ai6.ModelMessage = { role: 'user', content: 'Weather in Paris?' };
    const step = await ai6.generateText({ model, tools, messages: [user] });
    const call = step.toolCalls[0]!;

    await ai6.generateText({
      model,
      tools,
      messages: [
        user,
        ...(splitPerPart(step.response.messages) as ai6.ModelMessage[]),
        sunnyResult(call),
      ],
    });
    expectReasoningReplayed();
  });
});

describe('reasoning replayed without its providerMetadata', () => {
  // Strands Agents keeps a step's reasoning text but not its providerMetadata, so the
  // encrypted content is gone: the reasoning cannot be sent, and the call says so once.
  it('is left out with one warning for the call (ai@5 streamText)', async () => {
    const model = createCodex({ baseURL: emu.baseURL, auth })('gpt-5.3-codex');
    const tools = {
      weather: tool({
        description: 'Weather',
        inputSchema: z.object({ city: z.string() }),
        execute: async () => 'sunny',
      }),
      time: tool({
        description: 'Time',
        inputSchema: z.object({ city: z.string() }),
        execute: async () => 'noon',
      }),
    };
    const user: ModelMessage = { role: 'user', content: 'Weather and time in Paris?' };
    const loop = await generateText({ model, tools, messages: [user], stopWhen: stepCountIs(3) });
    expect(loop.steps.map(s => s.reasoning.length)).toEqual([1, 1, 1]);
    const withoutMetadata = loop.response.messages.map(message =>
      message.role === 'assistant' && Array.isArray(message.content)
        ? {
            ...message,
            content: message.content.map(({ providerOptions, ...part }) =>
              part.type === 'reasoning' ? part : { ...part, providerOptions },
            ),
          }
        : message,
    );
    emu.requests.length = 0;

    const result = streamText({
      model,
      tools,
      messages: [user, ...withoutMetadata, { role: 'user', content: 'And tomorrow?' }],
    });
    await result.consumeStream();
    const [request] = emu.requests.filter(r => r.path.endsWith('/responses'));
    expect(request!.body.input.filter((i: { type: string }) => i.type === 'reasoning')).toEqual([]);
    expect(await result.warnings).toEqual([
      {
        type: 'other',
        message: expect.stringContaining(
          '3 reasoning item(s) were not replayed: they have no providerOptions.codex.reasoningEncryptedContent',
        ),
      },
    ]);
  });
});
