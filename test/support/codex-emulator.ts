import { isStrictJsonSchema } from '../../src/request/is-strict-json-schema';
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import { gunzipSync } from 'node:zlib';
import { decompress as zstdDecompress } from 'fzstd';
import type { AddressInfo, Socket } from 'node:net';
import {
  loadFixture,
  responseEvents,
  toSSE,
  type CodexEvent,
  type OutputSpec,
} from './codex-events';
import { attachCodexWebSocket, type EmulatorWebSocket } from './codex-emulator-websocket';
import { backendCallId, backendId, ITEM_ID_PREFIX } from './backend-ids';
import {
  callsInTurn,
  checkCompaction,
  compactionResponse,
  isCompactionRequest,
} from './codex-emulator-compaction';
import {
  calledToolKey,
  checkToolItem,
  describeToolOutput,
  imageResponse,
  imageRouteOf,
  invalidRequest,
  providerToolOutput,
  toolKey,
  validateImageRequest,
  validateProviderTool,
  type CallKind,
} from './codex-emulator-tools';

/**
 * A loopback stand-in for the Codex backend (`POST {base}/responses`, the image endpoints
 * `POST {base}/images/generations|edits`). It checks requests the way the real backend
 * does (store, stream, `Content-Encoding`, unsupported parameters, tool-output pairing,
 * models) and answers with scripted scenarios, recording every request. Where the
 * official client's recorded requests (test/fixtures/parity/) show the backend taking
 * something, it takes it too: no `instructions`, replayed item ids, zstd bodies. Nothing
 * here reaches the network.
 */

export const EMULATOR_BASE_PATH = '/backend-api/codex';

/** One model of the emulator's catalog: its name, the efforts it takes, its context window. */
export type EmulatorModel = { name: string; levels: string[]; context: number };

// The backend's catalog as the emulator plays it: slug → reasoning levels it accepts.
const CATALOG: Record<string, EmulatorModel> = {
  'gpt-5.5': {
    name: 'GPT-5.5',
    levels: ['none', 'low', 'medium', 'high', 'xhigh'],
    context: 400_000,
  },
  'gpt-5.4': {
    name: 'GPT-5.4',
    levels: ['none', 'low', 'medium', 'high', 'xhigh'],
    context: 400_000,
  },
  'gpt-5.4-mini': {
    name: 'GPT-5.4 mini',
    levels: ['none', 'low', 'medium', 'high', 'xhigh'],
    context: 400_000,
  },
  'gpt-5.3-codex': {
    name: 'GPT-5.3 Codex',
    levels: ['low', 'medium', 'high', 'xhigh'],
    context: 400_000,
  },
  'gpt-5.2': {
    name: 'GPT-5.2',
    levels: ['none', 'low', 'medium', 'high', 'xhigh'],
    context: 400_000,
  },
  'gpt-5.1-codex': { name: 'GPT-5.1 Codex', levels: ['low', 'medium', 'high'], context: 400_000 },
  'gpt-5.1-codex-max': {
    name: 'GPT-5.1 Codex Max',
    levels: ['low', 'medium', 'high', 'xhigh'],
    context: 400_000,
  },
  'gpt-5.1-codex-mini': {
    name: 'GPT-5.1 Codex mini',
    levels: ['medium', 'high'],
    context: 400_000,
  },
  'gpt-5-codex': { name: 'GPT-5 Codex', levels: ['low', 'medium', 'high'], context: 272_000 },
  'gpt-5': { name: 'GPT-5', levels: ['minimal', 'low', 'medium', 'high'], context: 272_000 },
  'codex-mini-latest': { name: 'codex-mini', levels: ['low', 'medium', 'high'], context: 200_000 },
};

export const KNOWN_MODELS = Object.keys(CATALOG);

/** A fresh copy of the default catalog, for a test to change (`emulator.catalog`). */
export function defaultCatalog(): Record<string, EmulatorModel> {
  return Object.fromEntries(
    Object.entries(CATALOG).map(([slug, m]) => [slug, { ...m, levels: [...m.levels] }]),
  );
}

/** `GET /backend-api/wham/usage`: one level above the Codex base, as on chatgpt.com. */
export const EMULATOR_USAGE_PATH = `${EMULATOR_BASE_PATH.replace(/\/codex$/, '')}/wham/usage`;

/** A `RateLimitStatusPayload` in the shape chatgpt.com sends (a Plus plan, mid-week). */
export function defaultUsagePayload(nowSeconds = Math.floor(Date.now() / 1000)) {
  return {
    plan_type: 'plus',
    rate_limit: {
      allowed: true,
      limit_reached: false,
      primary_window: {
        used_percent: 12,
        limit_window_seconds: 18_000,
        reset_after_seconds: 7_200,
        reset_at: nowSeconds + 7_200,
      },
      secondary_window: {
        used_percent: 40,
        limit_window_seconds: 604_800,
        reset_after_seconds: 259_200,
        reset_at: nowSeconds + 259_200,
      },
    },
    credits: { has_credits: false, unlimited: false, balance: '0' },
  };
}

