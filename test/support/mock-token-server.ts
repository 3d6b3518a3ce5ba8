import { createServer, type IncomingHttpHeaders, type IncomingMessage } from 'node:http';
import type { AddressInfo } from 'node:net';
import { makeJwt, nowSeconds } from './jwt';

/**
 * A loopback stand-in for `POST https://auth.openai.com/oauth/token`. Refresh tokens
 * rotate like the real ones: each is good once, a second use gets `refresh_token_reused`.
 */
export type MockTokenServer = {
  tokenURL: string;
  requests: Array<{ body: any }>;
  /** The headers of each request, in the same order. */
  requestHeaders: IncomingHttpHeaders[];
  /** Refresh tokens the server will honour (once each). */
  validRefreshTokens: Set<string>;
  /** Answer the next requests with these instead (status + JSON body, extra headers). */
  enqueue: (...answers: ScriptedAnswer[]) => void;
  /** Delay every successful answer (to widen race windows). */
  delayMs: number;
  /** Access tokens issued so far. */
  issued: string[];
  /** The `iss` of the tokens it issues: its own origin unless a test says otherwise. */
  iss: string;
  close: () => Promise<void>;
};

type ScriptedAnswer = {
  status: number;
  body?: unknown;
  /** Sent as is instead of `body` as JSON (an HTML error page, a torn answer). */
  rawBody?: string;
  delayMs?: number;
  headers?: Record<string, string>;
  /** Send the status and headers at once, the body this much later. */
  bodyDelayMs?: number;
  /** Send half the body, then drop the connection. */
  cutBody?: boolean;
};

export async function startMockTokenServer({
  accountId = 'acct_refreshed',
  lifetimeSeconds = 3600,
}: { accountId?: string; lifetimeSeconds?: number } = {}): Promise<MockTokenServer> {
  const queue: ScriptedAnswer[] = [];
  let n = 0;
  const server = createServer(async (req, res) => {
    const text = await read(req);
    // A JSON body the way a real OAuth endpoint takes it: declared, or refused.
    const isJson = req.headers['content-type']?.split(';')[0]?.trim() === 'application/json';
    const body = isJson ? JSON.parse(text || '{}') : {};
    state.requests.push({ body });
    state.requestHeaders.push(req.headers);
    const reply = (status: number, payload: unknown, headers: Record<string, string> = {}) => {
      res.writeHead(status, { 'content-type': 'application/json', ...headers });
      res.end(JSON.stringify(payload));
    };
    const scripted = queue.shift();
    if (scripted != null) {
      if (scripted.delayMs) await sleep(scripted.delayMs);
      if (scripted.rawBody == null && !scripted.bodyDelayMs && !scripted.cutBody) {
        return reply(scripted.status, scripted.body, scripted.headers);
      }
      const raw = scripted.rawBody ?? JSON.stringify(scripted.body);
      res.writeHead(scripted.status, {
        'content-type': scripted.rawBody == null ? 'application/json' : 'text/html',
        'content-length': String(Buffer.byteLength(raw)),
        ...scripted.headers,
      });
      res.flushHeaders();
      if (scripted.cutBody) {
        res.write(raw.slice(0, raw.length >> 1));
        return setTimeout(() => res.destroy(), 20);
      }
      if (scripted.bodyDelayMs) await sleep(scripted.bodyDelayMs);
      return res.end(raw);
    }
    if (!isJson) {
      return reply(415, { error: { code: 'unsupported_media_type', message: 'send JSON' } });
    }
    if (body.grant_type !== 'refresh_token' || body.client_id !== 'app_EMoamEEZ73f0CkXaXp7hrann') {
      return reply(400, { error: { code: 'invalid_request', message: 'bad grant or client' } });
    }
    if (!state.validRefreshTokens.delete(body.refresh_token)) {
      return reply(401, {
        error: {
          code: 'refresh_token_reused',
          message:
            'Your refresh token has already been used to generate a new access token. Please try signing in again.',
        },
      });
    }
    if (state.delayMs) await sleep(state.delayMs);
    n++;
    const access = makeJwt({
      exp: nowSeconds() + lifetimeSeconds,
      accountId,
      marker: `refreshed-${n}`,
      claims: { iss: state.iss },
    });
    const refresh = `rt-SECRET-rotated-${n}`;
    state.validRefreshTokens.add(refresh);
    state.issued.push(access);
    reply(200, {
      access_token: access,
      id_token: makeJwt({
        exp: nowSeconds() + lifetimeSeconds,
        accountId,
        marker: `id-${n}`,
        claims: { iss: state.iss },
      }),
      refresh_token: refresh,
    });
  });
  await new Promise<void>(resolve => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  const state: MockTokenServer = {
    tokenURL: `http://127.0.0.1:${port}/oauth/token`,
    requests: [],
    requestHeaders: [],
    validRefreshTokens: new Set(),
    enqueue: (...answers) => queue.push(...answers),
    delayMs: 0,
    issued: [],
    iss: `http://127.0.0.1:${port}`,
    close: () =>
      new Promise<void>(resolve => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
  return state;
}

function read(req: IncomingMessage): Promise<string> {
  return new Promise((resolve, reject) => {
    let data = '';
    req.on('data', c => (data += c));
    req.on('end', () => resolve(data));
    req.on('error', reject);
  });
}

const sleep = (ms: number) => new Promise(r => setTimeout(r, ms));
