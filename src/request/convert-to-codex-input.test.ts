import { UnsupportedFunctionalityError } from '@ai-sdk/provider';
import { describe, expect, it } from 'vitest';
import { summaryTexts } from '../../test/support/codex-events';
import type { CodexPrompt } from './codex-call-options';
import { convertToCodexInput } from './convert-to-codex-input';

describe('convertToCodexInput', () => {
  it('maps user text and images (URL, data URL, bytes, base64)', () => {
    const { input } = convertToCodexInput([
      {
        role: 'user',
        content: [
          { type: 'text', text: 'Look:' },
          { type: 'file', mediaType: 'image/png', data: new URL('https://example.com/cat.png') },
          { type: 'file', mediaType: 'image/png', data: 'data:image/png;base64,AAAA' },
          { type: 'file', mediaType: 'image/jpeg', data: new Uint8Array([1, 2, 3]) },
          { type: 'file', mediaType: 'image/*', data: 'AQID' },
        ],
      },
    ]);
    expect(input).toEqual([
      {
        type: 'message',
        role: 'user',
        content: [
          { type: 'input_text', text: 'Look:' },
          { type: 'input_image', image_url: 'https://example.com/cat.png' },
          { type: 'input_image', image_url: 'data:image/png;base64,AAAA' },
          { type: 'input_image', image_url: 'data:image/jpeg;base64,AQID' },
          { type: 'input_image', image_url: 'data:image/jpeg;base64,AQID' },
        ],
      },
    ]);
  });

  const PNG = [0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0, 0, 0, 0x0d];
  const imageUrls = (...parts: Array<{ mediaType: string; data: string | Uint8Array | URL }>) =>
    convertToCodexInput([
      { role: 'user', content: parts.map(part => ({ type: 'file' as const, ...part })) },
    ]).input.flatMap(item =>
      item.type === 'message'
        ? item.content.map(c => (c.type === 'input_image' ? c.image_url : c))
        : [],
    );

  it('labels image/* bytes and base64 by their format, and unknown ones as jpeg', () => {
    const base64 = (bytes: number[]) => Buffer.from(bytes).toString('base64');
    const formats = {
      png: PNG,
      jpeg: [0xff, 0xd8, 0xff, 0xe0, 0, 0x10],
      gif: [...Buffer.from('GIF89a'), 1, 0],
      webp: [...Buffer.from('RIFF'), 0x24, 0, 0, 0, ...Buffer.from('WEBPVP8 ')],
    };
    for (const [format, bytes] of Object.entries(formats)) {
      expect(
        imageUrls(
          { mediaType: 'image/*', data: new Uint8Array(bytes) },
          { mediaType: 'image/*', data: base64(bytes) },
        ),
      ).toEqual([
        `data:image/${format};base64,${base64(bytes)}`,
        `data:image/${format};base64,${base64(bytes)}`,
      ]);
    }
    const riffNotWebp = [...Buffer.from('RIFF'), 0x24, 0, 0, 0, ...Buffer.from('WAVEfmt ')];
    expect(
      imageUrls(
        { mediaType: 'image/*', data: new Uint8Array(riffNotWebp) },
        { mediaType: 'image/*', data: new Uint8Array(PNG.slice(0, 7)) },
        { mediaType: 'image/*', data: new Uint8Array([0x89, 0x50, 0x4e, 0x47, 0, 0, 0, 0]) },
        { mediaType: 'image/*', data: '!!not base64!!' },
      ),
    ).toEqual([
      `data:image/jpeg;base64,${base64(riffNotWebp)}`,
      `data:image/jpeg;base64,${base64(PNG.slice(0, 7))}`,
      'data:image/jpeg;base64,iVBORwAAAAA=',
      'data:image/jpeg;base64,!!not base64!!',
    ]);
  });

  it('keeps a specific image media type as given', () => {
    expect(imageUrls({ mediaType: 'image/webp', data: new Uint8Array(PNG) })).toEqual([
      `data:image/webp;base64,${Buffer.from(PNG).toString('base64')}`,
    ]);
  });

  it('passes http, https and data URL strings through instead of base64-encoding them', () => {
    expect(
      imageUrls(
        { mediaType: 'image/png', data: 'http://example.com/cat.png' },
        { mediaType: 'image/png', data: 'HTTPS://example.com/cat.png' },
        { mediaType: 'image/*', data: 'data:image/gif;base64,R0lG' },
        { mediaType: 'image/png', data: new URL('http://example.com/dog.png') },
      ),
    ).toEqual([
      'http://example.com/cat.png',
      'HTTPS://example.com/cat.png',
      'data:image/gif;base64,R0lG',
      'http://example.com/dog.png',
    ]);
  });

  it('rejects non-image files with an UnsupportedFunctionalityError naming the type', () => {
    const run = () =>
      convertToCodexInput([
        {
          role: 'user',
          content: [
            { type: 'file', mediaType: 'application/pdf', data: 'AAAA', filename: 'a.pdf' },
          ],
        },
      ]);
    expect(run).toThrow(UnsupportedFunctionalityError);
    expect(run).toThrow(/application\/pdf.*a\.pdf/);
    expect(run).toThrow(
      expect.objectContaining({ functionality: 'file parts with media type application/pdf' }),
    );
  });

  it('names the media type even when the file has no name', () => {
    const run = () =>
      convertToCodexInput([
        { role: 'user', content: [{ type: 'file', mediaType: 'text/plain', data: 'AAAA' }] },
      ]);
    expect(run).toThrow(
      "Codex cannot take the file part with media type 'text/plain': convert it to text or an image first.",
    );
  });

  it('sends nothing for a user turn with no content', () => {
    const { input } = convertToCodexInput([{ role: 'user', content: [] }]);
    expect(input).toEqual([]);
  });

  it('drops an assistant turn of only reasoning instead of crashing', () => {
    const { input, warnings } = convertToCodexInput([
      { role: 'user', content: [{ type: 'text', text: 'Hi' }] },
      {
        role: 'assistant',
        content: [
          {
            type: 'reasoning',
            text: 'Thinking.',
            providerOptions: { codex: { itemId: 'rs_1', reasoningEncryptedContent: 'enc:1' } },
          },
          { type: 'reasoning', text: 'No replay data.' },
        ],
      },
      { role: 'user', content: [{ type: 'text', text: 'Again' }] },
    ]);
    expect(input.map(i => i.type)).toEqual(['message', 'message']);
    // reasoning that cannot be replayed is never dropped silently
    expect(warnings).toEqual([
      {
        type: 'other',
        message: expect.stringMatching(
          /^1 reasoning item\(s\) were not replayed: .* no text or tool call after it/,
        ),
      },
      {
        type: 'other',
        message: expect.stringContaining(
          '1 reasoning item(s) were not replayed: they have no providerOptions.codex.reasoningEncryptedContent',
        ),
      },
    ]);
  });

  it('maps an assistant turn with reasoning, text and tool calls, and tool results — with no item ids', () => {
    const { input, warnings } = convertToCodexInput([
      { role: 'user', content: [{ type: 'text', text: 'Weather?' }] },
      {
        role: 'assistant',
        content: [
          { type: 'reasoning', text: 'Part one.', providerOptions: { codex: { itemId: 'rs_1' } } },
          {
            type: 'reasoning',
            text: 'Part two.',
            providerOptions: { codex: { itemId: 'rs_1', reasoningEncryptedContent: 'enc:abc' } },
          },
          { type: 'text', text: 'Checking.' },
          {
            type: 'tool-call',
            toolCallId: 'call_1',
            toolName: 'getWeather',
            input: { city: 'Paris' },
          },
          { type: 'tool-call', toolCallId: 'call_2', toolName: 'getTime', input: {} },
        ],
      },
      {
        role: 'tool',
        content: [
          {
            type: 'tool-result',
            toolCallId: 'call_1',
            toolName: 'getWeather',
            output: { type: 'text', value: 'sunny' },
          },
          {
            type: 'tool-result',
            toolCallId: 'call_2',
            toolName: 'getTime',
            output: { type: 'json', value: { h: 12 } },
          },
        ],
      },
    ]);
    expect(warnings).toEqual([]);
    expect(input).toMatchInlineSnapshot(`
      [
        {
          "content": [
            {
              "text": "Weather?",
              "type": "input_text",
            },
          ],
          "role": "user",
          "type": "message",
        },
        {
          "encrypted_content": "enc:abc",
          "summary": [
            {
              "text": "Part one.",
              "type": "summary_text",
            },
            {
              "text": "Part two.",
              "type": "summary_text",
            },
          ],
          "type": "reasoning",
        },
        {
          "content": [
            {
              "text": "Checking.",
              "type": "output_text",
            },
          ],
          "role": "assistant",
          "type": "message",
        },
        {
          "arguments": "{"city":"Paris"}",
          "call_id": "call_1",
          "name": "getWeather",
          "type": "function_call",
        },
        {
          "arguments": "{}",
          "call_id": "call_2",
          "name": "getTime",
          "type": "function_call",
        },
        {
          "call_id": "call_1",
          "output": "sunny",
          "type": "function_call_output",
        },
        {
          "call_id": "call_2",
          "output": "{"h":12}",
          "type": "function_call_output",
        },
      ]
    `);
    expect(JSON.stringify(input)).not.toMatch(/"id"/);
  });

  it('keeps reasoning items of different ids apart', () => {
    const { input } = convertToCodexInput([
      {
        role: 'assistant',
        content: [
          {
            type: 'reasoning',
            text: 'A',
            providerOptions: { codex: { itemId: 'rs_1', reasoningEncryptedContent: 'enc:1' } },
          },
          {
            type: 'reasoning',
            text: 'B',
            providerOptions: { codex: { itemId: 'rs_2', reasoningEncryptedContent: 'enc:2' } },
          },
          { type: 'text', text: 'Done.' },
        ],
      },
    ]);
    expect(input.filter(i => i.type === 'reasoning')).toHaveLength(2);
  });

  it('starts a new reasoning item when reasoning resumes after other content, keeping the order', () => {
    const enc = (text: string, itemId?: string) => ({
      type: 'reasoning' as const,
      text,
      providerOptions: {
        codex: { ...(itemId != null && { itemId }), reasoningEncryptedContent: `enc:${text}` },
      },
    });
    const { input } = convertToCodexInput([
      {
        role: 'assistant',
        content: [
          enc('A', 'rs_1'),
          { type: 'text', text: 'Between.' },
          enc('B', 'rs_1'),
          enc('C'),
          enc('D'),
          { type: 'tool-call', toolCallId: 'c', toolName: 't', input: {} },
        ],
      },
    ]);
    expect(input.map(i => (i.type === 'reasoning' ? i.encrypted_content : i.type))).toEqual([
      'enc:A',
      'message',
      'enc:B',
      'enc:C',
      'enc:D',
      'function_call',
    ]);
  });

  it('groups reasoning parts only by an item id that is text', () => {
    const part = (text: string) => ({
      type: 'reasoning' as const,
      text,
      providerOptions: { codex: { itemId: 7, reasoningEncryptedContent: `enc:${text}` } },
    });
    const { input } = convertToCodexInput([
      { role: 'assistant', content: [part('A'), part('B'), { type: 'text', text: 'Done.' }] },
    ]);
    expect(input.map(i => (i.type === 'reasoning' ? i.encrypted_content : i.type))).toEqual([
      'enc:A',
      'enc:B',
      'message',
    ]);
  });

  it('takes empty encrypted content for none', () => {
    const codex = { itemId: 'rs_1', reasoningEncryptedContent: '' };
    const reasoning = { type: 'reasoning' as const, text: 'A', providerOptions: { codex } };
    const { input, warnings } = convertToCodexInput([
      { role: 'assistant', content: [reasoning, { type: 'text', text: 'Done.' }] },
    ]);
    expect(input.map(i => i.type)).toEqual(['message']);
    expect(warnings).toEqual([
      {
        type: 'other',
        message: expect.stringContaining(
          '1 reasoning item(s) were not replayed: they have no providerOptions.codex.reasoningEncryptedContent',
        ),
      },
    ]);
  });

  it('keeps the encrypted content of a reasoning item whatever part of it carries it', () => {
    const { input } = convertToCodexInput([
      {
        role: 'assistant',
        content: [
          {
            type: 'reasoning',
            text: 'One.',
            providerOptions: { codex: { itemId: 'rs_1', reasoningEncryptedContent: 'enc:1' } },
          },
          {
            type: 'reasoning',
            text: 'Two.',
            providerOptions: { codex: { itemId: 'rs_1', reasoningEncryptedContent: null } },
          },
          { type: 'reasoning', text: 'Three.', providerOptions: { codex: { itemId: 'rs_1' } } },
          { type: 'text', text: 'Done.' },
        ],
      },
    ]);
    expect(input[0]).toEqual({
      type: 'reasoning',
      summary: summaryTexts('One.', 'Two.', 'Three.'),
      encrypted_content: 'enc:1',
    });
  });

  it("replays an assistant message's phase, as the model wrote it", () => {
    const text = (phase: unknown) => ({
      type: 'text' as const,
      text: 'Checking.',
      providerOptions: { codex: { itemId: 'msg_1', phase } },
    });
    const { input } = convertToCodexInput([
      { role: 'user', content: [{ type: 'text', text: 'Hi' }] },
      {
        role: 'assistant',
        content: [
          text('commentary'),
          text('final_answer'),
          text(''),
          text(3),
          // another provider's options only
          { type: 'text', text: 'Checking.', providerOptions: { openai: { itemId: 'msg_2' } } },
        ],
      },
    ]);
    const message = (phase?: string) => ({
      type: 'message',
      role: 'assistant',
      content: [{ type: 'output_text', text: 'Checking.' }],
      ...(phase != null && { phase }),
    });
    expect(input.slice(1)).toEqual([
      message('commentary'),
      message('final_answer'),
      message(),
      message(),
      message(),
    ]);
  });

  it('does not send empty assistant text, and warns about assistant files', () => {
    const { input, warnings } = convertToCodexInput([
      {
        role: 'assistant',
        content: [
          { type: 'text', text: '' },
          { type: 'file', mediaType: 'image/png', data: 'AAAA' },
          { type: 'text', text: 'Shown.' },
        ],
      },
    ]);
    expect(input).toEqual([
      { type: 'message', role: 'assistant', content: [{ type: 'output_text', text: 'Shown.' }] },
    ]);
    expect(warnings).toEqual([
      { type: 'other', message: 'Assistant file parts are not sent to Codex.' },
    ]);
  });

  it('drops reasoning without encrypted content and reasoning with nothing after it', () => {
    const { input } = convertToCodexInput([
      {
        role: 'assistant',
        content: [
          { type: 'reasoning', text: 'from another provider' },
          { type: 'text', text: 'Hello.' },
          {
            type: 'reasoning',
            text: 'trailing',
            providerOptions: { codex: { itemId: 'rs_9', reasoningEncryptedContent: 'enc:9' } },
          },
        ],
      },
    ]);
    expect(input).toEqual([
      { type: 'message', role: 'assistant', content: [{ type: 'output_text', text: 'Hello.' }] },
    ]);
  });

  it('replays reasoning that has encrypted content but an empty summary', () => {
    const { input } = convertToCodexInput([
      {
        role: 'assistant',
        content: [
          {
            type: 'reasoning',
            text: '',
            providerOptions: { codex: { itemId: 'rs_1', reasoningEncryptedContent: 'enc:x' } },
          },
          { type: 'tool-call', toolCallId: 'c', toolName: 't', input: {} },
        ],
      },
    ]);
    expect(input[0]).toEqual({ type: 'reasoning', summary: [], encrypted_content: 'enc:x' });
  });

  it('serialises every tool output kind, text-only content to a string', () => {
    const call = (id: string) => ({
      type: 'tool-call' as const,
      toolCallId: id,
      toolName: 't',
      input: {},
    });
    const { input, warnings } = convertToCodexInput([
      { role: 'assistant', content: [call('a'), call('b'), call('c'), call('d'), call('e')] },
      {
        role: 'tool',
        content: [
          {
            type: 'tool-result',
            toolCallId: 'a',
            toolName: 't',
            output: { type: 'error-text', value: 'boom' },
          },
          {
            type: 'tool-result',
            toolCallId: 'b',
            toolName: 't',
            output: { type: 'error-json', value: { error: 'x' } },
          },
          {
            type: 'tool-result',
            toolCallId: 'c',
            toolName: 't',
            output: { type: 'json', value: [1, 'two'] },
          },
          {
            type: 'tool-result',
            toolCallId: 'd',
            toolName: 't',
            output: {
              type: 'content',
              value: [
                { type: 'text', text: 'line 1' },
                { type: 'media', data: 'AAAA', mediaType: 'audio/wav' },
                { type: 'text', text: 'line 2' },
              ],
            },
          },
          {
            type: 'tool-result',
            toolCallId: 'e',
            toolName: 't',
            output: { type: 'text', value: '' },
          },
        ],
      },
    ]);
    const outputs = input.filter(i => i.type === 'function_call_output').map(i => i.output);
    expect(outputs).toEqual(['boom', '{"error":"x"}', '[1,"two"]', 'line 1\nline 2', '']);
    expect(warnings).toEqual([
      {
        type: 'other',
        message: 'Tool result media (audio/wav) is not supported by Codex and was left out.',
      },
    ]);
  });

  it('drops a tool result whose call is not in the prompt, with a warning', () => {
    const { input, warnings } = convertToCodexInput([
      { role: 'user', content: [{ type: 'text', text: 'x' }] },
      {
        role: 'tool',
        content: [
          {
            type: 'tool-result',
            toolCallId: 'ghost',
            toolName: 't',
            output: { type: 'text', value: 'v' },
          },
        ],
      },
    ]);
    expect(input).toHaveLength(1);
    expect(warnings[0]).toMatchObject({
      type: 'other',
      message: expect.stringMatching(/ghost.*was dropped: the prompt has no call of that id/),
    });
  });

  it('warns about provider-executed parts and skips them', () => {
    const { input, warnings } = convertToCodexInput([
      {
        role: 'assistant',
        content: [
          {
            type: 'tool-call',
            toolCallId: 'p',
            toolName: 'web',
            input: {},
            providerExecuted: true,
          },
          {
            type: 'tool-result',
            toolCallId: 'p',
            toolName: 'web',
            output: { type: 'text', value: 'r' },
          },
          { type: 'text', text: 'ok' },
        ],
      },
    ]);
    expect(input).toEqual([
      { type: 'message', role: 'assistant', content: [{ type: 'output_text', text: 'ok' }] },
    ]);
    expect(warnings).toEqual([
      { type: 'other', message: 'Provider-executed tool call web is not sent to Codex.' },
      { type: 'other', message: 'Provider-executed tool result web is not sent to Codex.' },
    ]);
  });

  it('answers a call left without a result as "aborted" before the next user turn', () => {
    const { input, warnings } = convertToCodexInput([
      { role: 'user', content: [{ type: 'text', text: 'Delete it' }] },
      {
        role: 'assistant',
        content: [{ type: 'tool-call', toolCallId: 'c1', toolName: 'deleteFile', input: {} }],
      },
      { role: 'user', content: [{ type: 'text', text: 'Never mind' }] },
    ]);
    expect(input.map(i => i.type)).toEqual([
      'message',
      'function_call',
      'function_call_output',
      'message',
    ]);
    expect(input[2]).toEqual({ type: 'function_call_output', call_id: 'c1', output: 'aborted' });
    expect(warnings).toEqual([
      { type: 'other', message: expect.stringContaining('c1 (deleteFile)') },
    ]);
  });
});

