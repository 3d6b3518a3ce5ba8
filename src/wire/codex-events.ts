import * as z from 'zod/v4';
import { nullishNumber, nullishString } from './nullish-fields';

// Schemas for the rare, structural events only. Delta events arrive thousands of times a
// response and are checked with a `typeof delta === 'string'` guard instead (see
// docs/performance.md). Every object is loose: the backend adds fields without notice.

const usageSchema = z.looseObject({
  input_tokens: nullishNumber,
  input_tokens_details: z.looseObject({ cached_tokens: nullishNumber }).nullish(),
  output_tokens: nullishNumber,
  output_tokens_details: z.looseObject({ reasoning_tokens: nullishNumber }).nullish(),
  total_tokens: nullishNumber,
});

/** Token usage as `response.completed` reports it. */
export type CodexTokenUsage = z.infer<typeof usageSchema>;

/** One event of a response, as a transport delivers it; only `type` is known up front. */
export type CodexEvent = Record<string, unknown> & { type: string };

export const responseCreatedSchema = z.looseObject({
  response: z.looseObject({ id: nullishString, model: nullishString, created_at: nullishNumber }),
});

/** The `{ code, message }` of a failed response and of an `error` event. */
const errorSchema = z.looseObject({ code: nullishString, message: nullishString });

export const responseTerminalSchema = z.looseObject({
  // a field of an odd type is unknown (`.catch`), not the loss of the others (the usage)
  response: z.looseObject({
    id: nullishString.catch(undefined),
    status: nullishString.catch(undefined),
    usage: usageSchema.nullish().catch(undefined),
    incomplete_details: z.looseObject({ reason: nullishString }).nullish().catch(undefined),
    error: errorSchema.nullish().catch(undefined),
  }),
});

// `response.service_tier` is not read: the backend echoes a tier there that does not say
// whether the request ran on priority, so reporting it would mislead.

export type CodexTerminalResponse = z.infer<typeof responseTerminalSchema>['response'];

export const errorEventSchema = errorSchema.extend({ error: errorSchema.nullish() });
