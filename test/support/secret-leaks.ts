import { APICallError } from '@ai-sdk/provider';
import { inspect } from 'node:util';
import { expect } from 'vitest';

/** Every token used in the tests contains this marker. */
export const SECRET = 'SECRET';

/**
 * The texts of `error` that show a token: message, stack, string form and JSON of every
 * error in its cause chain, and an `APICallError`'s request body, response headers,
 * response body and data; and what `console.log(error)` prints (an `Error` kept in `data`,
 * which JSON shows as `{}`).
 */
export function secretLeaks(error: unknown): string[] {
  const texts: string[] = [inspect(error, { depth: Infinity, maxStringLength: Infinity })];
  const seen = new Set<unknown>();
  for (let e: unknown = error; e != null && !seen.has(e); e = (e as { cause?: unknown }).cause) {
    seen.add(e);
    texts.push(String(e), (e as Error).message ?? '', (e as Error).stack ?? '', safeJson(e));
    if (APICallError.isInstance(e)) {
      texts.push(
        safeJson(e.requestBodyValues),
        safeJson(e.responseHeaders),
        e.responseBody ?? '',
        safeJson(e.data),
        e.url,
      );
    }
  }
  return texts.filter(text => text.includes(SECRET));
}

export function safeJson(value: unknown): string {
  try {
    return JSON.stringify(value) ?? String(value);
  } catch {
    return String(value);
  }
}

/** The error `promise` rejects with, checked to show no token anywhere in it. */
export async function failure(promise: PromiseLike<unknown>): Promise<Error> {
  const error = await Promise.resolve(promise).then(
    () => {
      throw new Error('expected a failure');
    },
    (e: Error) => e,
  );
  expect(secretLeaks(error)).toEqual([]);
  return error;
}
