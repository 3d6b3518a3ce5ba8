declare const __PACKAGE_VERSION__: string | undefined;

// tsup and vitest replace the identifier at build time; running the sources directly
// (tsx) leaves it undefined.
export const VERSION: string =
  typeof __PACKAGE_VERSION__ === 'string' ? __PACKAGE_VERSION__ : '0.0.0-dev';

export const PACKAGE_NAME = 'ai-sdk-provider-codex';

const OS_NAMES: Record<string, string> = { darwin: 'Mac OS', linux: 'Linux', win32: 'Windows' };

type ProcessLike = {
  platform?: string;
  arch?: string;
  getBuiltinModule?: (id: string) => { release?: () => string } | undefined;
};

/** `<name>/<version> (<os> <release>; <arch>)`, from what the runtime tells without imports. */
export function getUserAgent(originator: string): string {
  const proc = (globalThis as { process?: ProcessLike }).process;
  let platform = '';
  if (proc?.platform) {
    let release: string | undefined;
    try {
      // `process.getBuiltinModule` (Node ≥ 20.16) avoids a static `node:os` import that
      // would break edge bundles.
      release = proc.getBuiltinModule?.('os')?.release?.();
    } catch {
      // a runtime that refuses the lookup names no release
    }
    const os = OS_NAMES[proc.platform] ?? proc.platform;
    platform = ` (${[os, release].filter(Boolean).join(' ')}; ${proc.arch ?? 'unknown'})`;
  }
  const ours = `${PACKAGE_NAME}/${VERSION}${platform}`;
  // An app that names itself as originator leads the User-Agent with the same name.
  return originator === PACKAGE_NAME ? ours : `${originator} ${ours}`;
}
