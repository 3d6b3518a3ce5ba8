import type { IncomingMessage, Server } from 'node:http';
import type { Duplex } from 'node:stream';
import { WebSocketServer, type WebSocket } from 'ws';
import { ssePayloads, toSSE, type CodexEvent } from './codex-events';
import type { EmulatorScript, RecordedRequest } from './codex-emulator';

/**
 * The emulator's WebSocket side (`GET {base}/responses` with an upgrade), as the backend
 * speaks it to the official client: `response.create` frames in, one JSON event per frame
 * out, HTTP-style failures as `{"type":"error","status",...}` frames. Each socket keeps its
 * last completed response, so a frame may carry `previous_response_id` and only new
 * items; the emulator rebuilds the full input and runs the HTTP checks on it, and also
 * rejects an increment that repeats what the socket already has or that comes with other
 * settings than the previous request (a client rule the backend would not enforce).
 */

export const WEBSOCKET_BETA = 'responses_websockets=2026-02-06';

export type RecordedHandshake = {
  at: number;
  path: string;
  headers: IncomingMessage['headers'];
  /** What the emulator answered: 101, or the injected / validation status. */
  status: number;
};

export type HandshakeReply = { status: number; body?: unknown; headers?: Record<string, string> };

export type EmulatorWebSocket = {
  handshakes: RecordedHandshake[];
  /** Per upgrade (1-based): a non-101 answer to inject (426, 401, 503, ...). */
  rejectHandshake: ((handshakeNumber: number) => HandshakeReply | undefined) | undefined;
  /** A socket older than this answers its next frame with `websocket_connection_limit_reached`. */
  maxSocketAgeMs: number;
  /**
   * Every socket open now is at its age limit, the sockets opened later are not: what a
   * small `maxSocketAgeMs` and a wait do, without a race against the new sockets' age.
   */
  ageOutOpenSockets: () => void;
  /** Sockets currently open. */
  readonly openSockets: number;
  /** Closes every open socket (code 1001), as a server restart would. */
  closeAll: () => void;
};

type SocketState = {
  id: number;
  openedAt: number;
  headers: IncomingMessage['headers'];
  /** The full input of the last completed response followed by its output items. */
  last: { responseId: string; input: unknown[]; settings: string } | undefined;
};

export type EmulatorWebSocketContext = {
  path: string;
  acceptToken: (token: string) => boolean;
  validate: (
    req: Pick<IncomingMessage, 'headers'>,
    body: any,
  ) => { status: number; body: unknown } | undefined;
  nextScript: (body: any, headers: IncomingMessage['headers']) => EmulatorScript;
  loadFixture: (name: string) => string;
  record: (request: RecordedRequest) => void;
  /** Headers the 101 answer carries besides the handshake's own. */
  upgradeAnswerHeaders?: (requestHeaders: IncomingMessage['headers']) => Record<string, string>;
  /** One-way latency and uplink, read per frame so a test can change them. */
  network: () => { latencyMs: number; uplinkBytesPerSecond: number };
  log?: (line: string) => void;
};

const CONNECTION_LIMIT_MESSAGE =
  'Responses websocket connection limit reached (60 minutes). Create a new websocket connection to continue.';

