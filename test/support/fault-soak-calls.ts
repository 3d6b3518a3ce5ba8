import type { IncomingHttpHeaders } from 'node:http';
import type { CodexEmulator, EmulatorScript } from './codex-emulator';
import { responseEvents, toSSE, wordChunks, type CodexEvent } from './codex-events';

/**
 * The calls of the fault soak (test/support/fault-soak.ts): what each one asks, the answer it
 * must get, and the faults the emulator plays on its requests, drawn from a seed so that a
 * run can be repeated. A call's plan depends only on the seed, its index and the transport,
 * never on timing.
 */

export type SoakTransport = 'sse' | 'websocket';

/** Every token of the soak carries this marker; it must show up nowhere. */
export const SOAK_TOKEN = 'at-SECRET-soak-3f9c0d21e7b4';
export const SOAK_ACCOUNT_ID = 'acct-soak-0001';

/** What a call must deliver: all of it on success, a prefix of it on a clean error. */
export type SoakAnswer = { text: string; reasoning: string };

export type SoakCall = {
  index: number;
  fault: string;
  prompt: string;
  expected: SoakAnswer;
  /** The script for this call's `attempt`-th request (0-based). */
  script: (attempt: number, context: ScriptContext) => EmulatorScript;
};

type ScriptContext = { headers: IncomingHttpHeaders; emulator: CodexEmulator };

/** Finds the call a request belongs to by the marker its prompt carries. */
export function callIndexOf(body: unknown): number | undefined {
  const match = /\[soak-(\d+)\]/.exec(JSON.stringify(body ?? null));
  return match == null ? undefined : Number(match[1]);
}

/** mulberry32: small, fast and the same everywhere. */
export function seededRandom(seed: number): () => number {
  let state = seed >>> 0;
  return () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 2 ** 32;
  };
}

type Random = () => number;
const int = (random: Random, min: number, max: number) =>
  min + Math.floor(random() * (max - min + 1));
const pick = <T>(random: Random, items: readonly T[]): T =>
  items[int(random, 0, items.length - 1)]!;

const WORDS = ['alpha', 'beta', 'Ünïcödé', 'naïve', 'café', '👋', '日本語', 'done', 'x', 'soak'];
const HUGE_DELTA_BYTES = 2 * 1024 * 1024;

/** One response of a call: its events, and where its content starts. */
type Response = {
  events: CodexEvent[];
  answer: SoakAnswer;
  /** Index of the first `output_item.added`: cutting at or before it is before content. */
  contentStart: number;
  /** Index of the first delta: cutting after it is after content. */
  firstDelta: number;
  /** Index of the terminal event. */
  terminal: number;
};

function response(random: Random, index: number, huge: boolean): Response {
  const words = Array.from({ length: int(random, 3, 40) }, () => pick(random, WORDS));
  const head = `Soak call ${index}: `;
  const chunks = huge ? [head, hugeText(index), ' end.'] : [head, ...wordChunks(words.join(' '))];
  const text = chunks.join('');
  const reasoning =
    random() < 0.4 ? `Thinking about call ${index} with ${words.slice(0, 3).join(' ')}.` : '';
  const events = responseEvents({
    id: `resp_soak_${index}`,
    output: [
      ...(reasoning === '' ? [] : [{ type: 'reasoning' as const, summary: [reasoning] }]),
      { type: 'message' as const, text, chunks, phase: 'final_answer' },
    ],
  });
  return {
    events,
    answer: { text, reasoning },
    contentStart: events.findIndex(e => e.type === 'response.output_item.added'),
    firstDelta: events.findIndex(e => e.type.endsWith('.delta')),
    terminal: events.length - 1,
  };
}

/** 2 MiB of distinct words, so a lost or repeated piece changes the text. */
function hugeText(index: number): string {
  let text = '';
  for (let n = 0; text.length < HUGE_DELTA_BYTES; n++) text += `${index}.${n} `;
  return text;
}

/** How an answer is cut off after `after` events. */
type Cut = 'reset' | 'close' | 'end' | 'stall';

function cutScript(
  { events }: Response,
  after: number,
  cut: Cut,
  transport: SoakTransport,
  random: Random,
  headers: IncomingHttpHeaders,
): EmulatorScript {
  const sent = events.slice(0, after);
  if (transport === 'sse') {
    if (cut === 'end') return { kind: 'sse', raw: toSSE(sent), chunkSize: 'random' };
    if (cut === 'stall') return { kind: 'sse', raw: toSSE(sent), keepOpen: true };
    return {
      kind: 'sse',
      events,
      closeAfterEvents: after,
      chunkSize: 'random',
      tcpReset: cut === 'reset',
    };
  }
  if (cut === 'stall') return { kind: 'sse', events: sent };
  if (cut === 'reset') return { kind: 'sse', events, closeAfterEvents: after };
  // a clean end of a socket is a close frame; a hostile one quotes the credentials
  const code = cut === 'end' ? 1000 : pick(random, [1001, 1011, 4000]);
  const reason = random() < 0.5 ? `bye ${headers.authorization ?? ''}` : 'going away';
  return { kind: 'sse', events, closeAfterEvents: after, closeCode: code, closeReason: reason };
}

