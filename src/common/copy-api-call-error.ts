import { APICallError } from '@ai-sdk/provider';

/**
 * A copy of `error` with some fields replaced (`APICallError` fields are read-only). Its
 * fields are its own properties, so a spread carries them all; `message` is not enumerable.
 */
export function copyAPICallError(
  error: APICallError,
  overrides: Partial<ConstructorParameters<typeof APICallError>[0]>,
): APICallError {
  return new APICallError({ ...error, message: error.message, ...overrides });
}
