import { createHash, randomBytes } from 'node:crypto';
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { makeJwt, nowSeconds } from './jwt';

/**
 * A loopback stand-in for `https://auth.openai.com`: the browser sign-in
 * (`/oauth/authorize` → redirect with `code` + `state`, `/oauth/token` checking the PKCE
 * verifier against the challenge), the device-code endpoints, refresh and revocation.
 * Every token it issues contains "SECRET", so the no-secrets check catches any leak; its
 * id and access tokens name it as their issuer (`iss`), as OpenAI's do.
 */
export type MockIssuer = {
  issuer: string;
  /** The answer `/oauth/authorize` gives: approve (default), or deny like a refused login. */
  decision: 'approve' | 'deny' | 'deny-entitlement';
  /** Device codes answer "pending" (403) this many times before approval. */
  devicePendingPolls: number;
  /** The first polls answer 429 `slow_down` this many times (a throttling issuer). */
  deviceSlowDowns: number;
  /** Polls answer "pending" forever (the user never approves). */
  deviceNeverApproved: boolean;
  /** `interval` sent with a device code, as the server sends it (a string of seconds). */
  deviceInterval: string;
  /** The user code it hands out instead of `ABCD-<n>` (a hostile issuer's, say). */
  deviceUserCode: string | undefined;
  /** Whether device-code sign-in is offered at all (404 otherwise). */
  deviceEnabled: boolean;
  /** When set, `/oauth/token` answers 307 to this URL (a hijacked or misconfigured issuer). */
  tokenRedirect: string | undefined;
  /** Claims of the id token it issues. */
  account: { email?: string; plan?: string; accountId: string };
  requests: Array<{ method: string; path: string; body: Record<string, string> }>;
  /** Each `/oauth/token` exchange: did the verifier match the challenge? */
  exchanges: Array<{ redirectUri: string; pkceOk: boolean }>;
  /** Device-code polls answered, by time. */
  devicePolls: number[];
  revoked: string[];
  /** Tokens issued by the last successful exchange. */
  issued: Array<{ id_token: string; access_token: string; refresh_token: string }>;
  close: () => Promise<void>;
};

const CLIENT_ID = 'app_EMoamEEZ73f0CkXaXp7hrann';