/**
 * The sampling fields the backend refuses with "Unsupported parameter" (the AI SDK settings
 * `UNSUPPORTED_SETTINGS` lists would be sent as these).
 */
export const UNSUPPORTED_SAMPLING_PARAMS = [
  'max_output_tokens',
  'temperature',
  'top_p',
  'top_k',
  'presence_penalty',
  'frequency_penalty',
  'seed',
  'stop',
];

// and `previous_response_id` over HTTP
const FORBIDDEN_PARAMS = [...UNSUPPORTED_SAMPLING_PARAMS, 'previous_response_id'];

// The tiers the backend takes; others earn 400 "Unsupported service_tier".
const SERVICE_TIERS = ['priority', 'default'];

export { loadFixture };

export type EmulatorScript =
  | {
      kind: 'sse';
      /** Events, a fixture name from test/fixtures (without `.sse`), or a raw SSE body. */
      events?: CodexEvent[];
      fixture?: string;
      raw?: string | Buffer;
      /** Bytes per write; `'random'` varies 1–97 bytes deterministically. Default: whole body. */
      chunkSize?: number | 'random';
      /**
       * WebSocket: send each message as fragments (a text frame and continuation frames) of
       * this many bytes, a multi-byte character split between them. Default: one frame.
       */
      fragmentSize?: number;
      /** Milliseconds to wait between writes. */
      delayMs?: number;
      /**
       * Streams the body like a model generating it: one `*.delta` event every
       * 1000/deltasPerSecond ms (other events go out with the delta that follows them).
       * Overrides `chunkSize`/`delayMs`.
       */
      deltasPerSecond?: number;
      /** Leave the connection open after the body (the backend sometimes does). */
      keepOpen?: boolean;
      /** Destroy the socket after this many body bytes. */
      destroyAfterBytes?: number;
      /** HTTP: end a destroyed connection with a TCP reset (RST) rather than a close (FIN). */
      tcpReset?: boolean;
      /** Drop the connection (HTTP or WebSocket) after this many events. */
      closeAfterEvents?: number;
      /** WebSocket: close with this code (and reason) there instead of dropping the connection. */
      closeCode?: number;
      closeReason?: string;
      headers?: Record<string, string>;
      /** Omit Content-Type, as the backend sometimes does. */
      noContentType?: boolean;
    }
  | { kind: 'http'; status: number; body: unknown; headers?: Record<string, string> }
  | {
      kind: 'reset';
      /** HTTP: a TCP reset (RST) rather than a close (FIN). */
      tcpReset?: boolean;
    };

export type RecordedRequest = {
  /** `Date.now()` when the request arrived. */
  at: number;
  /** `performance.now()` when the request (HTTP head, or WebSocket frame) arrived. */
  receivedAt?: number;
  /** `'WS'` for a `response.create` frame. */
  method: string;
  path: string;
  /** For a frame: the headers of its socket's handshake. */
  headers: IncomingMessage['headers'];
  /** What was sent: the JSON body, or the WebSocket frame. */
  body: any;
  /** Set when the client closed the connection before the answer was complete. */
  closedByClient?: boolean;
  /** Bytes sent: the body, or the frame's payload. */
  bytes?: number;
  transport?: 'websocket';
  /** For a frame: which socket carried it (1-based, in the order sockets opened). */
  socket?: number;
  /** A frame's body with `previous_response_id` resolved into the full input. */
  resolvedBody?: any;
};

export type CodexEmulator = {
  baseURL: string;
  /**
   * Called per valid request (1-based count, its body and headers) before the queue: a
   * script to inject a fault, or undefined for the usual answer. For a WebSocket frame, the
   * body has its full input and the headers are its socket's handshake: enough to aim a
   * fault at one call, or to quote the request as a proxy echoing its headers does.
   */
  inject:
    | ((
        requestNumber: number,
        body: any,
        headers: IncomingMessage['headers'],
      ) => EmulatorScript | undefined)
    | undefined;
  /**
   * How many compaction items the answer to a compaction request holds: 1, as the backend
   * sends; 0 or 2 to see the client refuse the answer.
   */
  compactionItems: number;
  /**
   * How many times the default answer calls each tool in a turn before it sums up (1): a
   * higher count makes a long agent loop of one tool. Calls a compaction summarised count.
   */
  callsPerTool: number;
  /** Which bearer tokens the backend accepts; any by default. Others get 401. */
  acceptToken: (token: string) => boolean;
  /**
   * The models the backend serves: what `GET …/models` lists and what requests are checked
   * against (known model, reasoning effort, context window). Tests may change it.
   */
  catalog: Record<string, EmulatorModel>;
  /** The body `GET …/wham/usage` answers with (a status + body to script a failure). */
  usage: unknown | { status: number; body: unknown };
  requests: RecordedRequest[];
  enqueue: (...scripts: EmulatorScript[]) => void;
  /** Simulated one-way network latency, applied to every request and response. Default 0. */
  latencyMs: number;
  /** Simulated client uplink; request bodies take `bytes / rate` longer to arrive. 0: unlimited. */
  uplinkBytesPerSecond: number;
  /** The WebSocket side: handshakes, injected handshake answers, socket age limit. */
  websocket: EmulatorWebSocket;
  /** CORS preflights answered (only with the `cors` option), in order. */
  preflights: CorsPreflight[];
  close: () => Promise<void>;
};

