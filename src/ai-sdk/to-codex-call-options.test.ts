import { UnsupportedFunctionalityError } from '@ai-sdk/provider';
import type { LanguageModelV4CallOptions } from '@ai-sdk/provider-latest';
import { describe, expect, it } from 'vitest';
import { toCodexCallOptions } from './to-codex-call-options';

const user = (content: unknown): LanguageModelV4CallOptions =>
  ({ prompt: [{ role: 'user', content }] }) as LanguageModelV4CallOptions;

describe('toCodexCallOptions', () => {
  it('unwraps V4 file data kinds', () => {
    const bytes = new Uint8Array([1, 2]);
    const { options } = toCodexCallOptions(
      user([
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
        { type: 'file', mediaType: 'image/png', data: 'AAAA' },
      ]),
    );
    expect(options.prompt[0]!.content).toEqual([
      { type: 'file', mediaType: 'image/png', data: bytes },
      { type: 'file', mediaType: 'image/png', data: new URL('https://x.test/a.png') },
      { type: 'text', text: 'notes.txt:\nhello' },
      { type: 'file', mediaType: 'image/png', data: 'AAAA' },
    ]);
  });

  it('refuses provider file references clearly', () => {
    expect(() =>
      toCodexCallOptions(
        user([
          {
            type: 'file',
            mediaType: 'application/pdf',
            data: { type: 'reference', reference: { openai: 'file_1' } },
          },
        ]),
      ),
    ).toThrow(UnsupportedFunctionalityError);
  });

  it('turns denied executions and tool-result content into text, dropping approval responses', () => {
    const { options, warnings } = toCodexCallOptions({
      prompt: [
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
                  { type: 'file', mediaType: 'image/png', data: { type: 'data', data: 'AAAA' } },
                ],
              },
            },
            { type: 'tool-approval-response', approvalId: 'x', approved: false },
          ],
        },
      ],
    } as unknown as LanguageModelV4CallOptions);
    expect(options.prompt[0]!.content).toEqual([
      {
        type: 'tool-result',
        toolCallId: 'a',
        toolName: 't',
        output: { type: 'text', value: 'Tool execution was denied: no' },
      },
      {
        type: 'tool-result',
        toolCallId: 'b',
        toolName: 't',
        output: { type: 'content', value: [{ type: 'text', text: 'one' }] },
      },
    ]);
    expect(warnings).toEqual([{ type: 'other', message: expect.stringContaining('image/png') }]);
  });

  it('maps the reasoning option unless providerOptions.codex sets an effort', () => {
    const base = { prompt: [] } as unknown as LanguageModelV4CallOptions;
    expect(toCodexCallOptions({ ...base, reasoning: 'minimal' }).options.providerOptions).toEqual({
      codex: { reasoningEffort: 'minimal' },
    });
    expect(toCodexCallOptions({ ...base, reasoning: 'max' }).options.providerOptions).toEqual({
      codex: { reasoningEffort: 'xhigh' },
    });
    expect(
      toCodexCallOptions({ ...base, reasoning: 'provider-default' }).options.providerOptions,
    ).toBeUndefined();
    expect(
      toCodexCallOptions({
        ...base,
        reasoning: 'low',
        providerOptions: { codex: { reasoningEffort: 'high' } },
      }).options.providerOptions,
    ).toEqual({ codex: { reasoningEffort: 'high' } });
  });

  it('keeps function tools and marks provider tools for the unsupported-tool warning', () => {
    const { options } = toCodexCallOptions({
      prompt: [],
      tools: [
        { type: 'function', name: 'f', inputSchema: { type: 'object' } },
        { type: 'provider', id: 'openai.web_search', name: 'web', args: {} },
      ],
    } as unknown as LanguageModelV4CallOptions);
    expect(options.tools).toEqual([
      { type: 'function', name: 'f', description: undefined, inputSchema: { type: 'object' } },
      { type: 'provider-defined', id: 'openai.web_search', name: 'web', args: {} },
    ]);
  });
});
