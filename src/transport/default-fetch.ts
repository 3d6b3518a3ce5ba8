import type { FetchFunction } from '@ai-sdk/provider-utils';

type ProxyFetch = { key: string; fetch: FetchFunction };

let proxied: Promise<ProxyFetch | undefined> | undefined;
let warned = false;

// A variable, not a literal: bundlers must not pull undici (Node-only) into browser and
// edge bundles, where this code never runs.
const UNDICI = 'undici';

/**
 * The fetch every request uses when the `fetch` setting is unset (model calls, token
 * refresh, the model catalog). On Node with `HTTPS_PROXY`/`HTTP_PROXY` set, requests go
 * through undici's `EnvHttpProxyAgent`, which also honours `NO_PROXY`: Node's own fetch
 * ignores these variables before Node 24. Everywhere else it is the global fetch.
 */
export const defaultFetch: FetchFunction = async (input, init) => {
  const key = proxyEnvKey();
  const proxy = key === undefined ? undefined : await proxyFetch(key);
  return (proxy ?? globalThis.fetch)(input, init);
};

/**
 * The proxy variables as one string, or `undefined` when none is set or off Node: Bun and
 * Deno pose as Node but their fetch honours the variables itself, and edge runtimes with a
 * Node compatibility layer have no undici.
 */
function proxyEnvKey(): string | undefined {
  const runtime = (globalThis as { process?: NodeJS.Process }).process;
  if (
    runtime?.release?.name !== 'node' ||
    runtime.versions?.bun != null ||
    runtime.versions?.deno != null ||
    runtime.title === 'workerd' ||
    (globalThis as { EdgeRuntime?: unknown }).EdgeRuntime != null
  ) {
    return undefined;
  }
  const env = runtime.env;
  const https = env.https_proxy ?? env.HTTPS_PROXY;
  const http = env.http_proxy ?? env.HTTP_PROXY;
  if (!https && !http) return undefined;
  return [https, http, env.no_proxy ?? env.NO_PROXY].join('\n');
}

/** undici's fetch with an agent for these proxy variables, made once per distinct set. */
async function proxyFetch(key: string): Promise<FetchFunction | undefined> {
  let current = await proxied;
  if (current?.key !== key) {
    proxied = createProxyFetch(key);
    current = await proxied;
  }
  return current?.fetch;
}

async function createProxyFetch(key: string): Promise<ProxyFetch | undefined> {
  try {
    const undici = (await import(/* webpackIgnore: true */ /* @vite-ignore */ UNDICI)) as {
      EnvHttpProxyAgent: new () => object;
      fetch: (input: unknown, init: object) => Promise<Response>;
    };
    // undici's own fetch: a dispatcher from the undici package is not guaranteed to fit the
    // (older) undici inside Node's global fetch.
    const dispatcher = new undici.EnvHttpProxyAgent();
    const fetch: FetchFunction = (input, init) => undici.fetch(input, { ...init, dispatcher });
    return { key, fetch };
  } catch (error) {
    if (!warned) {
      warned = true;
      console.warn(
        `ai-sdk-provider-codex: HTTPS_PROXY/HTTP_PROXY is set, but the undici package could not be loaded (${String(error)}), so requests do not use the proxy. Install undici, or pass your own \`fetch\` to createCodex().`,
      );
    }
    return undefined;
  }
}
