import { gunzipSync } from 'node:zlib';
import { decompress as zstdDecompress } from 'fzstd';
import { describe, expect, it, vi } from 'vitest';
import { zstdRawFrame } from '../../test/support/zstd-raw-frame';
import { createRequestCompression, type CompressionCodecs } from './request-compression';

const JSON_BODY = JSON.stringify({ input: 'x'.repeat(2000) });

/** A runtime with zstd (stored frames stand in for Node's compressor) and gzip. */
function codecs({ zstd = true, gzip = true } = {}): CompressionCodecs {
  const encode = async (json: string) => zstdRawFrame(new TextEncoder().encode(json));
  return {
    zstd: vi.fn(() => (zstd ? encode : undefined)),
    gzip: vi.fn(() => (gzip ? encode : undefined)),
  };
}

/** The compressed bytes of an encoded body (a string body fails the test). */
function bytesOf(body: string | Uint8Array): Uint8Array {
  if (typeof body === 'string') throw new Error('the body was not compressed');
  return body;
}

describe('createRequestCompression', () => {
  it('uses zstd by default where the runtime has it, asking the runtime once and only when used', async () => {
    const runtime = codecs();
    const compression = createRequestCompression(undefined, runtime);
    expect(runtime.zstd).not.toHaveBeenCalled();
    const first = await compression.encode(JSON_BODY);
    await compression.encode(JSON_BODY);
    expect(runtime.zstd).toHaveBeenCalledTimes(1);
    expect(first.encoding).toBe('zstd');
    expect(first.warning).toBeUndefined();
    expect(new TextDecoder().decode(zstdDecompress(bytesOf(first.body)))).toBe(JSON_BODY);
  });

  it('sends plain JSON by default, quietly, where the runtime has no zstd', async () => {
    const encoded = await createRequestCompression(undefined, codecs({ zstd: false })).encode(
      JSON_BODY,
    );
    expect(encoded).toEqual({ body: JSON_BODY });
  });

  it('gzips through the platform CompressionStream', async () => {
    const encoded = await createRequestCompression('gzip').encode(JSON_BODY);
    expect(encoded.encoding).toBe('gzip');
    expect(gunzipSync(bytesOf(encoded.body)).toString('utf8')).toBe(JSON_BODY);
    expect(bytesOf(encoded.body).byteLength).toBeLessThan(JSON_BODY.length / 10);
  });

  it("sends 'none' as it is without asking the runtime", async () => {
    const runtime = codecs();
    const encoded = await createRequestCompression('none', runtime).encode(JSON_BODY);
    expect(encoded).toEqual({ body: JSON_BODY });
    expect(runtime.zstd).not.toHaveBeenCalled();
    expect(runtime.gzip).not.toHaveBeenCalled();
  });

  it.each([
    ['zstd', { zstd: false }, /'zstd' needs Node\.js 22\.15 or later, or Bun/],
    ['gzip', { gzip: false }, /'gzip' needs CompressionStream/],
  ] as const)(
    'an explicit %s the runtime lacks: plain JSON, and every call says so',
    async (setting, missing, message) => {
      const compression = createRequestCompression(setting, codecs(missing));
      for (let i = 0; i < 2; i++) {
        const encoded = await compression.encode(JSON_BODY);
        expect(encoded.body).toBe(JSON_BODY);
        expect(encoded.encoding).toBeUndefined();
        expect(encoded.warning).toEqual({ type: 'other', message: expect.stringMatching(message) });
      }
    },
  );

  it('a compressor that fails sends plain JSON from then on, with a warning, and never fails the call', async () => {
    const compress = vi.fn(async () => {
      throw new Error('out of memory');
    });
    const compression = createRequestCompression('zstd', {
      zstd: () => compress,
      gzip: () => undefined,
    });
    for (let i = 0; i < 2; i++) {
      const encoded = await compression.encode(JSON_BODY);
      expect(encoded.body).toBe(JSON_BODY);
      expect(encoded.warning?.type).toBe('other');
      expect(encoded.warning && 'message' in encoded.warning && encoded.warning.message).toMatch(
        /with zstd failed \(out of memory\)/,
      );
    }
    expect(compress).toHaveBeenCalledTimes(1);
  });
});