// Agent frameworks (the OpenAI Agents SDK's `aisdk()`, among others) put a step's reasoning
// and the tool call it led to in two consecutive assistant messages.
describe('convertToCodexInput: reasoning across the messages of one turn', () => {
  const reasoningPart = (itemId: string, text: string, encrypted?: string) => ({
    type: 'reasoning' as const,
    text,
    providerOptions: {
      codex: { itemId, ...(encrypted != null && { reasoningEncryptedContent: encrypted }) },
    },
  });

  it('replays reasoning whose tool call sits in the next assistant message', () => {
    const { input, warnings } = convertToCodexInput([
      { role: 'user', content: [{ type: 'text', text: 'Weather in Paris?' }] },
      { role: 'assistant', content: [reasoningPart('rs_1', 'Look it up.', 'enc:1')] },
      {
        role: 'assistant',
        content: [{ type: 'tool-call', toolCallId: 'c1', toolName: 'weather', input: {} }],
      },
      {
        role: 'tool',
        content: [
          {
            type: 'tool-result',
            toolCallId: 'c1',
            toolName: 'weather',
            output: { type: 'text', value: 'sunny' },
          },
        ],
      },
    ]);
    expect(input.slice(1)).toEqual([
      {
        type: 'reasoning',
        summary: [{ type: 'summary_text', text: 'Look it up.' }],
        encrypted_content: 'enc:1',
      },
      { type: 'function_call', call_id: 'c1', name: 'weather', arguments: '{}' },
      { type: 'function_call_output', call_id: 'c1', output: 'sunny' },
    ]);
    expect(warnings).toEqual([]);
  });

  it('replays reasoning whose answer sits in the next assistant message', () => {
    const { input } = convertToCodexInput([
      { role: 'user', content: [{ type: 'text', text: 'Hi' }] },
      { role: 'assistant', content: [reasoningPart('rs_1', '', 'enc:1')] },
      { role: 'assistant', content: [{ type: 'text', text: 'Hello.' }] },
      { role: 'user', content: [{ type: 'text', text: 'Again' }] },
    ]);
    expect(input.map(i => i.type)).toEqual(['message', 'reasoning', 'message', 'message']);
  });

  it('joins the parts of one reasoning item split over consecutive messages', () => {
    const { input } = convertToCodexInput([
      { role: 'assistant', content: [reasoningPart('rs_1', 'One.')] },
      { role: 'assistant', content: [reasoningPart('rs_1', 'Two.', 'enc:1')] },
      { role: 'assistant', content: [{ type: 'text', text: 'Done.' }] },
    ]);
    expect(input[0]).toEqual({
      type: 'reasoning',
      summary: summaryTexts('One.', 'Two.'),
      encrypted_content: 'enc:1',
    });
    expect(input).toHaveLength(2);
  });

  it('drops reasoning with nothing after it before the next user message, with a warning', () => {
    const { input, warnings } = convertToCodexInput([
      { role: 'user', content: [{ type: 'text', text: 'Hi' }] },
      { role: 'assistant', content: [{ type: 'text', text: 'Hello.' }] },
      { role: 'assistant', content: [reasoningPart('rs_1', 'Hmm.', 'enc:1')] },
      { role: 'user', content: [{ type: 'text', text: 'Again' }] },
      { role: 'assistant', content: [reasoningPart('rs_2', 'Hmm again.', 'enc:2')] },
    ]);
    expect(input.map(i => i.type)).toEqual(['message', 'message', 'message']);
    expect(warnings).toEqual([
      { type: 'other', message: expect.stringContaining('1 reasoning item(s) were not replayed') },
      { type: 'other', message: expect.stringContaining('1 reasoning item(s) were not replayed') },
    ]);
  });
});

