import { describe, expect, it } from 'vitest';
import type { CodexRequestBody } from '../wire/codex-request-body';
import { estimateInputTokens } from './estimate-input-tokens';

const body = (input: CodexRequestBody['input'], extra: Partial<CodexRequestBody> = {}) =>
  ({ instructions: 'Be brief.', input, ...extra }) as CodexRequestBody;

describe('estimateInputTokens', () => {
  it('counts four characters of JSON per token: instructions, input and tools', () => {
    const input: CodexRequestBody['input'] = [
      { type: 'message', role: 'user', content: [{ type: 'input_text', text: 'x'.repeat(400) }] },
    ];
    const json = JSON.stringify(['Be brief.', input, undefined]);
    expect(estimateInputTokens(body(input))).toBe(Math.ceil(json.length / 4));
    const tools = [{ type: 'function' as const, name: 'f', parameters: {}, strict: false }];
    expect(estimateInputTokens(body(input, { tools }))).toBe(
      Math.ceil(JSON.stringify(['Be brief.', input, tools]).length / 4),
    );
  });

  it('counts an inline image as 765 tokens whatever its size; a URL as its text', () => {
    const image = (image_url: string): CodexRequestBody['input'] => [
      { type: 'message', role: 'user', content: [{ type: 'input_image', image_url }] },
    ];
    const small = estimateInputTokens(body(image('data:image/png;base64,AAAA')));
    const large = estimateInputTokens(body(image(`data:image/png;base64,${'A'.repeat(400_000)}`)));
    expect(large).toBe(small);
    expect(small).toBe(
      Math.ceil(JSON.stringify(['Be brief.', image(''), undefined]).length / 4) + 765,
    );
    // only an image's data URL: a text that starts like one is text
    const text: CodexRequestBody['input'] = [
      {
        type: 'message',
        role: 'user',
        content: [{ type: 'input_text', text: `data:${'x'.repeat(4_000)}` }],
      },
    ];
    expect(estimateInputTokens(body(text))).toBe(
      Math.ceil(JSON.stringify(['Be brief.', text, undefined]).length / 4),
    );
    const url = 'https://example.com/cat.png';
    expect(estimateInputTokens(body(image(url)))).toBe(
      Math.ceil(JSON.stringify(['Be brief.', image(url), undefined]).length / 4),
    );
  });
});
