import { cpus } from 'node:os';

/** What the numbers were measured on: printed and saved beside every result. */
export async function benchEnvironment() {
  return {
    node: process.version,
    cpu: `${cpus().length} × ${cpus()[0]?.model ?? 'cpu'}`,
    ai: (await import('ai/package.json', { with: { type: 'json' } })).default.version,
    '@ai-sdk/openai': (await import('@ai-sdk/openai/package.json', { with: { type: 'json' } }))
      .default.version,
  };
}
