import { InvalidArgumentError, UnsupportedFunctionalityError } from '@ai-sdk/provider';
import { convertBase64ToUint8Array } from '@ai-sdk/provider-utils';
import { describe, expect, it } from 'vitest';
import type { CodexWarning } from '../common/codex-warning';
import type { CodexToolResultContent, CodexToolResultOutput } from './codex-call-options';
import { convertToCodexInput } from './convert-to-codex-input';
import { convertToolOutput, MAX_TOOL_IMAGE_BYTES } from './convert-tool-output';

// A 1×1 PNG, as base64 and as bytes.
const PNG =
  'iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mNk+M9QDwADhgGAWjR9awAAAABJRU5ErkJggg==';
const PNG_BYTES = convertBase64ToUint8Array(PNG);
const PNG_URL = `data:image/png;base64,${PNG}`;
const ref = { toolCallId: 'call_1', toolName: 'screenshot' };

function convert(...value: CodexToolResultContent[]) {
  const warnings: CodexWarning[] = [];
  const output = convertToolOutput({ type: 'content', value }, ref, warnings);
  return { output, warnings };
}

const text = (t: string) => ({ type: 'input_text', text: t });
const image = (url = PNG_URL, detail?: string) => ({
  type: 'input_image',
  image_url: url,
  ...(detail != null && { detail }),
});

