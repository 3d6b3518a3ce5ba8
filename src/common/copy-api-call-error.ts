import { APICallError } from '@ai-sdk/provider';

/** A copy of `error` with some fields replaced (`APICallError` fields are read-only). */
export function copyAPICallError(
  error: APICallError,
  overrides: Partial<ConstructorParameters<typeof APICallError>[0]>,
): APICallError {
  return new APICallError({
    message: error.message,
    url: error.url,
    requestBodyValues: error.requestBodyValues,
    statusCode: error.statusCode,
    responseHeaders: error.responseHeaders,
    responseBody: error.responseBody,
    cause: error.cause,
    data: error.data,
    isRetryable: error.isRetryable,
    ...overrides,
  });
}
