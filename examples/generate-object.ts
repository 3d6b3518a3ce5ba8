import { generateObject } from 'ai';
import { z } from 'zod';
import { codex, MODEL } from './codex';

const { object } = await generateObject({
  model: codex(MODEL),
  schema: z.object({
    city: z.string(),
    temperature: z.number(),
    conditions: z.array(z.string()),
  }),
  prompt: 'Describe the weather in Paris as structured data.',
});

console.log(JSON.stringify(object, null, 2));
