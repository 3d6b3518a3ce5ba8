import { z } from 'zod/v4';

// Schemas for the rare, structural events only. Delta events arrive thousands of times a
// response and are checked with a `typeof delta === 'string'` guard instead (see
// performance-notes). Every object is loose: the backend adds fields without notice.

const usageSchema = z
  .object({
    input_tokens: z.number().nullish(),
    input_tokens_details: z.object({ cached_tokens: z.number().nullish() }).loose().nullish(),
    output_tokens: z.number().nullish(),
    output_tokens_details: z.object({ reasoning_tokens: z.number().nullish() }).loose().nullish(),
    total_tokens: z.number().nullish(),
  })
  .loose();

export type CodexUsage = z.infer<typeof usageSchema>;

export const responseCreatedSchema = z
  .object({
    response: z
      .object({
        id: z.string().nullish(),
        model: z.string().nullish(),
        created_at: z.number().nullish(),
      })
      .loose(),
  })
  .loose();

export const responseTerminalSchema = z
  .object({
    response: z
      .object({
        id: z.string().nullish(),
        status: z.string().nullish(),
        usage: usageSchema.nullish(),
        incomplete_details: z.object({ reason: z.string().nullish() }).loose().nullish(),
        error: z
          .object({ code: z.string().nullish(), message: z.string().nullish() })
          .loose()
          .nullish(),
        service_tier: z.string().nullish(),
      })
      .loose(),
  })
  .loose();

export type CodexTerminalResponse = z.infer<typeof responseTerminalSchema>['response'];

export const errorEventSchema = z
  .object({
    code: z.string().nullish(),
    message: z.string().nullish(),
    error: z
      .object({ code: z.string().nullish(), message: z.string().nullish() })
      .loose()
      .nullish(),
  })
  .loose();

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

export type CodexMessageItem = z.infer<typeof messageItemSchema>;
export type CodexReasoningItem = z.infer<typeof reasoningItemSchema>;
export type CodexFunctionCallItem = z.infer<typeof functionCallItemSchema>;
