import { generateText } from 'ai';
import { codex, MODEL } from './codex';

const { text, usage, finishReason } = await generateText({
  model: codex(MODEL),
  system: 'You are a concise assistant.',
  prompt: 'Explain in one sentence what a TypeScript type guard is.',
});

console.log(text);
console.log(
  `finish: ${finishReason}; tokens: ${usage.inputTokens} in, ${usage.outputTokens} out (${usage.reasoningTokens ?? 0} reasoning)`,
);