export type CorsPreflight = {
  path: string;
  origin: string | undefined;
  method: string | undefined;
  /** `Access-Control-Request-Headers`, lower-case, as the browser listed them. */
  headers: string[];
};

/**
 * With the `cors` option: the request headers a browser page may send, i.e. what this
 * package sends. A header missing here fails the page's preflight, as it would at a real
 * CORS gateway that lists its headers; `user-agent` is here although Chromium never sends
 * a page's own (it keeps its own User-Agent).
 */
export const CORS_ALLOWED_HEADERS = [
  'authorization',
  'chatgpt-account-id',
  'originator',
  'session_id',
  'session-id',
  'content-type',
  'content-encoding',
  'accept',
  'user-agent',
  'thread-id',
  'x-client-request-id',
  'x-codex-window-id',
  'x-codex-routing-hint',
  'x-codex-turn-state',
  'x-codex-beta-features',
];

/** With the `cors` option: response headers a page may read (request id, rate limits). */
export const CORS_EXPOSED_HEADERS = [
  'x-request-id',
  'cf-ray',
  'retry-after',
  ...['primary', 'secondary'].flatMap(w =>
    ['used-percent', 'window-minutes', 'reset-at'].map(f => `x-codex-${w}-${f}`),
  ),
  'x-codex-credits-has-credits',
  'x-codex-credits-balance',
  'x-codex-turn-state',
];

