/**
 * `npm run bench:ws`: workload (f), a 20-step tool loop through `ai`'s `generateText`,
 * over HTTP SSE and over the WebSocket transport, against the emulator with a simulated
 * network. Each step replays the history: ~2 KB tool results and ~1 KB of encrypted
 * reasoning per step. Reports bytes uploaded, wall time and the per-step time from the
 * model call to its first byte on the wire. Not part of `npm test`.
 *
 * BENCH_ROUNDS (default 5), BENCH_LATENCY_MS (one-way, default 20) and BENCH_UPLINK_MBIT
 * (default: both unlimited and 10 Mbit/s) change the setup.
 */
import { generateText, stepCountIs, tool, type LanguageModel } from 'ai';
import { z } from 'zod/v4';
import { createCodex } from '../src';
import { startCodexEmulator, type RecordedRequest } from '../test/support/codex-emulator';
import { responseEvents } from '../test/support/codex-events';

const STEPS = 20;
const ROUNDS = Number(process.env.BENCH_ROUNDS ?? 5);
const LATENCY_MS = Number(process.env.BENCH_LATENCY_MS ?? 20);
const UPLINKS_MBIT = process.env.BENCH_UPLINK_MBIT
  ? [Number(process.env.BENCH_UPLINK_MBIT)]
  : [0, 10];

type Transport = 'sse' | 'websocket';

/** Deterministic filler of a given size (tool output, encrypted reasoning). */
const filler = (seed: string, bytes: number) => {
  let out = '';
  for (let i = 0; out.length < bytes; i++) out += `${seed}-${i.toString(36)}:lorem ipsum `;
  return out.slice(0, bytes);
};

const median = (xs: number[]) => {
  const s = [...xs].sort((a, b) => a - b);
  const m = s.length >> 1;
  return s.length % 2 ? s[m]! : (s[m - 1]! + s[m]!) / 2;
};

/** Bytes of an HTTP/1.1 request head as sent: request line, headers, blank line. */
function headBytes(method: string, path: string, headers: RecordedRequest['headers']): number {
  let n = `${method} ${path} HTTP/1.1\r\n`.length + 2;
  for (const [name, value] of Object.entries(headers)) {
    for (const v of Array.isArray(value) ? value : [value]) n += `${name}: ${v}\r\n`.length;
  }
  return n;
}

/** A masked client frame's header: 2 bytes, the extended length, 4 mask bytes. */
const frameOverhead = (payload: number) => 2 + (payload < 126 ? 0 : payload < 65536 ? 2 : 8) + 4;

async function runLoop(
  emu: Awaited<ReturnType<typeof startCodexEmulator>>,
  transport: Transport,
  round: number,
) {
  emu.requests.length = 0;
  emu.websocket.handshakes.length = 0;
  let n = 0;
  emu.inject = () => {
    n++;
    const reasoning = {
      type: 'reasoning' as const,
      summary: [`Step ${n}: deciding the next tool call.`],
      encryptedContent: `enc:${filler(`r${round}-${transport}-${n}`, 1024)}`,
    };
    const output =
      n < STEPS
        ? [
            reasoning,
            {
              type: 'function_call' as const,
              name: 'runTool',
              callId: `call_${round}_${n}`,
              arguments: JSON.stringify({ step: n }),
            },
          ]
        : [reasoning, { type: 'message' as const, text: 'All twenty steps are done.' }];
    return {
      kind: 'sse',
      events: responseEvents({ id: `resp_${transport}_${round}_${n}`, output }),
    };
  };

  const codex = createCodex({
    baseURL: emu.baseURL,
    auth: { accessToken: 'bench-token', accountId: 'bench-account' },
    transport,
  });
  const inner = codex('gpt-5.3-codex');
  const calledAt: number[] = [];
  // the time `ai` hands each step to the model
  const model = new Proxy(inner, {
    get(target, key, receiver) {
      if (key === 'doGenerate' || key === 'doStream') {
        return (options: unknown) => {
          calledAt.push(performance.now());
          return (target as any)[key](options);
        };
      }
      return Reflect.get(target, key, receiver);
    },
  }) as LanguageModel;

  const started = performance.now();
  const result = await generateText({
    model,
    system: 'You are an agent. Call runTool until the task is done.',
    prompt: 'Run the twenty-step task.',
    tools: {
      runTool: tool({
        description: 'Runs one step of the task',
        inputSchema: z.object({ step: z.number() }),
        execute: async ({ step }) => filler(`tool-result-${step}`, 2048),
      }),
    },
    stopWhen: stepCountIs(STEPS),
  });
  const wall = performance.now() - started;
  if (result.steps.length !== STEPS || result.text !== 'All twenty steps are done.') {
    throw new Error(`${transport}: ${result.steps.length} steps, text ${result.text}`);
  }

  const requests = emu.requests.filter(r => r.path.endsWith('/responses'));
  if (requests.length !== STEPS) throw new Error(`${transport}: ${requests.length} requests`);
  const bodies = requests.reduce((sum, r) => sum + r.bytes!, 0);
  const heads =
    transport === 'sse'
      ? requests.reduce((sum, r) => sum + headBytes('POST', r.path, r.headers), 0)
      : emu.websocket.handshakes.reduce((sum, h) => sum + headBytes('GET', h.path, h.headers), 0) +
        requests.reduce((sum, r) => sum + frameOverhead(r.bytes!), 0);
  const firstByte = requests.map((r, i) => r.receivedAt! - calledAt[i]!);
  const incremental = requests.filter(r => r.body.previous_response_id != null).length;
  return { wall, bodies, total: bodies + heads, firstByte, incremental };
}

