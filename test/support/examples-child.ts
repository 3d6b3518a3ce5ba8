// Runs script examples for examples.test.ts, one after another in this one process: the test
// sends an example's name, this imports examples/<name>.ts (its top-level await runs the
// whole example) and answers with what it printed. The AI SDK, zod and the provider load
// once, instead of once per example in a process of its own.
import { join } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';

const examples = fileURLToPath(new URL('../../examples', import.meta.url));

process.on('message', async (name: string) => {
  const printed: string[] = [];
  const write = process.stdout.write;
  process.stdout.write = ((chunk: string | Uint8Array) => {
    printed.push(typeof chunk === 'string' ? chunk : Buffer.from(chunk).toString('utf8'));
    return true;
  }) as typeof process.stdout.write;
  try {
    await import(pathToFileURL(join(examples, `${name}.ts`)).href);
    process.stdout.write = write;
    process.send!({ name, stdout: printed.join('') });
  } catch (error) {
    process.stdout.write = write;
    process.send!({ name, error: error instanceof Error ? (error.stack ?? error.message) : error });
  }
});
