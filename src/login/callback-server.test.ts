import { createServer, get, type Server } from 'node:http';
import { connect, type AddressInfo } from 'node:net';
import { networkInterfaces } from 'node:os';
import { afterEach, describe, expect, it } from 'vitest';
import { CodexLoginError } from './login-error';
import { startCallbackServer, type CallbackServer } from './callback-server';

const cleanup: Array<() => Promise<void>> = [];
afterEach(async () => {
  while (cleanup.length > 0) await cleanup.pop()!();
});

async function start(options: Parameters<typeof startCallbackServer>[0]): Promise<CallbackServer> {
  const server = await startCallbackServer(options);
  cleanup.push(() => server.close());
  return server;
}

/** A port held by another listener, as when `codex login` is still running. */
async function takenPort(): Promise<number> {
  const blocker: Server = createServer();
  await new Promise<void>(resolve => blocker.listen(0, '127.0.0.1', resolve));
  cleanup.push(() => new Promise(resolve => blocker.close(() => resolve())));
  return (blocker.address() as AddressInfo).port;
}

async function freePort(): Promise<number> {
  const probe = createServer();
  await new Promise<void>(resolve => probe.listen(0, '127.0.0.1', resolve));
  const { port } = probe.address() as AddressInfo;
  await new Promise(resolve => probe.close(resolve));
  return port;
}

const ok = async () => ({ status: 200, html: '<p>done</p>' });