export async function startMockIssuer(): Promise<MockIssuer> {
  // authorization code → what it was issued for
  const codes = new Map<string, { challenge: string; redirectUri: string }>();
  const devices = new Map<string, { userCode: string; polls: number }>();
  let counter = 0;

  const server = createServer(async (req, res) => {
    const url = new URL(req.url ?? '/', 'http://issuer');
    const body = await readBody(req);
    state.requests.push({ method: req.method ?? '', path: url.pathname, body });
    const route = `${req.method} ${url.pathname}`;

    if (route === 'GET /oauth/authorize') {
      const q = url.searchParams;
      const redirectUri = q.get('redirect_uri') ?? '';
      const problems = [
        q.get('response_type') !== 'code' && 'response_type',
        q.get('client_id') !== CLIENT_ID && 'client_id',
        !/^http:\/\/localhost:\d+\/auth\/callback$/.test(redirectUri) && 'redirect_uri',
        q.get('code_challenge_method') !== 'S256' && 'code_challenge_method',
        !/^[A-Za-z0-9_-]{43}$/.test(q.get('code_challenge') ?? '') && 'code_challenge',
        !(q.get('scope') ?? '').split(' ').includes('offline_access') && 'scope',
        !q.get('state') && 'state',
      ].filter(Boolean);
      if (problems.length > 0) return json(res, 400, { error: 'invalid_request', problems });
      const target = new URL(redirectUri);
      if (state.decision === 'approve') {
        const code = `ac-SECRET-${++counter}-${randomBytes(4).toString('hex')}`;
        codes.set(code, { challenge: q.get('code_challenge')!, redirectUri });
        target.searchParams.set('code', code);
      } else {
        target.searchParams.set('error', 'access_denied');
        target.searchParams.set(
          'error_description',
          state.decision === 'deny-entitlement'
            ? 'missing_codex_entitlement'
            : 'The user denied the request',
        );
      }
      target.searchParams.set('state', q.get('state')!);
      res.writeHead(302, { location: target.toString() });
      return res.end();
    }

    if (route === 'POST /oauth/token') {
      if (state.tokenRedirect != null) {
        res.writeHead(307, { location: state.tokenRedirect });
        return res.end();
      }
      if (body.grant_type === 'refresh_token') {
        return json(res, 200, issueTokens());
      }
      const issued = codes.get(body.code ?? '');
      if (body.grant_type !== 'authorization_code' || body.client_id !== CLIENT_ID || !issued) {
        return json(res, 400, { error: 'invalid_grant', error_description: 'Unknown code' });
      }
      codes.delete(body.code!);
      const pkceOk =
        createHash('sha256')
          .update(body.code_verifier ?? '')
          .digest('base64url') === issued.challenge;
      state.exchanges.push({ redirectUri: body.redirect_uri ?? '', pkceOk });
      if (!pkceOk) {
        return json(res, 400, {
          error: 'invalid_grant',
          error_description: 'PKCE verification failed',
        });
      }
      if (body.redirect_uri !== issued.redirectUri) {
        return json(res, 400, { error: 'invalid_grant', error_description: 'redirect_uri' });
      }
      return json(res, 200, issueTokens());
    }

    if (route === 'POST /oauth/revoke') {
      state.revoked.push(body.token ?? '');
      return json(res, 200, {});
    }

    if (route === 'POST /api/accounts/deviceauth/usercode') {
      if (!state.deviceEnabled) return json(res, 404, { detail: 'Not Found' });
      if (body.client_id !== CLIENT_ID) return json(res, 400, { error: 'invalid_client' });
      const id = `deviceauth_${++counter}`;
      const userCode = state.deviceUserCode ?? `ABCD-${1000 + counter}`;
      devices.set(id, { userCode, polls: 0 });
      return json(res, 200, {
        device_auth_id: id,
        user_code: userCode,
        interval: state.deviceInterval,
      });
    }

    if (route === 'POST /api/accounts/deviceauth/token') {
      const device = devices.get(body.device_auth_id ?? '');
      if (device == null || device.userCode !== body.user_code) {
        return json(res, 400, { error: 'invalid_request' });
      }
      state.devicePolls.push(Date.now());
      if (state.deviceSlowDowns > 0) {
        state.deviceSlowDowns--;
        return json(res, 429, { error: 'slow_down' });
      }
      if (state.deviceNeverApproved || device.polls++ < state.devicePendingPolls) {
        return json(res, 403, { error: 'authorization_pending' });
      }
      devices.delete(body.device_auth_id!);
      const verifier = randomBytes(32).toString('base64url');
      const challenge = createHash('sha256').update(verifier).digest('base64url');
      const code = `ac-SECRET-device-${++counter}`;
      codes.set(code, { challenge, redirectUri: `${state.issuer}/deviceauth/callback` });
      return json(res, 200, {
        authorization_code: code,
        code_challenge: challenge,
        code_verifier: verifier,
      });
    }

    json(res, 404, { detail: 'Not Found' });
  });

  function issueTokens() {
    const n = ++counter;
    const { email, plan, accountId } = state.account;
    const auth = { chatgpt_account_id: accountId, chatgpt_plan_type: plan };
    const tokens = {
      id_token: makeJwt({
        exp: nowSeconds() + 3600,
        marker: `id-${n}`,
        claims: { iss: state.issuer, email, 'https://api.openai.com/auth': auth },
      }),
      access_token: makeJwt({
        exp: nowSeconds() + 3600,
        marker: `access-${n}`,
        claims: { iss: state.issuer, 'https://api.openai.com/auth': auth },
      }),
      // unique across issuers too: two mock issuers count alike
      refresh_token: `rt-SECRET-login-${n}-${randomBytes(4).toString('hex')}`,
    };
    state.issued.push(tokens);
    return tokens;
  }

  await new Promise<void>(resolve => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  const state: MockIssuer = {
    issuer: `http://127.0.0.1:${port}`,
    decision: 'approve',
    devicePendingPolls: 0,
    deviceSlowDowns: 0,
    deviceNeverApproved: false,
    deviceInterval: '0.02',
    deviceUserCode: undefined,
    deviceEnabled: true,
    tokenRedirect: undefined,
    account: { email: 'ada@example.com', plan: 'plus', accountId: 'acct_login' },
    requests: [],
    exchanges: [],
    devicePolls: [],
    revoked: [],
    issued: [],
    close: () =>
      new Promise<void>(resolve => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
  return state;
}

async function readBody(req: IncomingMessage): Promise<Record<string, string>> {
  const chunks: Buffer[] = [];
  for await (const chunk of req) chunks.push(chunk as Buffer);
  const text = Buffer.concat(chunks).toString('utf8');
  if (text === '') return {};
  if ((req.headers['content-type'] ?? '').includes('application/x-www-form-urlencoded')) {
    return Object.fromEntries(new URLSearchParams(text));
  }
  try {
    return JSON.parse(text);
  } catch {
    return {};
  }
}

function json(res: ServerResponse, status: number, body: unknown) {
  res.writeHead(status, { 'content-type': 'application/json' });
  res.end(JSON.stringify(body));
}
