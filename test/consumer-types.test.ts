import { rm, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { consumerProject } from './support/packed-package';
import { typeCheckProjects } from './support/type-check-projects';

// The packed tarball in a strict TypeScript project per AI SDK major, with the options
// `tsc --init` (TypeScript 5.9) turns on, type-checking the app a newcomer writes first.

const majors = [
  { ai: 'ai', entry: 'ai-sdk-provider-codex' },
  { ai: 'ai-v6', entry: 'ai-sdk-provider-codex/v3' },
  { ai: 'ai-v7', entry: 'ai-sdk-provider-codex/v4' },
];

const app = (
  entry: string,
) => `import { generateText, stepCountIs, streamText, tool, type LanguageModel } from 'ai';
import {
  codex,
  createCodex,
  type CodexAuth,
  type CodexCredentials,
  type CodexProviderOptions,
  type CodexProviderSettings,
} from '${entry}';
import { redisAuth } from 'ai-sdk-provider-codex/redis';
import { z } from 'zod';

// settings straight from the environment: unset variables are \`undefined\`
const settings: CodexProviderSettings = {
  baseURL: process.env.CODEX_BASE_URL,
  authFile: process.env.CODEX_AUTH_FILE,
  originator: process.env.APP_NAME,
};
const provider = createCodex({ ...settings, sessionId: process.env.SESSION_ID });
const credentials: CodexCredentials = {
  accessToken: 'token',
  accountId: process.env.CODEX_ACCOUNT_ID,
};
const explicit = createCodex({ baseURL: process.env.CODEX_BASE_URL, auth: () => credentials });

// every form of \`auth\`, the Redis source without a cast (and without the redis package)
const fleetAuth = redisAuth({ url: process.env.REDIS_URL ?? 'redis://localhost:6379', key: process.env.CODEX_REDIS_KEY });
export const authForms: CodexAuth[] = [credentials, () => credentials, async () => credentials, fleetAuth];
export const fleet = createCodex({ auth: fleetAuth, tokenURL: process.env.CODEX_TOKEN_URL });
// @ts-expect-error: a client needs sendCommand (a client of the redis package)
redisAuth({ client: {} });
// @ts-expect-error: a URL or a client, not both
redisAuth({ url: 'redis://localhost', client: { sendCommand: async () => null } });

const model: LanguageModel = provider('gpt-5.3-codex', { reasoningEffort: undefined });

const { text, steps } = await generateText({
  model,
  prompt: 'What is the weather in Paris?',
  tools: {
    weather: tool({
      description: 'The weather in a city',
      inputSchema: z.object({ city: z.string() }),
      execute: async ({ city }) => \`\${city}: sunny\`,
    }),
  },
  stopWhen: stepCountIs(3),
  providerOptions: {
    codex: {
      reasoningEffort: 'high',
      reasoningSummary: 'detailed',
      textVerbosity: 'low',
    } satisfies CodexProviderOptions,
  },
});
console.log(text, steps.length);

const result = streamText({
  model: codex('gpt-5'),
  prompt: 'Tell me a story.',
  providerOptions: { codex: { serviceTier: 'fast' } satisfies CodexProviderOptions },
});
for await (const delta of result.textStream) process.stdout.write(delta);
console.log((await result.providerMetadata)?.codex);

const models = await explicit.listModels();
console.log(models[0]?.id);

// @ts-expect-error: not a reasoning summary
export const bad = { reasoningSummary: 'extreme' } satisfies CodexProviderOptions;

// compaction: a threshold (unset: 90 % of the window) or off; \`compact\` for one call
export const compacting = createCodex({
  compaction: { atInputTokens: process.env.COMPACT_AT ? Number(process.env.COMPACT_AT) : undefined },
});
export const notCompacting = createCodex({ compaction: false });
export const compactOnce = { compact: true } satisfies CodexProviderOptions;
// @ts-expect-error: off, or on with a threshold; \`true\` is neither
createCodex({ compaction: true });
`;

const tsconfigs = new Map<string, string>();
let errors: Map<string, string[]>;

beforeAll(async () => {
  for (const { ai, entry } of majors) {
    const dir = await consumerProject({ ai, zod: 'zod', '@types/node': '@types/node' });
    await writeFile(join(dir, 'app.mts'), app(entry));
    await writeFile(
      join(dir, 'tsconfig.json'),
      JSON.stringify({
        compilerOptions: {
          module: 'nodenext',
          moduleResolution: 'nodenext',
          target: 'esnext',
          types: ['node'],
          lib: ['esnext'],
          strict: true,
          exactOptionalPropertyTypes: true,
          noUncheckedIndexedAccess: true,
          verbatimModuleSyntax: true,
          isolatedModules: true,
          moduleDetection: 'force',
          noEmit: true,
          skipLibCheck: true,
        },
        files: ['app.mts'],
      }),
    );
    tsconfigs.set(ai, join(dir, 'tsconfig.json'));
  }
  errors = await typeCheckProjects([...tsconfigs.values()]);
}, 240_000);
afterAll(async () => {
  for (const tsconfig of tsconfigs.values()) {
    await rm(join(tsconfig, '..'), { recursive: true, force: true });
  }
});

describe('strict TypeScript consumers of the packed package', () => {
  it.each(majors)(
    '$entry type-checks with $ai (strict, exactOptionalPropertyTypes, nodenext)',
    ({ ai }) => {
      expect(errors.get(tsconfigs.get(ai)!)).toEqual([]);
    },
  );
});
