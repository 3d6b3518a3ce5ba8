import { InvalidArgumentError } from '@ai-sdk/provider';
import * as z from 'zod/v4';

/**
 * `value` as `schema` reads it, else an `InvalidArgumentError` for `argument`: `what` was
 * invalid, then every problem zod found, on one line.
 */
export function parseArgument<T>(
  schema: z.ZodType<T>,
  value: unknown,
  argument: string,
  what: string,
): T {
  const result = schema.safeParse(value);
  if (result.success) return result.data;
  throw new InvalidArgumentError({
    argument,
    message: `Invalid ${what}: ${z.prettifyError(result.error).replace(/\n/g, ' ')}`,
    cause: result.error,
  });
}
