import { generateText, streamText } from 'ai-v7';
import { describe, expect, it } from 'vitest';
import { createCodex } from '../src';
import { useCodexEmulator } from './support/use-codex-emulator';

const emu = useCodexEmulator();

const model = () =>
  createCodex({ baseURL: emu.baseURL, auth: { accessToken: 'at-SECRET-ai7' } })('gpt-5.3-codex');

describe('ai@7 with the V2 model', () => {
  it('generateText works', async () => {
    const result = await generateText({ model: model(), prompt: 'Hi from v7' });
    expect(result.text).toBe('Hello from the Codex emulator! You said: "Hi from v7"');
    expect(result.finishReason).toBe('stop');
    expect(result.usage.outputTokens).toBe(42);
  });

  it('streamText works', async () => {
    const result = streamText({ model: model(), prompt: 'Stream v7' });
    let text = '';
    for await (const delta of result.textStream) text += delta;
    expect(text).toBe('Hello from the Codex emulator! You said: "Stream v7"');
    expect(await result.finishReason).toBe('stop');
  });
});