function before(random: Random, r: Response): number {
  return int(random, 0, r.contentStart);
}
function after(random: Random, r: Response): number {
  return int(random, r.firstDelta + 1, r.terminal);
}

/** A proxy's error page that echoes the request it got, credentials and all. */
function echoPage(headers: IncomingHttpHeaders, html: boolean): unknown {
  const lines = Object.entries(headers).map(([name, value]) => `${name}: ${String(value)}`);
  if (!html) {
    return {
      error: {
        message: `Upstream request failed (${headers.authorization ?? 'no authorization'})`,
        type: 'server_error',
      },
    };
  }
  return `<!DOCTYPE html><html><head><title>502 Bad Gateway</title></head><body><h1>Bad Gateway</h1><pre>POST /backend-api/codex/responses\n${lines.join('\n')}</pre></body></html>`;
}

/** An `error` event (or `response.failed`), retryable or not, maybe quoting the token. */
function errorEvent(random: Random, headers: IncomingHttpHeaders, retryable: boolean): CodexEvent {
  const code = retryable
    ? pick(random, ['server_error', 'server_is_overloaded', 'rate_limit_exceeded'])
    : pick(random, ['invalid_prompt', 'bad_request']);
  const quote = random() < 0.5 ? ` (request authorization: ${headers.authorization ?? ''})` : '';
  const message =
    code === 'rate_limit_exceeded'
      ? `Rate limit reached. Please try again in 0.01s.${quote}`
      : `The request failed.${quote}`;
  return random() < 0.5
    ? { type: 'error', code, message }
    : { type: 'response.failed', response: { status: 'failed', error: { code, message } } };
}

/** Payloads a client must survive: skipped, or one clean error, never text. */
const MALFORMED_PAYLOADS = [
  '{not json',
  'null',
  '42',
  '"a string"',
  '[]',
  '{"type":17}',
  '{"type":"response.unknown_event","x":1}',
  '{"type":"response.output_text.delta"}',
  '{"type":"response.output_text.delta","item_id":"msg_unknown","output_index":7,"content_index":0,"delta":42}',
];

function withMalformed(random: Random, events: CodexEvent[]): string {
  const blocks = events.map(event => toSSE([event]));
  for (let n = int(random, 1, 4); n > 0; n--) {
    const at = int(random, 0, blocks.length - 1); // never after the terminal event
    const name = pick(random, ['response.output_text.delta', 'message', 'error']);
    blocks.splice(at, 0, `event: ${name}\ndata: ${pick(random, MALFORMED_PAYLOADS)}\n\n`);
  }
  if (random() < 0.5) blocks.splice(int(random, 0, blocks.length - 1), 0, ': keep-alive\n\n');
  return blocks.join('');
}

type AttemptPlan = (context: ScriptContext) => EmulatorScript;

type Fault = {
  name: string;
  weight: number;
  transports?: SoakTransport[];
  /** A 2 MiB delta in the answer. */
  huge?: boolean;
  /** The scripts of the first requests; later ones get the whole answer. */
  plan: (r: Response, random: Random, transport: SoakTransport) => AttemptPlan[];
  /** How the whole answer is written. */
  whole?: (r: Response, transport: SoakTransport) => EmulatorScript;
};

const http = (status: number, body: unknown, headers?: Record<string, string>): EmulatorScript => ({
  kind: 'http',
  status,
  body,
  headers,
});
const times = (n: number, plan: AttemptPlan): AttemptPlan[] =>
  Array.from({ length: n }, () => plan);
const cuts =
  (cut: Cut, where: typeof before, count: [number, number] = [1, 1]) =>
  (r: Response, random: Random, transport: SoakTransport): AttemptPlan[] =>
    Array.from({ length: int(random, ...count) }, () => {
      const at = where(random, r);
      return ({ headers }: ScriptContext) => cutScript(r, at, cut, transport, random, headers);
    });

