import { generateText, stepCountIs, tool } from 'ai';
import { z } from 'zod';
import { codex, MODEL } from './codex';

// A computer-use style loop: the `screenshot` tool returns a PNG, which reaches the model as
// an image (`toModelOutput` with a `media` part), and the model describes what it sees.

// 64×40 pixels: a blue title bar over a white page with a red button.
const SCREENSHOT_PNG =
  'iVBORw0KGgoAAAANSUhEUgAAAEAAAAAoCAIAAADBrGu+AAAASklEQVR42u3WQQ0AIAwEwcqpJhQjAi8gouHRdC5rYH4XuXbrAgAAAACgBLjNBwAAMA1wMr8GAAAAAAAAAADgjQIAAAAAAAAAjAA8NUOJul3DaEYAAAAASUVORK5CYII=';

const result = await generateText({
  model: codex(MODEL),
  system: 'Take a screenshot, then describe in one sentence what is on the screen.',
  prompt: 'What is on my screen right now?',
  tools: {
    screenshot: tool({
      description: 'A screenshot of the screen, as a PNG',
      inputSchema: z.object({}),
      execute: async () => ({ title: 'Login page', png: SCREENSHOT_PNG }),
      // the model sees the caption and the image itself, not a base64 string
      toModelOutput: ({ title, png }) => ({
        type: 'content',
        value: [
          { type: 'text', text: `${title}:` },
          { type: 'media', data: png, mediaType: 'image/png' },
        ],
      }),
    }),
  },
  stopWhen: stepCountIs(3),
});

for (const [i, step] of result.steps.entries()) {
  for (const call of step.toolCalls) console.log(`step ${i + 1}: ${call.toolName}()`);
}
console.log(result.text);
console.log(`steps: ${result.steps.length}`);
