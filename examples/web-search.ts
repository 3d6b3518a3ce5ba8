import { streamText } from 'ai';
import { codex, MODEL } from './codex';

// The backend searches the web itself: the search shows up as a provider-executed tool
// call and result, the citations as sources.
const result = streamText({
  model: codex(MODEL),
  prompt: 'What changed in the latest AI SDK release?',
  tools: {
    web_search: codex.tools.webSearch({ searchContextSize: 'low' }),
  },
});

for await (const part of result.fullStream) {
  if (part.type === 'tool-call') console.log(`[${part.toolName}] searching…`);
  if (part.type === 'tool-result') console.log(`[${part.toolName}] ${JSON.stringify(part.output)}`);
  if (part.type === 'text-delta') process.stdout.write(part.text);
  if (part.type === 'source' && part.sourceType === 'url') {
    console.log(`\n[source] ${part.title ?? ''} ${part.url}`);
  }
  if (part.type === 'error') throw part.error;
}
console.log(`\nfinish: ${await result.finishReason}`);