export async function startCodexEmulator({
  port = 0,
  log,
  cors = false,
}: {
  port?: number;
  log?: (line: string) => void;
  /**
   * Answer CORS preflights and let any origin read the answers, for a page in a browser
   * calling the emulator from another origin. Off by default: the real backend sends no
   * CORS headers.
   */
  cors?: boolean;
} = {}): Promise<CodexEmulator> {
  const requests: RecordedRequest[] = [];
  const preflights: CorsPreflight[] = [];
  const queue: EmulatorScript[] = [];
  const sockets = new Set<Socket>();
  let counter = 0;
  let valid = 0;
  let turnStates = 0;
  // The backend's sticky routing: a request that carries no turn state gets a new one, one
  // that carries its turn's gets it back (on a WebSocket, in the upgrade's answer).
  const turnStateFor = (headers: IncomingMessage['headers']) => {
    const sent = headers[TURN_STATE];
    return typeof sent === 'string' && sent !== '' ? sent : `ts_emu_${++turnStates}`;
  };

  const server: Server = createServer(async (req, res) => {
    const receivedAt = performance.now();
    if (cors && answerCors(req, res, preflights)) return;
    const wire = await readBody(req);
    const bytes = wire.byteLength;
    const uplink =
      emulator.uplinkBytesPerSecond > 0 ? (bytes / emulator.uplinkBytesPerSecond) * 1000 : 0;
    if (emulator.latencyMs + uplink > 0) await sleep(emulator.latencyMs + uplink);
    const decoded = decodeBody(wire, req.headers['content-encoding']);
    let body: any;
    try {
      body = decoded.text.length > 0 ? JSON.parse(decoded.text) : undefined;
    } catch {
      body = decoded.text;
    }
    const path = (req.url ?? '').split('?')[0]!;
    const record: RecordedRequest = {
      at: Date.now(),
      receivedAt,
      method: req.method ?? '',
      path,
      headers: req.headers,
      body,
      bytes,
    };
    requests.push(record);
    res.on('close', () => {
      if (!res.writableFinished && !destroyedByEmulator.has(req.socket))
        record.closedByClient = true;
    });
    log?.(`${req.method} ${path}`);

    if (req.method === 'GET' && path === `${EMULATOR_BASE_PATH}/models`) {
      const bearer = /^Bearer (\S+)$/.exec(req.headers.authorization ?? '')?.[1];
      if (bearer == null || !emulator.acceptToken(bearer)) {
        return json(res, 401, { detail: 'Unauthorized' });
      }
      return json(res, 200, {
        models: Object.entries(emulator.catalog).map(([slug, m]) => ({
          slug,
          display_name: m.name,
          supported_reasoning_levels: m.levels.map(effort => ({
            effort,
            description: `${effort} effort`,
          })),
          default_reasoning_level: m.levels.includes('medium') ? 'medium' : m.levels[0],
          context_window: m.context,
          base_instructions: 'You are Codex.',
        })),
      });
    }
    if (req.method === 'GET' && path === EMULATOR_USAGE_PATH) {
      const bearer = /^Bearer (\S+)$/.exec(req.headers.authorization ?? '')?.[1];
      if (bearer == null || !emulator.acceptToken(bearer)) {
        return json(res, 401, { detail: 'Unauthorized' });
      }
      const usage = emulator.usage as { status?: unknown; body?: unknown };
      return typeof usage?.status === 'number'
        ? json(res, usage.status, usage.body)
        : json(res, 200, emulator.usage);
    }
    const imageRoute = imageRouteOf(EMULATOR_BASE_PATH, req.method, path);
    if (imageRoute != null) {
      const bearer = /^Bearer (\S+)$/.exec(req.headers.authorization ?? '')?.[1];
      if (bearer != null && !emulator.acceptToken(bearer)) return json(res, 401, TOKEN_EXPIRED);
      const rejection = validateImageRequest(req, imageRoute, body);
      if (rejection != null) return json(res, rejection.status, rejection.body);
      const script = emulator.inject?.(++valid, body, req.headers);
      if (script != null) return play(script, req, res);
      return json(res, 200, imageResponse(imageRoute, body, ++counter));
    }
    if (req.method !== 'POST' || path !== `${EMULATOR_BASE_PATH}/responses`) {
      return json(res, 404, { detail: 'Not Found' });
    }
    const token = /^Bearer (\S+)$/.exec(req.headers.authorization ?? '')?.[1];
    if (token != null && !emulator.acceptToken(token)) return json(res, 401, TOKEN_EXPIRED);
    if (decoded.error != null) return json(res, 400, { detail: decoded.error });
    const rejection = validate(req, body, emulator.catalog);
    if (rejection != null) return json(res, rejection.status, rejection.body);

    if (emulator.latencyMs > 0) await sleep(emulator.latencyMs);
    await play(nextScript(body, req.headers), req, res, {
      [TURN_STATE]: turnStateFor(req.headers),
    });
  });
  // A compaction request is answered as the backend answers it, past the queue of scripts
  // meant for the calls around it; `inject` still sees it.
  const nextScript = (body: any, headers: IncomingMessage['headers']): EmulatorScript =>
    emulator.inject?.(++valid, body, headers) ??
    (isCompactionRequest(body)
      ? {
          kind: 'sse',
          events: compactionResponse(body, estimateInputTokens(body), emulator.compactionItems),
        }
      : undefined) ??
    queue.shift() ?? {
      kind: 'sse',
      events: autoResponse(body, ++counter, emulator.callsPerTool),
      chunkSize: 'random',
    };
  server.on('connection', socket => {
    sockets.add(socket);
    socket.on('close', () => sockets.delete(socket));
  });

  // A busy port rejects, so the caller can say so instead of crashing on the error event.
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(port, '127.0.0.1', () => {
      server.off('error', reject);
      resolve();
    });
  });
  const { port: actualPort } = server.address() as AddressInfo;

  const emulator: CodexEmulator = {
    baseURL: `http://127.0.0.1:${actualPort}${EMULATOR_BASE_PATH}`,
    acceptToken: () => true,
    catalog: defaultCatalog(),
    usage: defaultUsagePayload(),
    inject: undefined,
    compactionItems: 1,
    callsPerTool: 1,
    requests,
    preflights,
    enqueue: (...scripts) => queue.push(...scripts),
    latencyMs: 0,
    uplinkBytesPerSecond: 0,
    websocket: attachCodexWebSocket(server, {
      path: `${EMULATOR_BASE_PATH}/responses`,
      acceptToken: token => emulator.acceptToken(token),
      validate: (req, body) => validate(req, body, emulator.catalog),
      nextScript,
      loadFixture,
      record: request => requests.push(request),
      upgradeAnswerHeaders: headers => ({ [TURN_STATE]: turnStateFor(headers) }),
      network: () => emulator,
      log,
    }),
    close: () =>
      new Promise<void>(resolve => {
        for (const socket of sockets) destroy(socket);
        server.close(() => resolve());
      }),
  };
  return emulator;
}

const TURN_STATE = 'x-codex-turn-state';

/**
 * `POST {base}/responses` straight to the emulator, bypassing the provider: a minimal body
 * the backend takes, with `body` over it. For tests of what the emulator refuses.
 */
export function postResponses(
  emulator: Pick<CodexEmulator, 'baseURL'>,
  body: Record<string, unknown>,
  accessToken = 'at-SECRET-direct',
): Promise<Response> {
  return fetch(`${emulator.baseURL}/responses`, {
    method: 'POST',
    headers: { authorization: `Bearer ${accessToken}`, 'content-type': 'application/json' },
    body: JSON.stringify({
      model: 'gpt-5.3-codex',
      instructions: 'x',
      store: false,
      stream: true,
      input: [],
      ...body,
    }),
  });
}

