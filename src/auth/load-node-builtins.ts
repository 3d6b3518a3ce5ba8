import { authFileNeedsNode } from './auth-file-needs-node';

export type NodeBuiltins = {
  fs: typeof import('node:fs/promises');
  os: typeof import('node:os');
  path: typeof import('node:path');
  crypto: typeof import('node:crypto');
};

let builtins: Promise<NodeBuiltins> | undefined;

/**
 * The Node modules the auth-file code needs, loaded on first use. The imports are dynamic
 * and sit inside `try` so that bundlers targeting browsers and edge runtimes (esbuild,
 * and those that follow its rule) leave them unresolved instead of failing the build: an
 * app that passes `auth` never gets here.
 */
export function loadNodeBuiltins(): Promise<NodeBuiltins> {
  return (builtins ??= (async () => {
    try {
      // one `await import()` per statement: the form esbuild tolerates unresolved in `try`
      const fs = await import('node:fs/promises');
      const os = await import('node:os');
      const path = await import('node:path');
      const crypto = await import('node:crypto');
      return { fs, os, path, crypto };
    } catch {
      throw authFileNeedsNode();
    }
  })());
}
