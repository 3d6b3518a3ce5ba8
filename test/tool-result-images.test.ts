import { UnsupportedFunctionalityError } from '@ai-sdk/provider';
import * as ai5 from 'ai';
import * as ai6 from 'ai-v6';
import * as ai7 from 'ai-v7';
import { describe, expect, it } from 'vitest';
import { z } from 'zod/v4';
import { createCodex } from '../src';
import { createCodex as createCodexV3 } from '../src/v3';
import { createCodex as createCodexV4 } from '../src/v4';
import { postResponses } from './support/codex-emulator';
import { useCodexEmulator } from './support/use-codex-emulator';

// Screenshots in tool results, through AI SDK 5, 6 and 7 against the emulator, which checks
// tool outputs as the backend does (a list of input_text and input_image items, images as
// data URLs only) and "sees" each image's size.

const emu = useCodexEmulator();
const settings = () => ({ baseURL: emu.baseURL, auth: { accessToken: 'at-SECRET-images' } });

// 64×40: a blue title bar over a white page with a red button.
const PNG =
  'iVBORw0KGgoAAAANSUhEUgAAAEAAAAAoCAIAAADBrGu+AAAASklEQVR42u3WQQ0AIAwEwcqpJhQjAi8gouHRdC5rYH4XuXbrAgAAAACgBLjNBwAAMA1wMr8GAAAAAAAAAADgjQIAAAAAAAAAjAA8NUOJul3DaEYAAAAASUVORK5CYII=';
const PNG_BYTES = Uint8Array.from(Buffer.from(PNG, 'base64'));
const DESCRIBED = 'The screenshot tool returned Login page: a 64×40 PNG image.';
const SENT_OUTPUT = [
  { type: 'input_text', text: 'Login page:' },
  { type: 'input_image', image_url: `data:image/png;base64,${PNG}` },
];

const toolOutputOf = (request: { body: any }) =>
  request.body.input.find((i: { type: string }) => i.type === 'function_call_output')?.output;

describe('a screenshot tool in each AI SDK version', () => {
  it('ai@5 (root entry): a `media` part', async () => {
    const result = await ai5.generateText({
      model: createCodex(settings())('gpt-5.3-codex'),
      prompt: 'What is on my screen?',
      tools: {
        screenshot: ai5.tool({
          inputSchema: z.object({}),
          execute: async () => PNG,
          toModelOutput: png => ({
            type: 'content',
            value: [
              { type: 'text', text: 'Login page:' },
              { type: 'media', data: png, mediaType: 'image/png' },
            ],
          }),
        }),
      },
      stopWhen: ai5.stepCountIs(3),
    });
    expect(result.text).toBe(DESCRIBED);
    expect(toolOutputOf(emu.requests[1]!)).toEqual(SENT_OUTPUT);
    expect(result.steps[1]!.warnings).toEqual([]);
  });

  it('ai@6 (/v3): an `image-data` part, with its detail', async () => {
    const result = await ai6.generateText({
      model: createCodexV3(settings())('gpt-5.3-codex'),
      prompt: 'What is on my screen?',
      tools: {
        screenshot: ai6.tool({
          inputSchema: z.object({}),
          execute: async () => PNG,
          toModelOutput: ({ output }) => ({
            type: 'content',
            value: [
              { type: 'text', text: 'Login page:' },
              {
                type: 'image-data',
                data: output,
                mediaType: 'image/png',
                providerOptions: { codex: { imageDetail: 'high' } },
              },
            ],
          }),
        }),
      },
      stopWhen: ai6.stepCountIs(3),
    });
    expect(result.text).toBe(DESCRIBED);
    expect(toolOutputOf(emu.requests[1]!)).toEqual([
      SENT_OUTPUT[0],
      { ...SENT_OUTPUT[1], detail: 'high' },
    ]);
  });

  it('ai@7 (/v4): a `file` part with bytes and only `image` as its media type', async () => {
    const result = await ai7.generateText({
      model: createCodexV4(settings())('gpt-5.3-codex'),
      prompt: 'What is on my screen?',
      tools: {
        screenshot: ai7.tool({
          inputSchema: z.object({}),
          execute: async () => 'ok',
          toModelOutput: () => ({
            type: 'content',
            value: [
              { type: 'text', text: 'Login page:' },
              { type: 'file', mediaType: 'image', data: { type: 'data', data: PNG_BYTES } },
            ],
          }),
        }),
      },
      stopWhen: ai7.stepCountIs(3),
    });
    expect(result.text).toBe(DESCRIBED);
    expect(toolOutputOf(emu.requests[1]!)).toEqual(SENT_OUTPUT);
  });

  it('a remote image URL fails the step before anything is sent, saying what to return', async () => {
    const attempt = ai6.generateText({
      model: createCodexV3(settings())('gpt-5.3-codex'),
      prompt: 'What is on my screen?',
      tools: {
        screenshot: ai6.tool({
          inputSchema: z.object({}),
          execute: async () => 'https://example.com/shot.png',
          toModelOutput: ({ output }) => ({
            type: 'content',
            value: [{ type: 'image-url', url: output }],
          }),
        }),
      },
      stopWhen: ai6.stepCountIs(3),
    });
    const error = await attempt.then(
      () => undefined,
      (e: unknown) => e,
    );
    expect(UnsupportedFunctionalityError.isInstance(error)).toBe(true);
    expect((error as Error).message).toMatch(
      /holds an image by URL \(https:\/\/example\.com\/shot\.png\), which Codex does not fetch: return the image bytes/,
    );
    expect(emu.requests).toHaveLength(1);
  });
});