export function attachCodexWebSocket(
  server: Server,
  context: EmulatorWebSocketContext,
): EmulatorWebSocket {
  const wss = new WebSocketServer({ noServer: true });
  wss.on('headers', (headers, req) => {
    for (const [name, value] of Object.entries(context.upgradeAnswerHeaders?.(req.headers) ?? {}))
      headers.push(`${name}: ${value}`);
  });
  const open = new Set<WebSocket>();
  const agedOut = new WeakSet<WebSocket>();
  let upgrades = 0;
  let accepted = 0;

  const control: EmulatorWebSocket = {
    handshakes: [],
    rejectHandshake: undefined,
    maxSocketAgeMs: 60 * 60_000,
    ageOutOpenSockets: () => {
      for (const ws of open) agedOut.add(ws);
    },
    get openSockets() {
      return open.size;
    },
    closeAll: () => {
      for (const ws of open) ws.close(1001, 'going away');
    },
  };

  server.on('upgrade', async (req: IncomingMessage, socket: Duplex, head: Buffer) => {
    const path = (req.url ?? '').split('?')[0]!;
    context.log?.(`UPGRADE ${path}`);
    const { latencyMs } = context.network();
    // the upgrade request travels up, the answer down
    if (latencyMs > 0) await sleep(2 * latencyMs);
    const reply = checkHandshake(req, path, ++upgrades);
    control.handshakes.push({
      at: Date.now(),
      path,
      headers: req.headers,
      status: reply?.status ?? 101,
    });
    if (reply != null) return refuse(socket, reply);
    wss.handleUpgrade(req, socket, head, ws => {
      open.add(ws);
      ws.on('close', () => open.delete(ws));
      serve(ws, req.headers);
    });
  });

  function checkHandshake(
    req: IncomingMessage,
    path: string,
    n: number,
  ): HandshakeReply | undefined {
    if (path !== context.path) return { status: 404, body: { detail: 'Not Found' } };
    const injected = control.rejectHandshake?.(n);
    if (injected != null) return injected;
    const auth = req.headers.authorization;
    const token = /^Bearer (\S+)$/.exec(auth ?? '')?.[1];
    if (token == null) {
      return {
        status: 401,
        body: { detail: 'Could not parse your authentication token. Please try signing in again.' },
      };
    }
    if (!context.acceptToken(token)) {
      return {
        status: 401,
        body: {
          error: {
            message: 'Your authentication token has expired. Please try signing in again.',
            type: 'invalid_request_error',
            code: 'token_expired',
          },
        },
      };
    }
    const beta = String(req.headers['openai-beta'] ?? '');
    if (!beta.split(',').some(v => v.trim() === WEBSOCKET_BETA)) {
      return { status: 426, body: { detail: `Send OpenAI-Beta: ${WEBSOCKET_BETA}` } };
    }
    return undefined;
  }

  function serve(ws: WebSocket, headers: IncomingMessage['headers']) {
    const state: SocketState = { id: ++accepted, openedAt: Date.now(), headers, last: undefined };
    // frames are handled one at a time, in order, as the backend does on one socket
    let chain = Promise.resolve();
    ws.on('message', (data, isBinary) => {
      const receivedAt = performance.now();
      const at = Date.now();
      chain = chain.then(() => onFrame(ws, state, data as Buffer, isBinary, at, receivedAt));
    });
  }

  async function onFrame(
    ws: WebSocket,
    state: SocketState,
    data: Buffer,
    isBinary: boolean,
    at: number,
    receivedAt: number,
  ) {
    const { latencyMs, uplinkBytesPerSecond } = context.network();
    const bytes = data.byteLength;
    const uplink = uplinkBytesPerSecond > 0 ? (bytes / uplinkBytesPerSecond) * 1000 : 0;
    if (latencyMs + uplink > 0) await sleep(latencyMs + uplink);
    if (ws.readyState !== ws.OPEN) return;

    let frame: any;
    try {
      frame = isBinary ? undefined : JSON.parse(data.toString('utf8'));
    } catch {
      frame = undefined;
    }
    const resolved = resolveFrame(state, frame);
    context.record({
      at,
      receivedAt,
      method: 'WS',
      path: context.path,
      headers: state.headers,
      body: frame,
      bytes,
      transport: 'websocket',
      socket: state.id,
      resolvedBody: resolved.body,
    });
    context.log?.(`WS response.create${frame?.previous_response_id ? ' (incremental)' : ''}`);
    if (resolved.error != null) return sendError(ws, resolved.error.status, resolved.error.body);

    if (agedOut.has(ws) || Date.now() - state.openedAt > control.maxSocketAgeMs) {
      return sendError(ws, 400, {
        error: {
          type: 'invalid_request_error',
          code: 'websocket_connection_limit_reached',
          message: CONNECTION_LIMIT_MESSAGE,
        },
      });
    }
    const body = resolved.body;
    const rejection = context.validate({ headers: state.headers }, body);
    if (rejection != null) return sendError(ws, rejection.status, rejection.body);

    state.last = undefined;
    const script = context.nextScript(body, state.headers);
    const completed = await play(ws, script);
    if (completed != null) {
      state.last = {
        responseId: completed.responseId,
        input: [...body.input, ...completed.output.map(serverReplayForm)],
        settings: settingsOf(body),
      };
    }
  }

  /** The frame as a full HTTP-style body, or the error the backend answers it with. */
  function resolveFrame(
    state: SocketState,
    frame: any,
  ): { body?: any; error?: { status: number; body: unknown } } {
    if (frame == null || typeof frame !== 'object' || frame.type !== 'response.create') {
      return {
        error: invalid(`Unsupported websocket message type: ${String(frame?.type)}`, 'type'),
      };
    }
    const { type: _type, previous_response_id: previousId, ...body } = frame;
    if (previousId == null) return { body };
    if (state.last == null || state.last.responseId !== previousId) {
      return {
        error: invalid(
          `Previous response with id '${previousId}' not found.`,
          'previous_response_id',
          'previous_response_not_found',
        ),
      };
    }
    // Not a backend rule (it would answer with the new settings): the client's, checked here
    // because an increment under other settings means the client guessed.
    if (settingsOf(body) !== state.last.settings) {
      return {
        error: invalid(
          "previous_response_id with request fields other than the previous request's: send the full input when anything but the input changes.",
          'previous_response_id',
          'emulator_increment_settings_changed',
        ),
      };
    }
    const input = [...state.last.input, ...(Array.isArray(body.input) ? body.input : [])];
    const repeated = findRepeatedItem(input);
    if (repeated != null) {
      return {
        error: invalid(
          `Duplicate item in input after previous_response_id: ${repeated}. Send only the items that follow the previous response.`,
          'input',
          'duplicate_item',
        ),
      };
    }
    return { body: { ...body, input } };
  }

  /** Plays a script as frames; resolves with the response if it completed. */
  async function play(
    ws: WebSocket,
    script: EmulatorScript,
  ): Promise<{ responseId: string; output: any[] } | undefined> {
    const { latencyMs } = context.network();
    if (latencyMs > 0) await sleep(latencyMs);
    if (script.kind === 'reset') {
      ws.terminate();
      return undefined;
    }
    if (script.kind === 'http') {
      sendError(ws, script.status, script.body, script.headers);
      return undefined;
    }
    // a raw body's payloads go out as they are, unparsable ones too, as a frame each
    const frames =
      script.events?.map(event => JSON.stringify(event)) ??
      ssePayloads(
        script.raw != null
          ? script.raw.toString()
          : script.fixture != null
            ? context.loadFixture(script.fixture)
            : toSSE([]),
      );
    const output: any[] = [];
    let completedId: string | undefined;
    const hangUp = () =>
      script.closeCode != null ? ws.close(script.closeCode, script.closeReason) : ws.terminate();
    for (const [index, frame] of frames.entries()) {
      if (script.closeAfterEvents != null && index >= script.closeAfterEvents) {
        hangUp();
        return undefined;
      }
      if (ws.readyState !== ws.OPEN) return undefined;
      await send(ws, frame, script.fragmentSize);
      const event = parseFrame(frame);
      if (event?.type === 'response.output_item.done') output.push(event.item);
      if (event?.type === 'response.completed') {
        completedId = String((event.response as { id?: unknown })?.id ?? '');
      }
      if (script.delayMs) await sleep(script.delayMs);
    }
    if (script.closeAfterEvents != null) {
      hangUp();
      return undefined;
    }
    return completedId != null ? { responseId: completedId, output } : undefined;
  }

  return control;
}

