import { streamText } from 'ai';
import { codex, MODEL } from './codex';

const result = streamText({
  model: codex(MODEL),
  prompt: 'Write a haiku about streaming parsers.',
  providerOptions: { codex: { reasoningSummary: 'auto' } },
});

for await (const part of result.fullStream) {
  if (part.type === 'reasoning-start') process.stdout.write('\n[reasoning] ');
  if (part.type === 'reasoning-delta') process.stdout.write(part.text);
  if (part.type === 'text-start') process.stdout.write('\n[answer] ');
  if (part.type === 'text-delta') process.stdout.write(part.text);
  if (part.type === 'error') throw part.error;
}
console.log(`\nfinish: ${await result.finishReason}`);