/** The faults, with how often each is drawn. */
const FAULTS: Fault[] = [
  { name: 'none', weight: 6, plan: () => [] },
  {
    name: 'reset before headers',
    weight: 5,
    plan: (_, random) => times(int(random, 1, 2), () => ({ kind: 'reset', tcpReset: true })),
  },
  { name: 'reset before content', weight: 6, plan: cuts('reset', before, [1, 2]) },
  { name: 'reset after content', weight: 6, plan: cuts('reset', after) },
  { name: 'socket close before content', weight: 4, plan: cuts('close', before) },
  { name: 'socket close after content', weight: 4, plan: cuts('close', after) },
  { name: 'truncated before content', weight: 4, plan: cuts('end', before) },
  { name: 'truncated after content', weight: 5, plan: cuts('end', after) },
  { name: 'stall before content', weight: 4, plan: cuts('stall', before) },
  { name: 'stall after content', weight: 4, plan: cuts('stall', after) },
  {
    // one to six: past the provider's four retries, the call ends in a clean error
    name: '5xx quoting the token',
    weight: 6,
    plan: (_, random) =>
      times(int(random, 1, 6), ({ headers }) =>
        http(pick(random, [500, 502, 503, 504]), echoPage(headers, false)),
      ),
  },
  {
    name: 'HTML page quoting the token',
    weight: 6,
    plan: (_, random) =>
      times(int(random, 1, 6), ({ headers }) =>
        http(pick(random, [502, 503, 504]), echoPage(headers, true), {
          'content-type': 'text/html; charset=utf-8',
        }),
      ),
  },
  {
    name: '429 rate limit',
    weight: 5,
    plan: (_, random) =>
      times(int(random, 1, 3), () =>
        http(
          429,
          { error: { type: 'rate_limit_exceeded', message: 'Rate limit reached.' } },
          { 'retry-after': pick(random, ['0', '1']) },
        ),
      ),
  },
  {
    name: '429 usage limit',
    weight: 2,
    plan: () => [
      () =>
        http(429, {
          error: {
            type: 'usage_limit_reached',
            message: 'The usage limit has been reached',
            plan_type: 'plus',
            resets_in_seconds: 1800,
          },
        }),
    ],
  },
  {
    name: 'error event before content',
    weight: 5,
    plan: (r, random) => {
      const retryable = random() < 0.75;
      const at = before(random, r);
      return [
        ({ headers }) => ({
          kind: 'sse',
          events: [...r.events.slice(0, at), errorEvent(random, headers, retryable)],
          chunkSize: 'random',
        }),
      ];
    },
  },
  {
    name: 'error event after content',
    weight: 4,
    plan: (r, random) => {
      const at = after(random, r);
      return [
        ({ headers }) => ({
          kind: 'sse',
          events: [...r.events.slice(0, at), errorEvent(random, headers, random() < 0.5)],
          chunkSize: 'random',
        }),
      ];
    },
  },
  {
    name: 'malformed events',
    weight: 5,
    plan: (r, random) => {
      const raw = withMalformed(random, r.events);
      return [() => ({ kind: 'sse', raw, chunkSize: 'random' })];
    },
  },
  { name: '2 MiB delta', weight: 3, huge: true, plan: () => [] },
  {
    name: '1-byte writes',
    weight: 5,
    plan: () => [],
    whole: (r, transport) =>
      transport === 'sse'
        ? { kind: 'sse', events: r.events, chunkSize: 1 }
        : { kind: 'sse', events: r.events, fragmentSize: 1 },
  },
  {
    // a server restart: every open socket closes mid-whatever, this call's included
    name: 'all sockets closed',
    weight: 2,
    transports: ['websocket'],
    plan: (r, random) => {
      const delayMs = int(random, 0, 30);
      return [
        ({ emulator }) => {
          setTimeout(() => emulator.websocket.closeAll(), delayMs);
          return { kind: 'sse', events: r.events, delayMs: 2 };
        },
      ];
    },
  },
  {
    // the 60-minute limit: the next request on every open socket is refused
    name: 'sockets aged out',
    weight: 2,
    transports: ['websocket'],
    plan: r => [
      ({ emulator }) => {
        emulator.websocket.ageOutOpenSockets();
        return { kind: 'sse', events: r.events, chunkSize: 'random' };
      },
    ],
  },
];

/** The fault names a transport's calls are drawn from. */
export function faultNames(transport: SoakTransport): string[] {
  return faultsFor(transport).map(fault => fault.name);
}

function faultsFor(transport: SoakTransport): Fault[] {
  return FAULTS.filter(fault => fault.transports?.includes(transport) ?? true);
}

/** Call `index` of a soak: its prompt, the answer it must get and its faults. */
export function planCall(seed: number, index: number, transport: SoakTransport): SoakCall {
  const random = seededRandom((seed ^ Math.imul(index + 1, 0x9e3779b1)) >>> 0);
  const faults = faultsFor(transport);
  const total = faults.reduce((sum, fault) => sum + fault.weight, 0);
  let draw = random() * total;
  const fault = faults.find(f => (draw -= f.weight) < 0) ?? faults[0]!;
  const r = response(random, index, fault.huge ?? false);
  const attempts = fault.plan(r, random, transport);
  const whole: EmulatorScript = fault.whole?.(r, transport) ?? {
    kind: 'sse',
    events: r.events,
    chunkSize: fault.huge ? 65_536 : 'random',
  };
  return {
    index,
    fault: fault.name,
    prompt: `Soak call ${index}, answer as planned. [soak-${index}]`,
    expected: r.answer,
    script: (attempt, context) => attempts[attempt]?.(context) ?? whole,
  };
}
