import type { FetchFunction } from '@ai-sdk/provider-utils';
import type { Dispatcher } from 'undici';
import { loadUndici } from './load-undici';

type EnvProxy = { key: string; dispatcher: Dispatcher; fetch: FetchFunction };

let current: Promise<EnvProxy | undefined> | undefined;
let warned = false;

/**
 * The fetch every request uses when the `fetch` setting is unset (model calls, token
 * refresh, the model catalog, usage). On Node with `HTTPS_PROXY`/`HTTP_PROXY` set, requests
 * go through undici's `EnvHttpProxyAgent`, which also honours `NO_PROXY`: Node's own fetch
 * ignores these variables before Node 24. Everywhere else it is the global fetch.
 */
export const defaultFetch: FetchFunction = async (input, init) => {
  const proxy = await envProxy();
  return (proxy?.fetch ?? globalThis.fetch)(input, init);
};

/** The proxy agent for WebSocket upgrades, or `undefined` when no proxy variable is set. */
export async function envProxyDispatcher(): Promise<Dispatcher | undefined> {
  return (await envProxy())?.dispatcher;
}

/** undici's fetch and an agent for the proxy variables, made once per distinct set. */
async function envProxy(): Promise<EnvProxy | undefined> {
  const key = proxyEnvKey();
  if (key === undefined) return undefined;
  let proxy = await current;
  if (proxy?.key !== key) {
    current = createEnvProxy(key);
    proxy = await current;
  }
  return proxy;
}

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

async function createEnvProxy(key: string): Promise<EnvProxy | undefined> {
  try {
    const undici = await loadUndici();
    const dispatcher = new undici.EnvHttpProxyAgent();
    // undici's own fetch: a dispatcher from the undici package is not guaranteed to fit the
    // (older) undici inside Node's global fetch.
    const fetch = ((input, init) =>
      undici.fetch(input as string, { ...(init as object), dispatcher })) as FetchFunction;
    return { key, dispatcher, fetch };
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
