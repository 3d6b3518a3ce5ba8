import type { CodexWarning } from '../common/codex-warning';
import { describeError } from '../common/describe-error';

/** How request bodies go over HTTP: the `requestCompression` setting. */
export type CodexRequestCompressionSetting = 'zstd' | 'gzip' | 'none';

/** A body as it goes on the wire. */
export type EncodedRequestBody = {
  body: string | Uint8Array<ArrayBuffer>;
  /** The `Content-Encoding`; absent when the JSON goes as it is. */
  encoding?: 'zstd' | 'gzip';
  /** Why the body went otherwise than the setting asked (with every such body). */
  warning?: CodexWarning;
};

export type CodexRequestCompression = {
  encode(json: string): Promise<EncodedRequestBody>;
};

type Compress = (json: string) => Promise<Uint8Array<ArrayBuffer>>;

/** The compressors a runtime has (`undefined`: it has none of that kind). */
export type CompressionCodecs = {
  zstd: () => Compress | undefined;
  gzip: () => Compress | undefined;
};

/**
 * Compresses request bodies as the official client does (`Content-Encoding: zstd`; a 44 KB
 * history becomes 16.5 KB). Unset, zstd where the runtime has it (Node.js ≥ 22.15, Bun) and
 * plain JSON elsewhere; an explicit `'zstd'` or `'gzip'` the runtime lacks, or a compressor
 * that fails, sends plain JSON, and each call says so in one warning (a call never fails
 * because of the runtime). Nothing is looked up before the first body.
 */
export function createRequestCompression(
  setting: CodexRequestCompressionSetting | undefined,
  codecs: CompressionCodecs = RUNTIME_CODECS,
): CodexRequestCompression {
  let chosen: { encoding: 'zstd' | 'gzip'; compress: Compress } | null | undefined;
  let warning: CodexWarning | undefined;
  const sendPlain = (why: string) => {
    chosen = null;
    warning = { type: 'other', message: `${why}; request bodies are sent uncompressed.` };
  };

  return {
    async encode(json) {
      if (chosen === undefined) {
        chosen = null;
        const encoding = setting ?? 'zstd';
        if (encoding !== 'none') {
          const compress = codecs[encoding]();
          if (compress) chosen = { encoding, compress };
          // unset, the runtime decides quietly
          else if (setting != null) {
            sendPlain(
              `requestCompression '${encoding}' needs ${encoding === 'zstd' ? 'Node.js 22.15 or later, or Bun' : 'CompressionStream'}`,
            );
          }
        }
      }
      if (chosen) {
        const { encoding, compress } = chosen;
        try {
          return { body: await compress(json), encoding };
        } catch (error) {
          // never a failed call because of the runtime's compressor: plain JSON from now on
          sendPlain(
            `Compressing the request body with ${encoding} failed (${describeError(error)})`,
          );
        }
      }
      return { body: json, ...(warning && { warning }) };
    },
  };
}

type ZlibLike = {
  zstdCompress?: (
    input: string,
    callback: (error: Error | null, result: Uint8Array<ArrayBuffer>) => void,
  ) => void;
};

type RuntimeGlobals = {
  process?: { getBuiltinModule?: (id: string) => ZlibLike | undefined };
  Bun?: { zstdCompress?: (input: Uint8Array) => Promise<Uint8Array<ArrayBuffer>> };
};

/** What this runtime has, looked up on first use (no `node:` import: edge bundles load this). */
const RUNTIME_CODECS: CompressionCodecs = {
  zstd: () => {
    const runtime = globalThis as RuntimeGlobals;
    let zlib: ZlibLike | undefined;
    try {
      zlib = runtime.process?.getBuiltinModule?.('zlib');
    } catch {
      // a runtime that refuses the lookup has no zstd for us
    }
    // bound, as a runtime's own function may need its object
    const nodeZstd = zlib?.zstdCompress?.bind(zlib);
    if (nodeZstd) {
      return json =>
        new Promise((resolve, reject) =>
          nodeZstd(json, (error, result) => (error ? reject(error) : resolve(result))),
        );
    }
    const bunZstd = runtime.Bun?.zstdCompress?.bind(runtime.Bun);
    if (bunZstd) return json => bunZstd(new TextEncoder().encode(json));
    return undefined;
  },
  gzip: () => {
    if (typeof CompressionStream !== 'function') return undefined;
    return async json => {
      const stream = new Blob([json]).stream().pipeThrough(new CompressionStream('gzip'));
      return new Uint8Array(await new Response(stream).arrayBuffer());
    };
  },
};
