import type { CodexFileData } from './codex-call-options';

/**
 * A file part's data with AI SDK 7's `data` and `url` tags taken off, so that every version's
 * bytes, base64 text and URLs read alike; a text file and a provider reference keep theirs.
 */
export function untaggedFileData(
  data: CodexFileData,
): Uint8Array | string | URL | Extract<CodexFileData, { type: 'text' | 'reference' }> {
  if (data instanceof Uint8Array || data instanceof URL || typeof data === 'string') return data;
  if (data.type === 'data') return data.data;
  return data.type === 'url' ? data.url : data;
}
