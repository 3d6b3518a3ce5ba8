import { UnsupportedFunctionalityError } from '@ai-sdk/provider';
import type { LanguageModelV4CallOptions } from '@ai-sdk/provider-latest';
import { describe, expect, it } from 'vitest';
import { getCodexArgs } from './get-codex-args';

// AI SDK 6 and 7 hand their call options to the core as they are (no conversion layer):
// these are the places where they spell a thing differently from AI SDK 5.

function argsOf(options: LanguageModelV4CallOptions) {
  return getCodexArgs({
    modelId: 'gpt-5.3-codex',
    options,
    defaults: { sessionId: 'session-1', defaultInstructions: 'Default instructions.' },
  });
}

describe('V4 file data', () => {
  it('sends tagged bytes and URLs as images and a text file as text', async () => {
    const bytes = new Uint8Array([137, 80, 78, 71]);
    const { body } = await argsOf({
      prompt: [
        {
          role: 'user',
          content: [
            { type: 'file', mediaType: 'image/png', data: { type: 'data', data: bytes } },
            {
              type: 'file',
              mediaType: 'image/png',
              data: { type: 'url', url: new URL('https://x.test/a.png') },
            },
            {
              type: 'file',
              mediaType: 'text/plain',
              filename: 'notes.txt',
              data: { type: 'text', text: 'hello' },
            },
            { type: 'file', mediaType: 'text/plain', data: { type: 'text', text: 'bare' } },
            { type: 'file', mediaType: 'image/png', data: { type: 'data', data: 'AAAA' } },
          ],
        },
      ],
    });
    expect(body.input).toEqual([
      {
        type: 'message',
        role: 'user',
        content: [
          { type: 'input_image', image_url: 'data:image/png;base64,iVBORw==' },
          { type: 'input_image', image_url: 'https://x.test/a.png' },
          { type: 'input_text', text: 'notes.txt:\nhello' },
          { type: 'input_text', text: 'bare' },
          { type: 'input_image', image_url: 'data:image/png;base64,AAAA' },
        ],
      },
    ]);
  });

  it('refuses provider file references clearly', async () => {
    await expect(
      argsOf({
        prompt: [
          {
            role: 'user',
            content: [
              {
                type: 'file',
                mediaType: 'application/pdf',
                data: { type: 'reference', reference: { openai: 'file_1' } },
              },
            ],
          },
        ],
      }),
    ).rejects.toSatisfy(
      error =>
        UnsupportedFunctionalityError.isInstance(error) &&
        error.message.includes('cannot resolve provider file references'),
    );
  });
});

describe('V3/V4 tool messages', () => {
  const call = (toolCallId: string) =>
    ({ type: 'tool-call', toolCallId, toolName: 't', input: {} }) as const;

  it('sends a denied execution as its text, tool-result text content, and drops approval responses', async () => {
    const { body, warnings } = await argsOf({
      prompt: [
        { role: 'user', content: [{ type: 'text', text: 'go' }] },
        { role: 'assistant', content: [call('a'), call('b'), call('c')] },
        {
          role: 'tool',
          content: [
            {
              type: 'tool-result',
              toolCallId: 'a',
              toolName: 't',
              output: { type: 'execution-denied', reason: 'no' },
            },
            {
              type: 'tool-result',
              toolCallId: 'b',
              toolName: 't',
              output: {
                type: 'content',
                value: [
                  { type: 'text', text: 'one' },
                  { type: 'custom', providerOptions: {} },
                ],
              },
            },
            {
              type: 'tool-result',
              toolCallId: 'c',
              toolName: 't',
              output: { type: 'execution-denied' },
            },
            { type: 'tool-approval-response', approvalId: 'x', approved: false },
          ],
        },
      ],
    });
    expect(body.input.slice(4)).toEqual([
      { type: 'function_call_output', call_id: 'a', output: 'Tool execution was denied: no' },
      { type: 'function_call_output', call_id: 'b', output: 'one' },
      { type: 'function_call_output', call_id: 'c', output: 'Tool execution was denied.' },
    ]);
    expect(warnings).toEqual([
      { type: 'other', message: 'Tool result custom is not supported by Codex and was left out.' },
    ]);
  });

  it('leaves out assistant parts Codex cannot take, each with a warning', async () => {
    const { body, warnings } = await argsOf({
      prompt: [
        { role: 'user', content: [{ type: 'text', text: 'go' }] },
        {
          role: 'assistant',
          content: [
            { type: 'custom', kind: 'acme.note' },
            {
              type: 'reasoning-file',
              mediaType: 'image/png',
              data: { type: 'data', data: 'AAAA' },
            },
            { type: 'text', text: 'done' },
          ],
        },
      ],
    });
    expect(body.input.at(-1)).toEqual({
      type: 'message',
      role: 'assistant',
      content: [{ type: 'output_text', text: 'done' }],
    });
    expect(warnings).toEqual([
      { type: 'other', message: 'Assistant custom parts are not sent to Codex.' },
      { type: 'other', message: 'Assistant reasoning-file parts are not sent to Codex.' },
    ]);
  });
});

describe('the V4 reasoning option', () => {
  const prompt: LanguageModelV4CallOptions['prompt'] = [
    { role: 'user', content: [{ type: 'text', text: 'Hi' }] },
  ];

  it.each([
    ['minimal', 'low'], // gpt-5.3-codex has no minimal: clamped as any effort is
    ['high', 'high'],
    ['max', 'xhigh'],
  ] as const)('reasoning %s sends effort %s', async (reasoning, effort) => {
    const { body } = await argsOf({ prompt, reasoning });
    expect(body.reasoning?.effort).toBe(effort);
  });

  it('provider-default sends no effort', async () => {
    const { body } = await argsOf({ prompt, reasoning: 'provider-default' });
    expect(body.reasoning?.effort).toBeUndefined();
  });

  it('providerOptions.codex.reasoningEffort wins', async () => {
    const { body } = await argsOf({
      prompt,
      reasoning: 'low',
      providerOptions: { codex: { reasoningEffort: 'high' } },
    });
    expect(body.reasoning?.effort).toBe('high');
  });
});

describe('V3/V4 provider tools', () => {
  it("are the backend's own tools under type provider, and others are warned of", async () => {
    const { body, warnings } = await argsOf({
      prompt: [{ role: 'user', content: [{ type: 'text', text: 'Hi' }] }],
      tools: [
        { type: 'function', name: 'f', inputSchema: { type: 'object' } },
        { type: 'provider', id: 'codex.web_search', name: 'web', args: {} },
        { type: 'provider', id: 'openai.web_search', name: 'other', args: {} },
      ],
    });
    expect(body.tools?.map(tool => tool.type)).toEqual(['function', 'web_search']);
    expect(warnings).toEqual([
      {
        type: 'unsupported-tool',
        toolName: 'other',
        details:
          "Codex does not know the provider tool 'openai.web_search'; it was not sent. Use function tools or codex.tools.",
      },
    ]);
  });
});
