import { UnsupportedFunctionalityError } from '@ai-sdk/provider';
import type { CodexFilePart, CodexMessage } from './codex-call-options';
import { imageDataUrl, isImageMediaType } from './image-data-url';
import { isTagged, untaggedFileData } from './untagged-file-data';
import type { CodexInputContent } from '../wire/codex-request-body';

export type CodexUserPart = Extract<CodexMessage, { role: 'user' }>['content'][number];

/** A user message part as the backend takes it: text, an image, or a text file as text. */
export function convertUserContent(part: CodexUserPart): CodexInputContent {
  if (part.type === 'text') return { type: 'input_text', text: part.text };
  const data = untaggedFileData(part.data);
  if (!isTagged(data)) return { type: 'input_image', image_url: toImageUrl(part, data) };
  if (data.type === 'text') return textFileContent(part, data.text);
  throw new UnsupportedFunctionalityError({
    functionality: "file data of kind 'reference'",
    message: `Codex cannot resolve provider file references; pass the file's data or URL instead.`,
  });
}

/** A text file travels as its text, headed by its name when it has one. */
export function textFileContent(
  { filename }: { filename?: string | undefined },
  text: string,
): { type: 'input_text'; text: string } {
  return { type: 'input_text', text: filename ? `${filename}:\n${text}` : text };
}

function toImageUrl(part: CodexFilePart, data: Uint8Array | string | URL): string {
  if (!isImageMediaType(part.mediaType)) {
    throw new UnsupportedFunctionalityError({
      functionality: `file parts with media type ${part.mediaType}`,
      message: `Codex cannot take the file part with media type '${part.mediaType}'${part.filename ? ` (${part.filename})` : ''}: convert it to text or an image first.`,
    });
  }
  if (data instanceof URL) return data.href;
  if (typeof data === 'string' && /^(https?|data):/i.test(data)) return data;
  return imageDataUrl(part.mediaType, data);
}