describe('startCallbackServer', () => {
  it('answers GET /auth/callback with the page, uncached, framed by a strict CSP and no referrer', async () => {
    const seen: string[] = [];
    const server = await start({
      port: 0,
      onCallback: async params => {
        seen.push(params.toString());
        return { status: 201, html: '<p>hello</p>' };
      },
    });
    expect(server.redirectUri).toBe(`http://localhost:${server.port}/auth/callback`);
    const response = await fetch(`http://127.0.0.1:${server.port}/auth/callback?code=c&state=s`);
    expect(response.status).toBe(201);
    expect(await response.text()).toBe('<p>hello</p>');
    expect(Object.fromEntries(response.headers)).toMatchObject({
      'cache-control': 'no-store',
      'referrer-policy': 'no-referrer',
      'content-type': 'text/html; charset=utf-8',
      'content-security-policy': "default-src 'none'; style-src 'unsafe-inline'",
    });
    expect(seen).toEqual(['code=c&state=s']);
  });

  it('listens on 127.0.0.1 only: no other address of this machine reaches the callback', async () => {
    const server = await start({ port: 0, onCallback: ok });
    // every address of every interface (link-local ones need a scope, so they are left out)
    const others = Object.values(networkInterfaces())
      .flatMap(nics => nics ?? [])
      .map(nic => nic.address)
      .filter(address => address !== '127.0.0.1' && !address.startsWith('fe80:'));
    for (const address of others) {
      const outcome = await new Promise<string>(resolve => {
        const socket = connect(server.port, address);
        socket.once('connect', () => {
          socket.destroy();
          resolve('connected');
        });
        socket.once('error', (error: NodeJS.ErrnoException) => resolve(error.code ?? 'error'));
      });
      expect({ address, outcome }).not.toEqual({ address, outcome: 'connected' });
    }
  });

  it('tells the browser not to keep the connection: the server goes away after the sign-in', async () => {
    const server = await start({ port: 0, onCallback: ok });
    for (const path of ['/auth/callback?code=c', '/favicon.ico']) {
      const connection = await new Promise<string | undefined>((resolve, reject) => {
        get(`http://127.0.0.1:${server.port}${path}`, res => {
          res.resume();
          resolve(res.headers.connection);
        }).on('error', reject);
      });
      expect(connection).toBe('close');
    }
  });

  it('any other path or method is a plain 404 that never reaches the sign-in', async () => {
    const seen: string[] = [];
    const server = await start({
      port: 0,
      onCallback: async params => {
        seen.push(params.toString());
        return ok();
      },
    });
    const base = `http://127.0.0.1:${server.port}`;
    const other = await fetch(`${base}/favicon.ico`);
    expect(other.status).toBe(404);
    expect(await other.text()).toBe('Not found');
    expect(other.headers.get('content-type')).toBe('text/plain; charset=utf-8');
    expect(other.headers.get('referrer-policy')).toBe('no-referrer');
    const post = await fetch(`${base}/auth/callback?code=c`, { method: 'POST' });
    expect(post.status).toBe(404);
    await post.text();
    expect(seen).toEqual([]);
  });

  it('a handler that throws gives an empty 500, not a hung browser tab', async () => {
    const server = await start({ port: 0, onCallback: () => Promise.reject(new Error('boom')) });
    const response = await fetch(`http://127.0.0.1:${server.port}/auth/callback`);
    expect(response.status).toBe(500);
    expect(await response.text()).toBe('');
    expect(response.headers.get('cache-control')).toBe('no-store');
  });

  it('uses the fallback port when the first one is taken', async () => {
    const taken = await takenPort();
    const fallback = await freePort();
    const server = await start({ port: taken, fallbackPort: fallback, onCallback: ok });
    expect(server.port).toBe(fallback);
    expect(server.redirectUri).toBe(`http://localhost:${fallback}/auth/callback`);
  });

  it('names both ports when the fallback is taken too, and says what to do', async () => {
    const taken = await takenPort();
    const alsoTaken = await takenPort();
    const error = await startCallbackServer({
      port: taken,
      fallbackPort: alsoTaken,
      onCallback: ok,
    }).catch(e => e);
    expect(error).toBeInstanceOf(CodexLoginError);
    expect(error.reason).toBe('port_in_use');
    expect(error.message).toContain(
      `Ports ${taken} and ${alsoTaken} are already in use on localhost`,
    );
    expect(error.message).toContain('`codex login`');
    expect(error.message).toContain('--port N');
  });

  it('names the one port when there is no fallback', async () => {
    const taken = await takenPort();
    const error = await startCallbackServer({ port: taken, onCallback: ok }).catch(e => e);
    expect(error).toMatchObject({ reason: 'port_in_use' });
    expect(error.message).toMatch(new RegExp(`^Port ${taken} is already in use`));
  });

  it('a failure other than a taken port is passed on as it is, without trying the fallback', async () => {
    const fallback = await freePort();
    const error = await startCallbackServer({
      port: 70_000,
      fallbackPort: fallback,
      onCallback: ok,
    }).catch(e => e);
    expect(error).not.toBeInstanceOf(CodexLoginError);
    expect(error.code).toBe('ERR_SOCKET_BAD_PORT');
    // the fallback was not taken by us
    const probe = createServer();
    await new Promise<void>(resolve => probe.listen(fallback, '127.0.0.1', resolve));
    await new Promise(resolve => probe.close(resolve));
  });

  it('closing waits for a reply still being written, so the browser gets its page', async () => {
    let release!: () => void;
    let arrived!: () => void;
    const called = new Promise<void>(resolve => (arrived = resolve));
    const server = await startCallbackServer({
      port: 0,
      onCallback: () =>
        new Promise(resolve => {
          release = () => resolve({ status: 200, html: 'late page' });
          arrived();
        }),
    });
    const answer = fetch(`http://127.0.0.1:${server.port}/auth/callback?code=c`);
    // the callback is being answered, however long the request took to arrive
    await called;
    let closed = false;
    const closing = server.close().then(() => (closed = true));
    await new Promise(resolve => setTimeout(resolve, 50));
    expect(closed).toBe(false);
    release();
    const response = await answer;
    expect(await response.text()).toBe('late page');
    await closing;
    await expect(fetch(`http://127.0.0.1:${server.port}/auth/callback`)).rejects.toThrow();
  });

  it('closing does not wait for an idle connection a browser opened ahead', async () => {
    const server = await startCallbackServer({ port: 0, onCallback: ok });
    const socket = connect(server.port, '127.0.0.1');
    await new Promise<void>(resolve => socket.once('connect', () => resolve()));
    const closedEarly = await Promise.race([
      server.close().then(() => true),
      new Promise(resolve => setTimeout(() => resolve(false), 1000)),
    ]);
    socket.destroy();
    expect(closedEarly).toBe(true);
  });

  it('refuses a request whose Host is not localhost or 127.0.0.1 with its port (DNS rebinding)', async () => {
    const seen: string[] = [];
    const warnings: string[] = [];
    const server = await start({
      port: 0,
      onCallback: async params => {
        seen.push(params.toString());
        return ok();
      },
      onWarning: message => void warnings.push(message),
    });
    const request = (host: string | undefined, path = '/auth/callback?code=c&state=s') =>
      new Promise<{ status: number | undefined; body: string }>((resolve, reject) => {
        const req = get(
          {
            host: '127.0.0.1',
            port: server.port,
            path,
            setHost: host !== undefined,
            headers: host != null ? { host } : {},
          },
          res => {
            let body = '';
            res.on('data', chunk => (body += chunk));
            res.on('end', () => resolve({ status: res.statusCode, body }));
          },
        );
        req.on('error', reject);
      });
    for (const host of [
      `evil.example:${server.port}`,
      `localhost.evil.example:${server.port}`,
      `127.0.0.1:${server.port + 1}`,
      'localhost',
      `localhost:${server.port}.evil.example`,
    ]) {
      expect(await request(host)).toEqual({ status: 421, body: 'Misdirected request' });
    }
    expect(await request(`evil.example:${server.port}`, '/favicon.ico')).toEqual({
      status: 421,
      body: 'Misdirected request',
    });
    expect(seen).toEqual([]);
    expect(warnings).toHaveLength(6);
    expect(new Set(warnings)).toEqual(
      new Set([
        `Refused a request to the sign-in callback for another host (not localhost:${server.port}): possibly a web page trying to reach it (DNS rebinding). Still waiting for the sign-in started here.`,
      ]),
    );
    for (const host of [
      `localhost:${server.port}`,
      `LocalHost:${server.port}`,
      `127.0.0.1:${server.port}`,
    ]) {
      expect((await request(host)).status).toBe(200);
    }
    expect(seen).toHaveLength(3);
  });

  it('closes a connection that sends nothing, or its request too slowly', async () => {
    const server = await start({ port: 0, onCallback: ok, idleTimeoutMs: 300 });
    const closedAfter = (send: (socket: ReturnType<typeof connect>) => void) =>
      new Promise<number>(resolve => {
        const started = Date.now();
        const socket = connect(server.port, '127.0.0.1');
        socket.on('error', () => {});
        socket.on('data', () => {});
        socket.once('connect', () => send(socket));
        socket.once('close', () => resolve(Date.now() - started));
      });
    expect(await closedAfter(() => {})).toBeLessThan(2_000);
    // a byte every 100 ms keeps the socket busy, but the request never completes
    const trickled = await closedAfter(socket => {
      socket.write('GET /auth/callback?code=c HTTP/1.1\r\n');
      const timer = setInterval(() => socket.write('X'), 100);
      socket.once('close', () => clearInterval(timer));
    });
    expect(trickled).toBeLessThan(3_000);
  });

  it('a reply that takes longer than the idle timeout (a slow token exchange) still reaches the browser', async () => {
    const server = await start({
      port: 0,
      idleTimeoutMs: 200,
      onCallback: () =>
        new Promise(resolve => setTimeout(() => resolve({ status: 200, html: 'slow page' }), 800)),
    });
    const response = await fetch(`http://127.0.0.1:${server.port}/auth/callback?code=c`);
    expect(await response.text()).toBe('slow page');
  });
});
