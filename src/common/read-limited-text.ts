import { DownloadError, readResponseWithSizeLimit } from '@ai-sdk/provider-utils';

const MiB = 1024 * 1024;

/**
 * What an error body or a JSON answer (token endpoints, usage, the model catalog) may
 * weigh: hundreds of times a real one, and far from what would hurt the process.
 */
export const ANSWER_LIMIT_BYTES = 4 * MiB;

/**
 * The answer's text, read up to `maxBytes`, or `undefined` when it is larger: a body that
 * declares more is not read at all, one that grows past the limit is cancelled there.
 * Other read failures (a reset) are thrown as they are.
 */
export async function readLimitedText(
  response: Response,
  url: string,
  maxBytes: number,
): Promise<string | undefined> {
  try {
    return new TextDecoder().decode(await readResponseWithSizeLimit({ response, url, maxBytes }));
  } catch (error) {
    if (DownloadError.isInstance(error)) return undefined;
    throw error;
  }
}

/** `4 MiB`: how a limit is named in an error. */
export function formatLimit(bytes: number): string {
  return `${bytes / MiB} MiB`;
}
