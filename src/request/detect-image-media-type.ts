import { convertBase64ToUint8Array } from '@ai-sdk/provider-utils';

// The formats the backend accepts as `input_image`, by their leading bytes (null: any byte).
const SIGNATURES: ReadonlyArray<{ mediaType: string; prefix: ReadonlyArray<number | null> }> = [
  { mediaType: 'image/png', prefix: [0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a] },
  { mediaType: 'image/jpeg', prefix: [0xff, 0xd8, 0xff] },
  { mediaType: 'image/gif', prefix: [0x47, 0x49, 0x46, 0x38] },
  {
    mediaType: 'image/webp',
    prefix: [0x52, 0x49, 0x46, 0x46, null, null, null, null, 0x57, 0x45, 0x42, 0x50],
  },
];

// 16 base64 characters decode to the 12 bytes the longest signature needs.
const BASE64_PREFIX_CHARS = 16;

/**
 * The media type the image bytes (or their base64 text) carry in their header, or undefined
 * when they match none of the formats Codex accepts.
 */
export function detectImageMediaType(data: Uint8Array | string): string | undefined {
  let bytes: Uint8Array;
  if (typeof data === 'string') {
    try {
      bytes = convertBase64ToUint8Array(data.slice(0, BASE64_PREFIX_CHARS));
    } catch {
      return undefined;
    }
  } else bytes = data;
  // past the end, bytes[i] is undefined and matches no byte of a signature
  return SIGNATURES.find(({ prefix }) =>
    prefix.every((byte, i) => byte == null || bytes[i] === byte),
  )?.mediaType;
}
