import * as z from 'zod/v4';

// The output items of a response (`response.output_item.done`), validated with zod when
// they finish: they are rare, and the stream reads their fields. Every object is loose.

export const messageItemSchema = z
  .object({
    type: z.literal('message'),
    id: z.string().nullish(),
    phase: z.string().nullish(),
    content: z.array(z.object({ type: z.string(), text: z.string().nullish() }).loose()).nullish(),
  })
  .loose();

export const reasoningItemSchema = z
  .object({
    type: z.literal('reasoning'),
    id: z.string().nullish(),
    encrypted_content: z.string().nullish(),
    summary: z.array(z.object({ type: z.string(), text: z.string() }).loose()).nullish(),
  })
  .loose();

export const functionCallItemSchema = z
  .object({
    type: z.literal('function_call'),
    id: z.string().nullish(),
    call_id: z.string(),
    name: z.string(),
    arguments: z.string().nullish(),
  })
  .loose();

export const webSearchCallItemSchema = z
  .object({
    type: z.literal('web_search_call'),
    id: z.string().nullish(),
    status: z.string().nullish(),
    action: z
      .object({
        type: z.string(),
        query: z.string().nullish(),
        queries: z.array(z.string()).nullish(),
        url: z.string().nullish(),
        pattern: z.string().nullish(),
        sources: z
          .array(z.object({ type: z.string(), url: z.string().nullish() }).loose())
          .nullish(),
      })
      .loose()
      .nullish(),
  })
  .loose();

export const customToolCallItemSchema = z
  .object({
    type: z.literal('custom_tool_call'),
    id: z.string().nullish(),
    call_id: z.string(),
    name: z.string(),
    input: z.string().nullish(),
  })
  .loose();

export const localShellCallItemSchema = z
  .object({
    type: z.literal('local_shell_call'),
    id: z.string().nullish(),
    call_id: z.string().nullish(),
    action: z
      .object({
        type: z.literal('exec'),
        command: z.array(z.string()),
        timeout_ms: z.number().nullish(),
        working_directory: z.string().nullish(),
        env: z.record(z.string(), z.string()).nullish(),
        user: z.string().nullish(),
      })
      .loose(),
  })
  .loose();

/** Remote compaction's answer: the history before the trigger, summarised and encrypted. */
export const compactionItemSchema = z
  .object({
    type: z.literal('compaction'),
    id: z.string(),
    encrypted_content: z.string(),
  })
  .loose();

/** A `url_citation` annotation of an output text (web search citations). */
export const urlCitationSchema = z
  .object({
    type: z.literal('url_citation'),
    url: z.string(),
    title: z.string().nullish(),
    start_index: z.number().nullish(),
    end_index: z.number().nullish(),
  })
  .loose();

export type CodexMessageItem = z.infer<typeof messageItemSchema>;
export type CodexReasoningItem = z.infer<typeof reasoningItemSchema>;
export type CodexFunctionCallItem = z.infer<typeof functionCallItemSchema>;
export type CodexWebSearchCallItem = z.infer<typeof webSearchCallItemSchema>;
export type CodexCustomToolCallItem = z.infer<typeof customToolCallItemSchema>;
export type CodexLocalShellCallItem = z.infer<typeof localShellCallItemSchema>;
export type CodexCompactionItem = z.infer<typeof compactionItemSchema>;
