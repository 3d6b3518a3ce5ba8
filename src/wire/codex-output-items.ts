import * as z from 'zod/v4';
import { nullishNumber, nullishString } from './nullish-fields';

// The output items of a response (`response.output_item.done`), validated with zod when
// they finish: they are rare, and the stream reads their fields (only those: a field nothing
// reads is not checked). Every object is loose.
// An item's `type` is not checked here: whoever reads an item picks its schema by it.

export const messageItemSchema = z.looseObject({
  id: nullishString,
  phase: nullishString,
  content: z.array(z.looseObject({ type: z.string(), text: nullishString })).nullish(),
});

export const reasoningItemSchema = z.looseObject({
  id: nullishString,
  encrypted_content: nullishString,
  summary: z.array(z.looseObject({ text: z.string() })).nullish(),
});

export const functionCallItemSchema = z.looseObject({
  call_id: z.string(),
  name: z.string(),
  arguments: nullishString,
});

export const webSearchCallItemSchema = z.looseObject({
  id: nullishString,
  status: nullishString,
  action: z
    .looseObject({
      type: z.string(),
      query: nullishString,
      queries: z.array(z.string()).nullish(),
      url: nullishString,
      pattern: nullishString,
      sources: z.array(z.looseObject({ type: z.string(), url: nullishString })).nullish(),
    })
    .nullish(),
});

export const customToolCallItemSchema = z.looseObject({
  id: nullishString,
  call_id: z.string(),
  name: z.string(),
  input: nullishString,
});

export const localShellCallItemSchema = z.looseObject({
  id: nullishString,
  call_id: nullishString,
  action: z.looseObject({
    type: z.literal('exec'),
    command: z.array(z.string()),
    timeout_ms: nullishNumber,
    working_directory: nullishString,
    env: z.record(z.string(), z.string()).nullish(),
    user: nullishString,
  }),
});

/** Remote compaction's answer: the history before the trigger, summarised and encrypted. */
export const compactionItemSchema = z.looseObject({
  id: z.string(),
  encrypted_content: z.string(),
});

/**
 * A `url_citation` annotation of an output text (web search citations). Its
 * `start_index`/`end_index` are not read, so not checked either.
 */
export const urlCitationSchema = z.looseObject({
  type: z.literal('url_citation'),
  url: z.string(),
  title: nullishString,
});

export type CodexMessageItem = z.infer<typeof messageItemSchema>;
export type CodexReasoningItem = z.infer<typeof reasoningItemSchema>;
export type CodexFunctionCallItem = z.infer<typeof functionCallItemSchema>;
export type CodexWebSearchCallItem = z.infer<typeof webSearchCallItemSchema>;
export type CodexCustomToolCallItem = z.infer<typeof customToolCallItemSchema>;
export type CodexLocalShellCallItem = z.infer<typeof localShellCallItemSchema>;
export type CodexCompactionItem = z.infer<typeof compactionItemSchema>;
