// A variable, not a literal: bundlers must not pull undici (Node-only: net, tls, http) into
// browser and edge bundles of the package, where the code that needs it never runs. Node
// resolves it from the package's own dependencies.
const UNDICI = 'undici';

let undici: Promise<typeof import('undici')> | undefined;

/** The undici package (proxies, WebSocket), loaded on first use. */
export function loadUndici(): Promise<typeof import('undici')> {
  return (undici ??= import(/* webpackIgnore: true */ /* @vite-ignore */ UNDICI));
}