describe('convertToolOutput: images in tool results', () => {
  it.each<[string, CodexToolResultContent]>([
    ['V2 media', { type: 'media', data: PNG, mediaType: 'image/png' }],
    ['V3 image-data', { type: 'image-data', data: PNG, mediaType: 'image/png' }],
    ['V3 file-data with an image type', { type: 'file-data', data: PNG, mediaType: 'image/png' }],
    ['V3 image-url with a data URL', { type: 'image-url', url: PNG_URL }],
    [
      'V4 file with bytes',
      { type: 'file', mediaType: 'image/png', data: { type: 'data', data: PNG_BYTES } },
    ],
    [
      'V4 file with base64',
      { type: 'file', mediaType: 'image/png', data: { type: 'data', data: PNG } },
    ],
    [
      'V4 file with a data URL',
      { type: 'file', mediaType: 'image/png', data: { type: 'url', url: new URL(PNG_URL) } },
    ],
    ['V4 file with bare bytes', { type: 'file', mediaType: 'image/png', data: PNG_BYTES }],
  ])('%s: text and image become a list of input_text and input_image', (_, part) => {
    const { output, warnings } = convert({ type: 'text', text: 'The page:' }, part);
    expect(output).toEqual([text('The page:'), image()]);
    expect(warnings).toEqual([]);
  });

  it('takes bare base64 as a V4 file’s data too, and sends no detail key when none is asked', () => {
    expect(convert({ type: 'file', mediaType: 'image/png', data: PNG }).output).toStrictEqual([
      { type: 'input_image', image_url: PNG_URL },
    ]);
    expect(convert({ type: 'image-data', data: PNG, mediaType: 'image/png' }).output).toStrictEqual(
      [{ type: 'input_image', image_url: PNG_URL }],
    );
    expect(convert({ type: 'image-url', url: PNG_URL }).output).toStrictEqual([
      { type: 'input_image', image_url: PNG_URL },
    ]);
  });

  it('reads the format from the bytes when the media type names none (AI SDK 7 `image`, `image/*`)', () => {
    for (const mediaType of ['image', 'image/*']) {
      expect(
        convert({ type: 'file', mediaType, data: { type: 'data', data: PNG_BYTES } }).output,
      ).toEqual([image()]);
    }
  });

  it('passes providerOptions.codex.imageDetail as detail, and refuses a bad one naming it', () => {
    const withDetail = (imageDetail: unknown) =>
      convert({
        type: 'image-data',
        data: PNG,
        mediaType: 'image/png',
        providerOptions: { codex: { imageDetail } },
      }).output;
    expect(withDetail('original')).toEqual([image(PNG_URL, 'original')]);
    expect(
      convert({
        type: 'file',
        mediaType: 'image/png',
        data: { type: 'data', data: PNG },
        providerOptions: { codex: { imageDetail: 'low' } },
      }).output,
    ).toEqual([image(PNG_URL, 'low')]);
    // a data URL keeps its detail too
    expect(
      convert({
        type: 'file',
        mediaType: 'image/png',
        data: { type: 'url', url: new URL(PNG_URL) },
        providerOptions: { codex: { imageDetail: 'auto' } },
      }).output,
    ).toEqual([image(PNG_URL, 'auto')]);
    // another provider's options are not ours
    expect(
      convert({
        type: 'image-data',
        data: PNG,
        mediaType: 'image/png',
        providerOptions: { openai: { imageDetail: 'low' } },
      }).output,
    ).toStrictEqual([{ type: 'input_image', image_url: PNG_URL }]);
    expect(() => withDetail('ultra')).toThrow(InvalidArgumentError);
    expect(() => withDetail('ultra')).toThrow(
      expect.objectContaining({ argument: 'providerOptions.codex.imageDetail' }),
    );
    expect(() => withDetail('ultra')).toThrow(
      `Invalid providerOptions.codex.imageDetail "ultra" on a tool result image: ✖ Invalid option: expected one of "auto"|"low"|"high"|"original"`,
    );
  });

  it('refuses an image by remote URL, which the backend does not fetch, saying what to return', () => {
    for (const part of [
      { type: 'image-url', url: 'https://example.com/shot.png' },
      { type: 'file-url', url: 'https://example.com/shot.png', mediaType: 'image/png' },
      {
        type: 'file',
        mediaType: 'image/png',
        data: { type: 'url', url: new URL('https://example.com/shot.png') },
      },
      { type: 'file', mediaType: 'image/png', data: new URL('https://example.com/shot.png') },
    ] as CodexToolResultContent[]) {
      expect(() => convert(part)).toThrow(UnsupportedFunctionalityError);
      expect(() => convert(part)).toThrow(
        expect.objectContaining({ functionality: 'image URLs in tool results' }),
      );
      expect(() => convert(part)).toThrow(
        'The result of tool call call_1 (screenshot) holds an image by URL (https://example.com/shot.png), which Codex does not fetch: return the image bytes instead.',
      );
    }
  });

  it('quotes no more than 100 characters of a URL (a signed URL may carry a token), and takes only data: URLs as data', () => {
    const signed = `https://example.com/data:image/png?sig=${'x'.repeat(200)}`;
    const error = (() => {
      try {
        convert({ type: 'image-url', url: signed });
      } catch (e) {
        return e as Error;
      }
    })();
    expect(error?.message).toContain(`(${signed.slice(0, 100)})`);
    expect(error?.message).not.toContain(signed.slice(0, 101));
  });

  it(`refuses an image over ${MAX_TOOL_IMAGE_BYTES / 1024 / 1024} MB with an error that says what to do; that size itself passes`, () => {
    const bytes = new Uint8Array(MAX_TOOL_IMAGE_BYTES + 1);
    bytes.set(PNG_BYTES);
    const file = (data: Uint8Array | string) =>
      ({ type: 'file', mediaType: 'image/png', data: { type: 'data', data } }) as const;
    expect(() => convert(file(bytes))).toThrow(InvalidArgumentError);
    expect(() => convert(file(bytes))).toThrow(expect.objectContaining({ argument: 'prompt' }));
    expect(() => convert(file(bytes))).toThrow(
      "The result of tool call call_1 (screenshot) holds an image of 20.0 MB, over Codex's 20.0 MB: scale it down or compress it (JPEG or WebP) in the tool.",
    );
    // the same, as base64 and as a data URL
    const base64 = 'A'.repeat(Math.ceil(((MAX_TOOL_IMAGE_BYTES + 3) * 4) / 3));
    expect(() => convert({ type: 'image-data', data: base64, mediaType: 'image/png' })).toThrow(
      /holds an image of 20\.0 MB/,
    );
    expect(() => convert({ type: 'image-url', url: `data:image/png;base64,${base64}` })).toThrow(
      /holds an image of 20\.0 MB/,
    );
    const fits = convert(file(bytes.subarray(0, MAX_TOOL_IMAGE_BYTES))).output;
    expect(Array.isArray(fits) && fits[0]!.type).toBe('input_image');
  });

  it('leaves out what Codex cannot take, with a warning each, and keeps the rest in order', () => {
    const { output, warnings } = convert(
      { type: 'text', text: 'a' },
      { type: 'file-data', data: 'JVBERi0=', mediaType: 'application/pdf' },
      { type: 'file-url', url: 'https://example.com/a.pdf', mediaType: 'application/pdf' },
      // a URL of no stated type is not taken for an image
      { type: 'file-url', url: 'https://example.com/a' },
      { type: 'file', mediaType: 'application/pdf', data: { type: 'data', data: 'JVBERi0=' } },
      { type: 'file', mediaType: 'image/png', data: { type: 'reference', reference: { x: 'y' } } },
      { type: 'image-file-id', fileId: 'file_1' },
      { type: 'image-data', data: PNG, mediaType: 'image/png' },
      {
        type: 'file',
        mediaType: 'text/plain',
        filename: 'b.txt',
        data: { type: 'text', text: 'b' },
      },
    );
    expect(output).toEqual([text('a'), image(), text('b.txt:\nb')]);
    expect(warnings.map(w => (w.type === 'other' ? w.message : w.type))).toEqual([
      'Tool result file-data (application/pdf) is not supported by Codex and was left out.',
      'Tool result file-url (application/pdf) is not supported by Codex and was left out.',
      'Tool result file-url is not supported by Codex and was left out.',
      'Tool result file (application/pdf) is not supported by Codex and was left out.',
      'Tool result file reference (image/png) is not supported by Codex and was left out.',
      'Tool result image-file-id is not supported by Codex and was left out.',
    ]);
  });

  it('keeps text-only content a string, as before', () => {
    expect(
      convert(
        { type: 'text', text: 'a' },
        { type: 'file', mediaType: 'text/plain', data: { type: 'text', text: 'b' } },
      ).output,
    ).toBe('a\nb');
    const output: CodexToolResultOutput = { type: 'content', value: [] };
    expect(convertToolOutput(output, ref, [])).toBe('');
  });
});