const emu = await startCodexEmulator();
emu.latencyMs = LATENCY_MS;
const fmt = (x: number, d = 0) => x.toFixed(d);
const kb = (x: number) => `${fmt(x / 1024, 1)} KB`;

try {
  // one warm-up run each: module loading (undici for the socket) is not what is measured
  for (const t of ['sse', 'websocket'] as const) await runLoop(emu, t, -1);

  console.log(
    `Workload (f): ${STEPS}-step tool loop, ~2 KB tool result + ~1 KB encrypted reasoning per step, ` +
      `${LATENCY_MS} ms one-way latency; median of ${ROUNDS} rounds.\n`,
  );
  for (const mbit of UPLINKS_MBIT) {
    emu.uplinkBytesPerSecond = (mbit * 1_000_000) / 8;
    const runs: Record<Transport, Awaited<ReturnType<typeof runLoop>>[]> = {
      sse: [],
      websocket: [],
    };
    for (let round = 0; round < ROUNDS; round++) {
      const order: Transport[] = round % 2 ? ['websocket', 'sse'] : ['sse', 'websocket'];
      for (const t of order) runs[t].push(await runLoop(emu, t, round));
    }
    const row = (t: Transport) => {
      const r = runs[t];
      const fb = r.map(x => x.firstByte);
      const firstTurn = median(fb.map(x => x[0]!));
      const laterTurns = median(fb.flatMap(x => x.slice(1)));
      return {
        bodies: median(r.map(x => x.bodies)),
        total: median(r.map(x => x.total)),
        wall: median(r.map(x => x.wall)),
        firstTurn,
        laterTurns,
        incremental: r[0]!.incremental,
      };
    };
    const sse = row('sse');
    const ws = row('websocket');
    console.log(`Uplink: ${mbit === 0 ? 'unlimited' : `${mbit} Mbit/s`}`);
    console.log(
      '| transport | uploaded (bodies / frames) | uploaded incl. headers | wall time | first byte sent: step 1 | steps 2–20 (median) | incremental steps |',
    );
    console.log('|---|---:|---:|---:|---:|---:|---:|');
    for (const [name, r] of [
      ['HTTP SSE', sse],
      ['WebSocket', ws],
    ] as const) {
      console.log(
        `| ${name} | ${kb(r.bodies)} | ${kb(r.total)} | ${fmt(r.wall)} ms | ${fmt(r.firstTurn, 1)} ms | ${fmt(r.laterTurns, 1)} ms | ${r.incremental}/${STEPS} |`,
      );
    }
    console.log(
      `WebSocket / SSE: uploaded ${fmt((100 * ws.total) / sse.total, 1)} % (bodies ${fmt((100 * ws.bodies) / sse.bodies, 1)} %), wall time ${fmt((100 * ws.wall) / sse.wall, 1)} %\n`,
    );
  }
} finally {
  await emu.close();
}