// Sockets the emulator itself destroyed (scripted resets, close), which do not count as
// closed by the client.
const destroyedByEmulator = new WeakSet<Socket>();

function destroy(socket: Socket, tcpReset = false): void {
  destroyedByEmulator.add(socket);
  if (tcpReset) socket.resetAndDestroy();
  else socket.destroy();
}

/**
 * Sets the CORS headers of every answer; answers a preflight itself (and returns true).
 * The preflight allows only `CORS_ALLOWED_HEADERS`, so a header this package adds is
 * caught by the browser test rather than waved through.
 */
function answerCors(req: IncomingMessage, res: ServerResponse, into: CorsPreflight[]): boolean {
  res.setHeader('access-control-allow-origin', req.headers.origin ?? '*');
  res.setHeader('vary', 'origin');
  res.setHeader('access-control-expose-headers', CORS_EXPOSED_HEADERS.join(', '));
  if (req.method !== 'OPTIONS') return false;
  const asked = String(req.headers['access-control-request-headers'] ?? '');
  into.push({
    path: (req.url ?? '').split('?')[0]!,
    origin: req.headers.origin,
    method: req.headers['access-control-request-method'],
    headers: asked
      .split(',')
      .map(h => h.trim().toLowerCase())
      .filter(Boolean),
  });
  res.writeHead(204, {
    'access-control-allow-methods': 'GET, POST',
    'access-control-allow-headers': CORS_ALLOWED_HEADERS.join(', '),
    'access-control-max-age': '600',
  });
  res.end();
  return true;
}

function readBody(req: IncomingMessage): Promise<Buffer> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    req.on('data', c => chunks.push(c));
    req.on('end', () => resolve(Buffer.concat(chunks)));
    req.on('error', reject);
  });
}

/**
 * The body as text once its `Content-Encoding` (zstd, as the official client sends it, or
 * gzip) is undone; a body that is not what its header says, or an encoding the backend
 * does not take, is an error, as a body that is not JSON is.
 */
export function decodeBody(
  wire: Buffer,
  contentEncoding: string | undefined,
): { text: string; error?: string } {
  const encoding = (contentEncoding ?? '').trim().toLowerCase();
  if (encoding === '' || encoding === 'identity') return { text: wire.toString('utf8') };
  if (encoding !== 'zstd' && encoding !== 'gzip') {
    return { text: '', error: `Unsupported Content-Encoding: ${encoding}` };
  }
  try {
    const bytes = encoding === 'zstd' ? Buffer.from(zstdDecompress(wire)) : gunzipSync(wire);
    return { text: bytes.toString('utf8') };
  } catch {
    return {
      text: '',
      error: `The request body is not valid ${encoding} (Content-Encoding: ${encoding})`,
    };
  }
}

function json(
  res: ServerResponse,
  status: number,
  body: unknown,
  headers: Record<string, string> = {},
) {
  res.writeHead(status, {
    'content-type': 'application/json',
    'x-request-id': 'req_emulator',
    ...headers,
  });
  res.end(typeof body === 'string' ? body : JSON.stringify(body));
}

const TOKEN_EXPIRED = {
  error: {
    message: 'Your authentication token has expired. Please try signing in again.',
    type: 'invalid_request_error',
    code: 'token_expired',
  },
};

