import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { defaultFetch } from './default-fetch.edge';

// The browser and edge build's default fetch: the runtime's own, whatever the proxy variables
// say (they are Node's business).

afterEach(() => vi.unstubAllEnvs());

describe('defaultFetch of the edge build', () => {
  it('is the global fetch, even with a proxy variable set', async () => {
    const server = createServer((req, res) => res.end(`${req.method} ${req.url}`));
    await new Promise<void>(r => server.listen(0, '127.0.0.1', r));
    // a proxy nothing listens on: used, it would fail
    vi.stubEnv('HTTP_PROXY', 'http://127.0.0.1:9');
    try {
      const { port } = server.address() as AddressInfo;
      const response = await defaultFetch(`http://127.0.0.1:${port}/responses`, {
        method: 'POST',
      });
      expect(await response.text()).toBe('POST /responses');
    } finally {
      await new Promise(r => server.close(r));
    }
  });
});
