import type { FetchFunction } from '@ai-sdk/provider-utils';
import type { defaultFetch as nodeDefaultFetch } from './default-fetch';

// The browser and edge build's `default-fetch`: the proxy variables are Node's business (the
// runtime's own fetch is all there is here).

export const defaultFetch: typeof nodeDefaultFetch = ((input, init) =>
  globalThis.fetch(input, init)) satisfies FetchFunction;