describe('the emulator takes tool outputs as the backend does', () => {
  const post = (output: unknown) =>
    postResponses(emu, {
      input: [
        { type: 'message', role: 'user', content: [{ type: 'input_text', text: 'hi' }] },
        { type: 'function_call', call_id: 'c1', name: 'screenshot', arguments: '{}' },
        { type: 'function_call_output', call_id: 'c1', output },
      ],
    });

  it('a list of text and a data-URL image: accepted', async () => {
    const response = await post(SENT_OUTPUT);
    expect(response.status).toBe(200);
    expect(await response.text()).toContain('a 64×40 PNG image');
  });

  it.each([
    ['a remote image URL', [{ type: 'input_image', image_url: 'https://example.com/a.png' }]],
    [
      'an image of another type',
      [{ type: 'input_image', image_url: 'data:text/plain;base64,QQ==' }],
    ],
    ['an unknown detail', [{ ...SENT_OUTPUT[1], detail: 'max' }]],
    ['an unknown item', [{ type: 'input_file', file_data: 'x' }]],
  ])('%s: refused with 400', async (_, output) => {
    const response = await post(output);
    expect(response.status).toBe(400);
    await response.text();
  });
});

describe("over transport: 'websocket'", () => {
  it('a loop of screenshots sends only each step’s new items: replayed image outputs match', async () => {
    const codex = createCodex({ ...settings(), transport: 'websocket', sessionId: 'images-ws' });
    const screenshotTool = (title: string) =>
      ai5.tool({
        inputSchema: z.object({}),
        execute: async () => title,
        toModelOutput: caption => ({
          type: 'content',
          value: [
            { type: 'text', text: `${caption}:` },
            { type: 'media', data: PNG, mediaType: 'image/png' },
          ],
        }),
      });
    const result = await ai5.generateText({
      model: codex('gpt-5.3-codex'),
      prompt: 'Look at both screens',
      tools: { screenshot: screenshotTool('Login page'), zoom: screenshotTool('Zoomed') },
      stopWhen: ai5.stepCountIs(5),
    });
    expect(result.steps).toHaveLength(3);
    expect(result.text).toBe(
      'The screenshot tool returned Login page: a 64×40 PNG image. The zoom tool returned Zoomed: a 64×40 PNG image.',
    );
    const frames = emu.requests.filter(r => r.transport === 'websocket');
    expect(frames).toHaveLength(3);
    // steps 2 and 3 build on the previous response: only the call's output goes out
    expect(frames.slice(1).map(f => f.body.previous_response_id != null)).toEqual([true, true]);
    expect(frames.slice(1).map(f => f.body.input.map((i: { type: string }) => i.type))).toEqual([
      ['function_call_output'],
      ['function_call_output'],
    ]);
    expect(frames[2]!.body.input[0].output).toEqual([
      { type: 'input_text', text: 'Zoomed:' },
      SENT_OUTPUT[1],
    ]);
  });
});
