import { generateText } from 'ai';
import type { CodexProviderOptions } from 'ai-sdk-provider-codex';
import { codex, MODEL } from './codex';

const { text, reasoningText, warnings } = await generateText({
  model: codex(MODEL),
  prompt: 'How many prime numbers are there below 30?',
  providerOptions: {
    codex: {
      reasoningEffort: 'high',
      reasoningSummary: 'detailed',
      textVerbosity: 'low',
    } satisfies CodexProviderOptions,
  },
});

console.log(`[reasoning summary]\n${reasoningText ?? '(none)'}\n`);
console.log(`[answer]\n${text}`);
if (warnings?.length) console.log('warnings:', warnings);
