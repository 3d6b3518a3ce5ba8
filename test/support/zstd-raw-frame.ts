/**
 * A zstd frame (RFC 8878) that stores `bytes` in raw blocks: valid zstd any decoder reads,
 * made without a compressor, so tests can play a runtime that has zstd (Node.js ≥ 22.15,
 * Bun) on one that has none.
 */
export function zstdRawFrame(bytes: Uint8Array): Uint8Array<ArrayBuffer> {
  const MAX_BLOCK = 128 * 1024;
  const blocks = Math.max(1, Math.ceil(bytes.length / MAX_BLOCK));
  const out = new Uint8Array(4 + 1 + 4 + blocks * 3 + bytes.length);
  const view = new DataView(out.buffer);
  view.setUint32(0, 0xfd2fb528, true);
  // Frame_Content_Size in 4 bytes, Single_Segment: no window descriptor, no checksum
  out[4] = (2 << 6) | (1 << 5);
  view.setUint32(5, bytes.length, true);
  let at = 9;
  for (let block = 0; block < blocks; block++) {
    const chunk = bytes.subarray(block * MAX_BLOCK, (block + 1) * MAX_BLOCK);
    const last = block === blocks - 1 ? 1 : 0;
    const header = (chunk.length << 3) | (0 << 1) | last; // type 0: raw
    out[at] = header & 0xff;
    out[at + 1] = (header >> 8) & 0xff;
    out[at + 2] = (header >> 16) & 0xff;
    out.set(chunk, at + 3);
    at += 3 + chunk.length;
  }
  return out;
}
