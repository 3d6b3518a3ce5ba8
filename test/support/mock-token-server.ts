import { createServer, type IncomingMessage } from 'node:http';
import type { AddressInfo } from 'node:net';
import { makeJwt, nowSeconds } from './jwt';

/**
 * A loopback stand-in for `POST https://auth.openai.com/oauth/token`. Refresh tokens
 * rotate like the real ones: each is good once, a second use gets `refresh_token_reused`.
 */
export type MockTokenServer = {
  tokenURL: string;
  requests: Array<{ body: any }>;
  /** Refresh tokens the server will honour (once each). */
  validRefreshTokens: Set<string>;
  /** Answer the next requests with these instead (status + JSON body, extra headers). */
  enqueue: (...answers: ScriptedAnswer[]) => void;
  /** Delay every successful answer (to widen race windows). */
  delayMs: number;
  /** Access tokens issued so far. */
  issued: string[];
  close: () => Promise<void>;
};

type ScriptedAnswer = {
  status: number;
  body: unknown;
  delayMs?: number;
  headers?: Record<string, string>;
};

export async function startMockTokenServer({
  accountId = 'acct_refreshed',
  lifetimeSeconds = 3600,
}: { accountId?: string; lifetimeSeconds?: number } = {}): Promise<MockTokenServer> {
  const queue: ScriptedAnswer[] = [];
  let n = 0;
  const server = createServer(async (req, res) => {
    const body = JSON.parse((await read(req)) || '{}');
    state.requests.push({ body });
    const reply = (status: number, payload: unknown, headers: Record<string, string> = {}) => {
      res.writeHead(status, { 'content-type': 'application/json', ...headers });
      res.end(JSON.stringify(payload));
    };
    const scripted = queue.shift();
    if (scripted != null) {
      if (scripted.delayMs) await sleep(scripted.delayMs);
      return reply(scripted.status, scripted.body, scripted.headers);
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
    });
    const refresh = `rt-SECRET-rotated-${n}`;
    state.validRefreshTokens.add(refresh);
    state.issued.push(access);
    reply(200, {
      access_token: access,
      id_token: makeJwt({ exp: nowSeconds() + lifetimeSeconds, accountId, marker: `id-${n}` }),
      refresh_token: refresh,
    });
  });
  await new Promise<void>(resolve => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  const state: MockTokenServer = {
    tokenURL: `http://127.0.0.1:${port}/oauth/token`,
    requests: [],
    validRefreshTokens: new Set(),
    enqueue: (...answers) => queue.push(...answers),
    delayMs: 0,
    issued: [],
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
