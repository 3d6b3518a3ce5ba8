import { UnsupportedFunctionalityError } from '@ai-sdk/provider';
import type { CodexFilePart, CodexMessage } from './codex-call-options';
import { imageDataUrl, isImageMediaType } from './image-data-url';
import type { CodexInputContent } from '../wire/codex-request-body';

export type CodexUserPart = Extract<CodexMessage, { role: 'user' }>['content'][number];

/** A user message part as the backend takes it: text, an image, or a text file as text. */
export function convertUserContent(part: CodexUserPart): CodexInputContent {
  if (part.type === 'text') return { type: 'input_text', text: part.text };
  const { data } = part;
  if (data instanceof Uint8Array || data instanceof URL || typeof data === 'string') {
    return { type: 'input_image', image_url: toImageUrl(part, data) };
  }
  switch (data.type) {
    case 'data':
      return { type: 'input_image', image_url: toImageUrl(part, data.data) };
    case 'url':
      return { type: 'input_image', image_url: toImageUrl(part, data.url) };
    case 'text':
      // a text file travels as text
      return {
        type: 'input_text',
        text: part.filename ? `${part.filename}:\n${data.text}` : data.text,
      };
    case 'reference':
      throw new UnsupportedFunctionalityError({
        functionality: "file data of kind 'reference'",
        message: `Codex cannot resolve provider file references; pass the file's data or URL instead.`,
      });
  }
}

function toImageUrl(part: CodexFilePart, data: Uint8Array | string | URL): string {
  if (!isImageMediaType(part.mediaType)) {
    throw new UnsupportedFunctionalityError({
      functionality: `file parts with media type ${part.mediaType}`,
      message:
        `Codex accepts images only; the file part with media type '${part.mediaType}'` +
        `${part.filename ? ` (${part.filename})` : ''} cannot be sent. Convert it to text or an image first.`,
    });
  }
  if (data instanceof URL) return data.toString();
  if (typeof data === 'string' && /^(https?|data):/i.test(data)) return data;
  return imageDataUrl(part.mediaType, data);
}
