import { generateText, stepCountIs } from 'ai';
import { codex, MODEL } from './codex';

// Freeform (`custom`) tools: the model writes raw text, here constrained by a grammar,
// instead of JSON arguments. `applyPatch` is the official Codex patch tool.
const files = new Map<string, string>();

const result = await generateText({
  model: codex(MODEL),
  system: 'Use the tools. Be brief.',
  prompt: 'Create hello.txt saying hello, then count the users in the database.',
  tools: {
    apply_patch: codex.tools.applyPatch({
      execute: async patch => {
        // a real app parses and applies the patch; this one records added files only
        for (const [, path, body] of patch.matchAll(/^\*\*\* Add File: (.+)\n((?:\+.*\n)*)/gm)) {
          files.set(path!, body!.replace(/^\+/gm, ''));
        }
        return 'Done!';
      },
    }),
    run_sql: codex.tools.custom({
      description: 'Runs one read-only SQL query and returns the rows.',
      format: { type: 'grammar', syntax: 'regex', definition: '[\\s\\S]+' },
      execute: async query => `[{"count": 42}] (for: ${query})`,
    }),
  },
  stopWhen: stepCountIs(5),
});

for (const [i, step] of result.steps.entries()) {
  for (const call of step.toolCalls) {
    console.log(`step ${i + 1}: ${call.toolName}\n${String(call.input).trimEnd()}`);
  }
}
console.log(`files: ${[...files.keys()].join(', ') || '(none)'}`);
console.log(result.text);
