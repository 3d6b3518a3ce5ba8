// The models the end-to-end benchmarks put behind `streamText`: ours and @ai-sdk/openai.
import { createOpenAI } from '@ai-sdk/openai';
import type { LanguageModelV2 } from '@ai-sdk/provider';
import { jsonSchema, tool } from 'ai';
import { createCodex } from '../src';

export type StreamTextContender = {
  name: string;
  /** A model against `baseURL` (the Codex-shaped path for ours, a /v1-like one for openai). */
  model: (baseURL: string, fetch?: typeof globalThis.fetch) => LanguageModelV2;
  providerOptions: Record<string, Record<string, string | boolean>>;
};

export const oursModel: StreamTextContender = {
  name: 'ai-sdk-provider-codex',
  model: (baseURL, fetch) =>
    createCodex({ baseURL, auth: { accessToken: 'bench' }, fetch })('gpt-5.3-codex'),
  providerOptions: {},
};

/** Ours with one part per backend delta event, as before coalescing. */
export const oursUncoalescedModel: StreamTextContender = {
  name: 'ours, coalesceDeltas: false',
  model: (baseURL, fetch) =>
    createCodex({ baseURL, auth: { accessToken: 'bench' }, fetch, coalesceDeltas: false })(
      'gpt-5.3-codex',
    ),
  providerOptions: {},
};

export const openaiModel: StreamTextContender = {
  name: '@ai-sdk/openai@2 responses',
  model: (baseURL, fetch) =>
    createOpenAI({ baseURL, apiKey: 'bench', fetch }).responses('gpt-5.3-codex'),
  // what the Codex backend (and so the emulator) insists on
  providerOptions: { openai: { store: false, instructions: 'Benchmark.' } },
};

/** The tool the reasoning + tool-calls workload calls; no `execute`, so the step ends there. */
export const benchTools = {
  writeFile: tool({
    description: 'Writes a file.',
    inputSchema: jsonSchema<Record<string, unknown>>({
      type: 'object',
      properties: {
        path: { type: 'string' },
        line: { type: 'number' },
        content: { type: 'string' },
        mode: { type: 'string' },
        x: { type: 'number' },
      },
      required: ['path'],
    }),
  }),
};