/** The checks the real backend makes, with its error shapes. */
function validate(
  req: Pick<IncomingMessage, 'headers'>,
  body: any,
  catalog: Record<string, EmulatorModel>,
): { status: number; body: unknown } | undefined {
  const auth = req.headers.authorization;
  if (typeof auth !== 'string' || !/^Bearer \S+$/.test(auth)) {
    return {
      status: 401,
      body: { detail: 'Could not parse your authentication token. Please try signing in again.' },
    };
  }
  if (body == null || typeof body !== 'object')
    return { status: 400, body: { detail: 'Invalid JSON body' } };
  if (body.stream !== true) return { status: 400, body: { detail: 'Stream must be set to true' } };
  if (body.store !== false) return { status: 400, body: { detail: 'Store must be set to false' } };
  // optional: the official client sends none and puts its prompt in a developer message
  if (body.instructions != null && typeof body.instructions !== 'string') {
    return { status: 400, body: { detail: 'Instructions are not valid' } };
  }
  if (body.client_metadata != null) {
    const metadata = body.client_metadata;
    if (
      typeof metadata !== 'object' ||
      Array.isArray(metadata) ||
      Object.values(metadata).some(value => typeof value !== 'string')
    ) {
      return invalidRequest(
        'Invalid client_metadata: expected an object of string values.',
        'client_metadata',
        'invalid_type',
      );
    }
  }
  for (const param of FORBIDDEN_PARAMS) {
    if (param in body)
      return invalidRequest(`Unsupported parameter: ${param}`, param, 'unsupported_parameter');
  }
  if (!Object.hasOwn(catalog, body.model)) {
    return {
      status: 400,
      body: {
        detail: `The '${body.model}' model is not supported when using Codex with a ChatGPT account.`,
      },
    };
  }
  if ('service_tier' in body && !SERVICE_TIERS.includes(body.service_tier)) {
    return invalidRequest(
      `Unsupported service_tier: ${String(body.service_tier)}`,
      'service_tier',
      'unsupported_value',
    );
  }
  const effort = body.reasoning?.effort;
  const { levels, context } = catalog[body.model]!;
  if (effort != null && !levels.includes(effort)) {
    return invalidRequest(
      `Unsupported value: '${effort}' is not supported with the '${body.model}' model. Supported values are: ${levels.map(l => `'${l}'`).join(', ')}.`,
      'reasoning.effort',
      'unsupported_value',
    );
  }
  if (!Array.isArray(body.input)) {
    return invalidRequest("Missing required parameter: 'input'.", 'input');
  }
  if (estimateInputTokens(body) > context) {
    return invalidRequest(
      'Your input exceeds the context window of this model. Please adjust your input and try again.',
      'input',
      'context_length_exceeded',
    );
  }
  const compactionRejection = checkCompaction(req.headers, body.input);
  if (compactionRejection != null) return compactionRejection;
  const calls = new Map<string, CallKind>();
  const unanswered = new Set<string>();
  for (const item of body.input) {
    if (item?.type === 'message' && item.role === 'user' && unanswered.size > 0) {
      return invalidRequest(
        `No tool output found for function call ${[...unanswered][0]}.`,
        'input',
      );
    }
    const toolRejection = checkToolItem(item, calls, unanswered);
    if (toolRejection != null) return toolRejection;
    if (item.type === 'reasoning' && !String(item.encrypted_content ?? '').startsWith('enc:')) {
      return invalidRequest(
        'The encrypted content could not be verified.',
        'input',
        'invalid_encrypted_content',
      );
    }
  }
  const toolKeys = new Set<string>();
  for (const tool of body.tools ?? []) {
    if (tool?.type !== 'function') {
      const rejection = validateProviderTool(tool);
      if (rejection != null) return rejection;
    } else if (typeof tool.name !== 'string') {
      return invalidRequest(`Invalid tool: ${JSON.stringify(tool).slice(0, 80)}`, 'tools');
    }
    if (tool.strict === true && !isStrictJsonSchema(tool.parameters)) {
      return invalidRequest(
        `Invalid schema for function '${tool.name}': In context=(), 'required' is required to be supplied and to be an array including every key in properties.`,
        `tools`,
        'invalid_function_parameters',
      );
    }
    if (toolKeys.has(toolKey(tool)))
      return invalidRequest(`Duplicate tool name: '${toolKey(tool)}'.`, 'tools');
    toolKeys.add(toolKey(tool));
  }
  return undefined;
}

/**
 * About four characters of JSON per token, as for English text; an image costs a fixed
 * amount whatever its size, as on the backend (a tile budget, not its bytes).
 */
export function estimateInputTokens(body: any): number {
  let images = 0;
  const text = JSON.stringify([body.instructions, body.input, body.tools ?? []], (key, value) => {
    if (key === 'image_url' && typeof value === 'string' && value.startsWith('data:')) {
      images++;
      return '';
    }
    return value;
  });
  return Math.ceil(text.length / 4) + images * IMAGE_TOKENS;
}

const IMAGE_TOKENS = 765;

async function play(
  script: EmulatorScript,
  req: IncomingMessage,
  res: ServerResponse,
  answerHeaders: Record<string, string> = {},
) {
  if (script.kind === 'reset') {
    destroy(req.socket, script.tcpReset);
    return;
  }
  if (script.kind === 'http') {
    return json(res, script.status, script.body, script.headers);
  }
  const text =
    script.raw ??
    (script.fixture != null ? loadFixture(script.fixture) : toSSE(script.events ?? []));
  const bytes =
    script.closeAfterEvents != null
      ? Buffer.from(toSSE((script.events ?? []).slice(0, script.closeAfterEvents)), 'utf8')
      : typeof text === 'string'
        ? Buffer.from(text, 'utf8')
        : text;
  const destroyAfterBytes =
    script.closeAfterEvents != null ? bytes.length : script.destroyAfterBytes;
  res.writeHead(200, {
    ...(script.noContentType ? {} : { 'content-type': 'text/event-stream' }),
    'x-request-id': 'req_emulator',
    ...answerHeaders,
    ...script.headers,
  });
  res.flushHeaders();

  if (script.deltasPerSecond != null) {
    await pace(res, bytes.toString('utf8'), script.deltasPerSecond);
    if (!script.keepOpen) res.end();
    return;
  }

  const sizes = chunkSizes(bytes.length, script.chunkSize);
  let offset = 0;
  for (const size of sizes) {
    if (res.destroyed) return;
    let end = offset + size;
    if (destroyAfterBytes != null && end >= destroyAfterBytes) {
      end = destroyAfterBytes;
      await write(res, bytes.subarray(offset, end));
      // let the bytes reach the client before the connection dies
      await new Promise(r => setTimeout(r, 20));
      destroy(req.socket, script.tcpReset);
      return;
    }
    await write(res, bytes.subarray(offset, end));
    offset = end;
    if (script.delayMs) await new Promise(r => setTimeout(r, script.delayMs));
  }
  if (destroyAfterBytes != null) {
    destroy(req.socket, script.tcpReset);
    return;
  }
  if (!script.keepOpen) res.end();
}