function sendError(
  ws: WebSocket,
  status: number,
  body: unknown,
  headers: Record<string, string> = {},
) {
  const error =
    body != null && typeof body === 'object' && 'error' in body
      ? (body as { error: unknown }).error
      : { message: describeDetail(body) };
  ws.send(
    JSON.stringify({
      type: 'error',
      status,
      error,
      headers: { 'x-request-id': 'req_emulator_ws', ...headers },
    }),
  );
  // the backend ends a socket that reached its age limit
  if ((error as { code?: unknown })?.code === 'websocket_connection_limit_reached') {
    ws.close(1000, 'connection limit reached');
  }
}

function describeDetail(body: unknown): string {
  const detail = (body as { detail?: unknown } | null)?.detail;
  return typeof detail === 'string' ? detail : JSON.stringify(body);
}

function invalid(message: string, param: string, code: string | null = null) {
  return { status: 400, body: { error: { message, type: 'invalid_request_error', param, code } } };
}

/** An output item as the server keeps it, in the shape a client replays it (no ids). */
function serverReplayForm(item: any): unknown {
  switch (item?.type) {
    case 'reasoning':
      return {
        type: 'reasoning',
        summary: item.summary ?? [],
        encrypted_content: item.encrypted_content,
      };
    case 'message':
      return {
        type: 'message',
        role: 'assistant',
        content: (item.content ?? []).map((c: any) => ({ type: c.type, text: c.text })),
        ...(item.phase != null && { phase: item.phase }),
      };
    case 'function_call':
      return {
        type: 'function_call',
        call_id: item.call_id,
        name: item.name,
        arguments: item.arguments,
      };
    default: {
      const { id: _id, status: _status, ...rest } = item ?? {};
      return rest;
    }
  }
}