describe('convertToCodexInput: reasoning that cannot be replayed', () => {
  const NO_METADATA_WARNING =
    "3 reasoning item(s) were not replayed: they have no providerOptions.codex.reasoningEncryptedContent. Pass each reasoning part's providerMetadata back as its providerOptions.";
  const toolStep = (callId: string): CodexPrompt => [
    {
      role: 'assistant',
      content: [
        { type: 'reasoning', text: `Call ${callId}.` },
        { type: 'tool-call', toolCallId: callId, toolName: 'weather', input: {} },
      ],
    },
    {
      role: 'tool',
      content: [
        {
          type: 'tool-result',
          toolCallId: callId,
          toolName: 'weather',
          output: { type: 'text', value: 'sunny' },
        },
      ],
    },
  ];

  it('warns once per call when a framework replays reasoning without its providerMetadata', () => {
    // what Strands Agents sends: every step's reasoning as bare text, over two user turns
    const { input, warnings } = convertToCodexInput([
      { role: 'user', content: [{ type: 'text', text: 'Weather?' }] },
      ...toolStep('c1'),
      ...toolStep('c2'),
      { role: 'assistant', content: [{ type: 'text', text: 'Sunny.' }] },
      { role: 'user', content: [{ type: 'text', text: 'Tomorrow?' }] },
      ...toolStep('c3'),
    ]);
    expect(input.map(i => i.type)).toEqual([
      'message',
      'function_call',
      'function_call_output',
      'function_call',
      'function_call_output',
      'message',
      'message',
      'function_call',
      'function_call_output',
    ]);
    expect(warnings).toEqual([{ type: 'other', message: NO_METADATA_WARNING }]);
  });

  it('names reasoning that has Codex metadata but no encrypted content, counted per item', () => {
    const { input, warnings } = convertToCodexInput([
      {
        role: 'assistant',
        content: [
          { type: 'reasoning', text: 'One.', providerOptions: { codex: { itemId: 'rs_1' } } },
          { type: 'reasoning', text: 'Two.', providerOptions: { codex: { itemId: 'rs_1' } } },
          { type: 'text', text: 'Hello.' },
        ],
      },
    ]);
    expect(input.map(i => i.type)).toEqual(['message']);
    expect(warnings).toEqual([
      {
        type: 'other',
        message:
          "1 reasoning item(s) were not replayed: they have no providerOptions.codex.reasoningEncryptedContent. Pass each reasoning part's providerMetadata back as its providerOptions.",
      },
    ]);
  });

  it('counts parts without Codex metadata and items without encrypted content in one warning, and replays the reasoning that can be', () => {
    const { input, warnings } = convertToCodexInput([
      {
        role: 'assistant',
        content: [
          { type: 'reasoning', text: 'bare', providerOptions: { anthropic: { signature: 's' } } },
          { type: 'reasoning', text: 'no content', providerOptions: { codex: {} } },
          {
            type: 'reasoning',
            text: 'kept',
            providerOptions: { codex: { itemId: 'rs_2', reasoningEncryptedContent: 'enc:2' } },
          },
          { type: 'text', text: 'Hello.' },
        ],
      },
    ]);
    expect(input.map(i => i.type)).toEqual(['reasoning', 'message']);
    expect(warnings).toHaveLength(1);
    expect(warnings[0]).toEqual({
      type: 'other',
      message: expect.stringContaining(
        "2 reasoning item(s) were not replayed: they have no providerOptions.codex.reasoningEncryptedContent. Pass each reasoning part's providerMetadata back",
      ),
    });
  });

  it('rejoins the parts of one item around a part without metadata', () => {
    const { input, warnings } = convertToCodexInput([
      {
        role: 'assistant',
        content: [
          { type: 'reasoning', text: 'One.', providerOptions: { codex: { itemId: 'rs_1' } } },
          { type: 'reasoning', text: 'stray' },
          {
            type: 'reasoning',
            text: 'Two.',
            providerOptions: { codex: { itemId: 'rs_1', reasoningEncryptedContent: 'enc:1' } },
          },
          { type: 'text', text: 'Hello.' },
        ],
      },
    ]);
    expect(input[0]).toEqual({
      type: 'reasoning',
      summary: summaryTexts('One.', 'Two.'),
      encrypted_content: 'enc:1',
    });
    expect(warnings).toEqual([
      {
        type: 'other',
        message: expect.stringContaining(
          '1 reasoning item(s) were not replayed: they have no providerOptions.codex.reasoningEncryptedContent',
        ),
      },
    ]);
  });
});
