import type { CodexFilePart, CodexPrompt, CodexTextPart } from './codex-call-options';
import { isTagged, untaggedFileData } from './untagged-file-data';

/**
 * The id of the user turn a call belongs to, as a UUID (version 8: our own derivation). A
 * turn starts with a user message and goes on through the tool follow-ups that answer it,
 * so the id is derived from the conversation and from where the prompt's last user message
 * stands and what it says: every step of one tool loop gets the same id, the next user
 * message a new one, and another process holding the same history derives the same id
 * (nothing is kept between calls).
 */
export function codexTurnId(conversationId: string, prompt: CodexPrompt): string {
  const last = prompt.map(message => message.role).lastIndexOf('user');
  const message = prompt[last];
  const content = message?.role === 'user' ? message.content.map(fingerprint) : [];
  return uuidFromHash(hash128(JSON.stringify([conversationId, last, content])));
}

/**
 * What identifies a user message part, cheaply: texts in full, files by type and size (an
 * image's bytes would cost more to hash than they tell apart).
 */
function fingerprint(part: CodexTextPart | CodexFilePart): string {
  if (part.type === 'text') return part.text;
  return `${part.mediaType} ${dataSize(part.data)}`;
}

function dataSize(fileData: CodexFilePart['data']): string {
  const data = untaggedFileData(fileData);
  if (data instanceof Uint8Array) return `${data.byteLength} bytes`;
  if (data instanceof URL) return data.href;
  if (!isTagged(data)) return `${data.length} chars`;
  return data.type === 'text' ? `${data.text.length} chars` : 'reference';
}

/** FNV-1a over UTF-16 units in four lanes (own offsets and odd multipliers), each avalanched. */
function hash128(text: string): number[] {
  const lanes = [0x811c9dc5, 0x050c5d1f, 0x2b3a4c5d, 0x6e7f8091];
  for (let i = 0; i < text.length; i++) {
    const unit = text.charCodeAt(i);
    for (let lane = 0; lane < 4; lane++) {
      lanes[lane] = Math.imul(lanes[lane]! ^ unit, MULTIPLIERS[lane]!);
    }
  }
  return lanes.map(avalanche);
}

const MULTIPLIERS = [0x01000193, 0x5bd1e995, 0x27d4eb2d, 0x165667b1];

/** murmur3's finaliser: every input bit moves about half the output bits. */
function avalanche(value: number): number {
  let h = value;
  h = Math.imul(h ^ (h >>> 16), 0x85ebca6b);
  h = Math.imul(h ^ (h >>> 13), 0xc2b2ae35);
  return (h ^ (h >>> 16)) >>> 0;
}

/** Four 32-bit words as a UUID with version 8 and the RFC 9562 variant. */
function uuidFromHash([a, b, c, d]: number[]): string {
  // the version in bits 12-15 of the second word, the variant (10) atop the third
  const words = [
    a!,
    ((b! & 0xffff0fff) | 0x8000) >>> 0,
    ((c! & 0x3fffffff) | 0x80000000) >>> 0,
    d!,
  ];
  const hex = words.map(word => word.toString(16).padStart(8, '0')).join('');
  return hex.replace(/(.{8})(.{4})(.{4})(.{4})/, '$1-$2-$3-$4-');
}
