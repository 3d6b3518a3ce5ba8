import * as z from 'zod/v4';

// Schemas for the rare, structural events only. Delta events arrive thousands of times a
// response and are checked with a `typeof delta === 'string'` guard instead (see
// docs/performance.md). Every object is loose: the backend adds fields without notice.

const usageSchema = z
  .object({
    input_tokens: z.number().nullish(),
    input_tokens_details: z.object({ cached_tokens: z.number().nullish() }).loose().nullish(),
    output_tokens: z.number().nullish(),
    output_tokens_details: z.object({ reasoning_tokens: z.number().nullish() }).loose().nullish(),
    total_tokens: z.number().nullish(),
  })
  .loose();

/** Token usage as `response.completed` reports it. */
export type CodexTokenUsage = z.infer<typeof usageSchema>;

/** One event of a response, as a transport delivers it; only `type` is known up front. */
export type CodexEvent = Record<string, unknown> & { type: string };

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
      })
      .loose(),
  })
  .loose();

// `response.service_tier` is not read: the backend echoes a tier there that does not say
// whether the request ran on priority, so reporting it would mislead.

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
