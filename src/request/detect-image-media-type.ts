import { convertBase64ToUint8Array } from '@ai-sdk/provider-utils';

// The formats the backend accepts as `input_image`, by their leading bytes as Latin-1 text
// ('?': any byte).
const SIGNATURES: ReadonlyArray<readonly [mediaType: string, prefix: string]> = [
  ['image/png', '\x89PNG\r\n\x1a\n'],
  ['image/jpeg', '\xff\xd8\xff'],
  ['image/gif', 'GIF8'],
  ['image/webp', 'RIFF????WEBP'],
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
  return SIGNATURES.find(([, prefix]) =>
    [...prefix].every((char, i) => char === '?' || bytes[i] === char.charCodeAt(0)),
  )?.[0];
}
