import type { CodexFileData } from './codex-call-options';

/** The forms of file data that keep their tag: a text file, and a provider reference. */
type TaggedFileData = Extract<CodexFileData, { type: 'text' | 'reference' }>;

/**
 * A file part's data with AI SDK 7's `data` and `url` tags taken off, so that every version's
 * bytes, base64 text and URLs read alike; a text file and a provider reference keep theirs.
 */
export function untaggedFileData(data: CodexFileData): Uint8Array | string | URL | TaggedFileData {
  if (!isTagged(data)) return data;
  if (data.type === 'data') return data.data;
  return data.type === 'url' ? data.url : data;
}

/** Whether file data is in one of AI SDK 7's tagged forms (bytes and URLs have no `type`). */
export function isTagged<T extends CodexFileData>(data: T): data is Extract<T, { type: string }> {
  return typeof data === 'object' && 'type' in data;
}