function sleep(ms: number): Promise<void> {
  return new Promise(resolve => setTimeout(resolve, ms));
}

type PacedBody = {
  res: ServerResponse;
  /** Each piece ends with one delta event (the last one may hold none). */
  pieces: string[];
  sent: number;
  startedAt: number;
  msPerPiece: number;
  done: () => void;
};

// One clock for every paced body: hundreds of streams cost one timer, not hundreds.
const paced = new Set<PacedBody>();
let pacer: NodeJS.Timeout | undefined;
const PACER_TICK_MS = 5;

/** Writes `text` one delta event at a time at `deltasPerSecond`, catching up when the clock lags. */
function pace(res: ServerResponse, text: string, deltasPerSecond: number): Promise<void> {
  const pieces: string[] = [];
  let piece = '';
  for (const event of text.split(/(?<=\n\n)/)) {
    piece += event;
    if (/^event: [^\n]*\.delta\n/.test(event) || /"type":"[^"]*\.delta"/.test(event)) {
      pieces.push(piece);
      piece = '';
    }
  }
  if (piece !== '') pieces.push(piece);
  return new Promise(done => {
    paced.add({
      res,
      pieces,
      sent: 0,
      startedAt: performance.now(),
      msPerPiece: 1000 / deltasPerSecond,
      done,
    });
    pacer ??= setInterval(tickPacedBodies, PACER_TICK_MS);
  });
}

function tickPacedBodies() {
  const now = performance.now();
  for (const body of paced) {
    const due = body.res.destroyed
      ? body.sent
      : Math.min(body.pieces.length, Math.floor((now - body.startedAt) / body.msPerPiece) + 1);
    if (due > body.sent) {
      body.res.write(
        due === body.sent + 1 ? body.pieces[body.sent] : body.pieces.slice(body.sent, due).join(''),
      );
      body.sent = due;
    }
    if (body.sent === body.pieces.length || body.res.destroyed) {
      paced.delete(body);
      body.done();
    }
  }
  if (paced.size === 0) {
    clearInterval(pacer);
    pacer = undefined;
  }
}

function write(res: ServerResponse, chunk: Buffer): Promise<void> {
  if (res.write(chunk)) return Promise.resolve();
  return new Promise(resolve => {
    const done = () => {
      res.off('drain', done);
      res.off('close', done);
      resolve();
    };
    res.on('drain', done);
    res.on('close', done);
  });
}

function chunkSizes(total: number, chunkSize: number | 'random' | undefined): number[] {
  if (chunkSize == null) return [total];
  const sizes: number[] = [];
  let seed = 7;
  for (let left = total; left > 0;) {
    let size: number;
    if (chunkSize === 'random') {
      seed = (seed * 1103515245 + 12345) & 0x7fffffff;
      size = 1 + (seed % 97);
    } else size = chunkSize;
    size = Math.min(size, left);
    sizes.push(size);
    left -= size;
  }
  return sizes;
}

/**
 * The default scenario: reasoning, then a tool call, a tool-result summary, JSON or an echo.
 * Like the backend's, every response and item has an id of its own and the reasoning
 * summary says what this step does, so no two responses of a conversation look alike.
 */
