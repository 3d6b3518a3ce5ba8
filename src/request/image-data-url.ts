import { convertToBase64 } from '@ai-sdk/provider-utils';
import { detectImageMediaType } from './detect-image-media-type';

/**
 * Whether a media type names an image: `image/png`, or (AI SDK 7) only the top-level
 * `image`, or `image/*`.
 */
export function isImageMediaType(mediaType: string): boolean {
  return mediaType === 'image' || mediaType.startsWith('image/');
}

/**
 * An image's bytes (or their base64 text) as a `data:` URL. A media type that names no
 * format (`image`, `image/*`) is read from the bytes, since the backend must be told one.
 */
export function imageDataUrl(mediaType: string, data: Uint8Array | string): string {
  const type =
    mediaType === 'image' || mediaType === 'image/*'
      ? (detectImageMediaType(data) ?? 'image/jpeg')
      : mediaType;
  return `data:${type};base64,${convertToBase64(data)}`;
}

/** The size of the bytes a data URL or base64 text holds, without decoding them. */
export function decodedByteLength(data: string): number {
  // base64 holds no comma: all of it is the data
  const base64 = data.slice(data.indexOf(',') + 1);
  let end = base64.length;
  // before the start, base64[-1] is undefined: no '='
  while (base64[end - 1] === '=') end--;
  return Math.floor((end * 3) / 4);
}