/** Every field but the input and the turn's routing ids (`client_metadata`), comparable. */
function settingsOf(body: Record<string, unknown>): string {
  const { input: _input, client_metadata: _metadata, ...rest } = body;
  return JSON.stringify(Object.entries(rest).sort(([a], [b]) => (a < b ? -1 : 1)));
}

/** Something a correct increment never repeats: a call, a call's output, a reasoning blob. */
function findRepeatedItem(input: any[]): string | undefined {
  const seen = new Set<string>();
  for (const item of input) {
    let key: string | undefined;
    if (item?.type === 'function_call') key = `function_call ${item.call_id}`;
    else if (item?.type === 'function_call_output') key = `function_call_output ${item.call_id}`;
    else if (item?.type === 'reasoning' && item.encrypted_content != null) {
      key = `reasoning ${String(item.encrypted_content).slice(0, 40)}`;
    }
    if (key == null) continue;
    if (seen.has(key)) return key;
    seen.add(key);
  }
  return undefined;
}

function refuse(socket: Duplex, { status, body, headers = {} }: HandshakeReply) {
  const text = body === undefined ? '' : JSON.stringify(body);
  const head = [
    `HTTP/1.1 ${status} ${STATUS_TEXT[status] ?? 'Error'}`,
    'content-type: application/json',
    `content-length: ${Buffer.byteLength(text)}`,
    'x-request-id: req_emulator_upgrade',
    'connection: close',
    ...Object.entries(headers).map(([k, v]) => `${k}: ${v}`),
  ];
  socket.end(`${head.join('\r\n')}\r\n\r\n${text}`);
}

const STATUS_TEXT: Record<number, string> = {
  400: 'Bad Request',
  401: 'Unauthorized',
  403: 'Forbidden',
  404: 'Not Found',
  426: 'Upgrade Required',
  429: 'Too Many Requests',
  500: 'Internal Server Error',
  503: 'Service Unavailable',
};

/** Sends one message: in one frame, or in fragments of `fragmentSize` bytes. */
async function send(ws: WebSocket, text: string, fragmentSize?: number): Promise<void> {
  if (fragmentSize == null) return new Promise(resolve => ws.send(text, () => resolve()));
  const bytes = Buffer.from(text, 'utf8');
  for (let offset = 0; offset < bytes.length; offset += fragmentSize) {
    if (ws.readyState !== ws.OPEN) return;
    const fin = offset + fragmentSize >= bytes.length;
    const fragment = bytes.subarray(offset, offset + fragmentSize);
    await new Promise<void>(resolve => ws.send(fragment, { binary: false, fin }, () => resolve()));
  }
}

function parseFrame(frame: string): CodexEvent | undefined {
  try {
    return JSON.parse(frame);
  } catch {
    return undefined;
  }
}

function sleep(ms: number): Promise<void> {
  return new Promise(resolve => setTimeout(resolve, ms));
}