export function autoResponse(body: any, n: number, callsPerTool = 1): CodexEvent[] {
  const input: any[] = body.input ?? [];
  const last = input[input.length - 1];
  const output: OutputSpec[] = [];
  const tools: any[] = body.tools ?? [];
  // An agent turn: call each tool `callsPerTool` times (the chosen one first), then sum up
  // the results.
  const lastUser = input.map(i => i.type === 'message' && i.role === 'user').lastIndexOf(true);
  const turn = input.slice(lastUser + 1);
  const calls = callsInTurn(turn);
  const called = new Set(calls.keys());
  const open = (t: any) => (calls.get(toolKey(t)) ?? 0) < callsPerTool;
  const chosen = body.tool_choice;
  const next =
    chosen === 'none'
      ? undefined
      : typeof chosen === 'object'
        ? tools.find(
            t =>
              (chosen.type === 'web_search' ? t.type === 'web_search' : t.name === chosen.name) &&
              open(t),
          )
        : tools.find(open);
  const userText =
    [...input]
      .reverse()
      .find(i => i.type === 'message' && i.role === 'user')
      ?.content?.find((c: any) => c.type === 'input_text')?.text ?? '';
  if (next != null && next.type !== 'function') {
    output.push(...providerToolOutput(next, userText));
  } else if (next != null) {
    output.push({
      type: 'function_call',
      name: next.name,
      callId: backendCallId(),
      arguments: JSON.stringify(sampleFromSchema(next.parameters)),
    });
  } else if (/_output$/.test(last?.type ?? '') || (last?.type === 'compaction' && calls.size > 0)) {
    const results = turn
      .filter(i => /_output$/.test(i.type))
      .map(o => {
        const call = input.find(i => i.call_id === o.call_id && calledToolKey(i) != null);
        return `The ${calledToolKey(call) ?? 'tool'} tool returned ${describeToolOutput(o.output)}.`;
      });
    // after a compaction the results live in its summary
    const text =
      results.length > 0
        ? results.join(' ')
        : `Done: ${[...calls].map(([key, count]) => `${key} ran ${count} time(s)`).join(', ')}.`;
    output.push({ type: 'message', text, phase: 'final_answer' });
  } else if (body.text?.format?.type === 'json_schema') {
    output.push({
      type: 'message',
      text: JSON.stringify(sampleFromSchema(body.text.format.schema)),
    });
  } else if (body.text?.format?.type === 'json_object') {
    output.push({ type: 'message', text: '{"answer":"Hello from the Codex emulator"}' });
  } else {
    output.push({
      type: 'message',
      text: `Hello from the Codex emulator! You said: "${userText}"`,
      phase: 'final_answer',
    });
  }
  const inputTokens = estimateInputTokens(body);
  const reasoning: OutputSpec = {
    type: 'reasoning',
    summary: [reasoningSummary(body, next, called, userText)],
    encryptedContent: `enc:emulator:${n}`,
  };
  return responseEvents({
    id: backendId('resp'),
    model: body.model,
    output: [reasoning, ...output].map(spec => ({
      ...spec,
      id: spec.id ?? backendId(ITEM_ID_PREFIX[spec.type]!),
    })),
    usage: { input_tokens: inputTokens, output_tokens: 42, reasoningTokens: 12, cachedTokens: 0 },
  });
}

/**
 * What the step's reasoning says: what it does, for which user message and with which
 * tools, so each response of a conversation reads differently (frameworks that tell
 * reasoning apart by its text would otherwise merge them) and two runs of the same
 * conversation read the same.
 */
function reasoningSummary(body: any, next: any, called: Set<string>, userText: string): string {
  const input: any[] = body.input;
  const message = input.filter(i => i.type === 'message' && i.role === 'user').length;
  const quoted = `message ${message} ("${userText.length > 40 ? `${userText.slice(0, 40)}…` : userText}")`;
  const summary = (heading: string, text: string) => `**${heading}**\n\n${text}`;
  if (next != null && called.size === 0)
    return summary(
      'Planning the answer',
      `Reading ${quoted}: ${toolKey(next)} can answer it, so that comes first.`,
    );
  if (next != null)
    return summary(
      `Calling ${toolKey(next)}`,
      `For message ${message}, ${called.size} tool result(s) are in and ${toolKey(next)} is still missing.`,
    );
  if (/_output$/.test(input[input.length - 1]?.type ?? '') || called.size > 0)
    return summary(
      'Summing up',
      `Answering message ${message} with what ${[...called].join(' and ')} returned.`,
    );
  if (body.text?.format?.type === 'json_schema')
    return summary('Planning the answer', `Reading ${quoted} and filling in the requested schema.`);
  return summary('Planning the answer', `Reading ${quoted} and deciding what to answer.`);
}

function sampleFromSchema(schema: any, key = ''): unknown {
  if (schema == null || typeof schema !== 'object') return null;
  if (Array.isArray(schema.enum) && schema.enum.length > 0) return schema.enum[0];
  if (Array.isArray(schema.anyOf) && schema.anyOf.length > 0)
    return sampleFromSchema(schema.anyOf[0], key);
  const type = Array.isArray(schema.type) ? schema.type[0] : schema.type;
  switch (type) {
    case 'object': {
      const out: Record<string, unknown> = {};
      for (const [k, sub] of Object.entries(schema.properties ?? {}))
        out[k] = sampleFromSchema(sub, k);
      return out;
    }
    case 'array':
      return [sampleFromSchema(schema.items, key)];
    case 'string':
      return /city|location|place/i.test(key) ? 'Paris' : `sample ${key}`.trim();
    case 'integer':
    case 'number':
      return 42;
    case 'boolean':
      return true;
    default:
      return null;
  }
}