describe('tool outputs with images, by the kind of call they answer', () => {
  const content = {
    type: 'content' as const,
    value: [
      { type: 'text' as const, text: 'shot' },
      { type: 'media' as const, data: PNG, mediaType: 'image/png' },
    ],
  };
  const answer = (
    call: Record<string, unknown>,
    toolNames?: Parameters<typeof convertToCodexInput>[1],
  ) =>
    convertToCodexInput(
      [
        {
          role: 'assistant',
          content: [{ type: 'tool-call', toolCallId: 'c1', toolName: 't', input: {}, ...call }],
        },
        {
          role: 'tool',
          content: [{ type: 'tool-result', toolCallId: 'c1', toolName: 't', output: content }],
        },
      ],
      toolNames,
    ).input[1];

  it('a function call gets a function_call_output list', () => {
    expect(answer({})).toEqual({
      type: 'function_call_output',
      call_id: 'c1',
      output: [text('shot'), image()],
    });
  });

  it('a custom tool call gets a custom_tool_call_output list', () => {
    expect(
      answer({ input: 'x', providerOptions: { codex: { itemType: 'custom_tool_call' } } }),
    ).toEqual({
      type: 'custom_tool_call_output',
      call_id: 'c1',
      output: [text('shot'), image()],
    });
  });

  it('a local shell call gets a function_call_output list (local_shell_call_output holds text only)', () => {
    expect(
      answer({
        input: { action: { type: 'exec', command: ['ls'] } },
        providerOptions: { codex: { itemType: 'local_shell_call' } },
      }),
    ).toEqual({ type: 'function_call_output', call_id: 'c1', output: [text('shot'), image()] });
  });
});
