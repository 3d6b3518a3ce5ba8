/**
 * `npm run bench:scale` — (h) how many concurrent `streamText` → `toUIMessageStreamResponse()`
 * streams one process holds while every reader still sees smooth text. The loopback
 * emulator (a child process, bench/paced-emulator.ts) paces each stream at 100 deltas/s; a
 * trial passes while the p99 gap between consecutive deltas at the readers stays under
 * 250 ms and no stream ends more than 250 ms behind the server. N doubles until a trial
 * fails, then bisects; each N is decided by a majority of trials, and the contenders take
 * turns so machine drift hits all of them. Loopback only; every loop is bounded in count
 * and time. Prints the trials and the result and writes bench/results-scale.json.
 *
 * BENCH_GAP=chunk judges the gap between UI chunks instead of between backend deltas
 * (stricter for coalesced streams, whose chunks carry several deltas); BENCH_N=<n> runs
 * one trial at that N; BENCH_ONLY=<name part> one contender.
 */
import { spawn } from 'node:child_process';
import { setMaxListeners } from 'node:events';
import { writeFileSync } from 'node:fs';
import { performance } from 'node:perf_hooks';
import { createInterface } from 'node:readline';
import { fileURLToPath } from 'node:url';
import { streamText } from 'ai';
import { benchEnvironment } from './bench-environment';
import { median, quantile, round } from './bench-stats';
import {
  openaiModel,
  oursModel,
  oursUncoalescedModel,
  type StreamTextContender,
} from './stream-text-models';

const RATE = 100; // deltas per second per stream
const DELTAS = Number(process.env.BENCH_DELTAS ?? 350); // 3.5 s of text per stream
const RAMP_MS = 1000; // streams start spread over this, as requests arrive in a server
const GAP_LIMIT_MS = 250;
// which gap must stay under the limit: between backend deltas (default), or between UI chunks
const GAP: 'delta' | 'chunk' = process.env.BENCH_GAP === 'chunk' ? 'chunk' : 'delta';
const START_N = Number(process.env.BENCH_START_N ?? 32);
const MAX_N = 4096;
const MAX_TRIALS = Number(process.env.BENCH_MAX_TRIALS ?? 10); // search steps per contender
// an overloaded trial is a failed one: stop it 5 s past its nominal end
const TRIAL_TIMEOUT_MS = RAMP_MS + (DELTAS * 1000) / RATE + 5_000;
const gc = (globalThis as { gc?: () => void }).gc;
const sleep = (ms: number) => new Promise(r => setTimeout(r, ms));

const contenders = [oursModel, openaiModel, oursUncoalescedModel].filter(
  c => process.env.BENCH_ONLY == null || c.name.includes(process.env.BENCH_ONLY),
);

// --- the paced emulator, in its own process ---
const server = spawn(
  process.execPath,
  ['--import', 'tsx', fileURLToPath(new URL('./paced-emulator.ts', import.meta.url))],
  {
    env: { ...process.env, BENCH_DELTAS: String(DELTAS), BENCH_RATE: String(RATE) },
    stdio: ['pipe', 'pipe', 'inherit'],
  },
);
const serverLines = createInterface({ input: server.stdout! })[Symbol.asyncIterator]();
const nextServerLine = async () => JSON.parse((await serverLines.next()).value as string);
const { baseURL, textLength } = (await nextServerLine()) as {
  baseURL: string;
  textLength: number;
};
const serverElu = async (): Promise<number> => {
  server.stdin!.write('elu\n');
  return ((await nextServerLine()) as { elu: number }).elu;
};

// `data: {"type":"text-delta",…` — the UI stream frames one chunk per read
const TEXT_DELTA = new TextEncoder().encode('data: {"type":"text-delta"');
const isTextDelta = (bytes: Uint8Array) => {
  if (bytes.length < TEXT_DELTA.length) return false;
  for (let i = 15; i < TEXT_DELTA.length; i++) if (bytes[i] !== TEXT_DELTA[i]) return false;
  return true;
};
/**
 * How many of the server's deltas a text-delta chunk carries: every delta the emulator
 * sends is one word and one trailing space, and the frame has one space of its own.
 */
const deltasIn = (bytes: Uint8Array) => {
  let spaces = -1;
  for (let i = 0; i < bytes.length; i++) if (bytes[i] === 32) spaces++;
  return spaces;
};

type Trial = {
  contender: string;
  n: number;
  pass: boolean;
  /**
   * Gaps between consecutive deltas at the reader: the wait before a chunk, then 0 for each
   * further delta it carries — so a coalesced chunk of k deltas and a burst of k chunks from
   * one read count alike.
   */
  p50GapMs: number;
  p99GapMs: number;
  maxGapMs: number;
  /** Gaps between consecutive text-delta chunks, whatever they carry. */
  p99ChunkGapMs: number;
  /**
   * How far behind the server's clock a stream's text ended, p99 over the streams: its
   * first-to-last delta time at the reader minus the time the server took to send them.
   */
  p99LagMs: number;
  /** Client event-loop utilisation while all N streams were running. */
  elu: number;
  serverElu: number;
  /** Client CPU time (user + system) per 1 000 deltas: what the load costs, whatever else runs. */
  cpuMsPer1000Deltas: number;
  /** Text deltas the server sent per text-delta chunk the readers saw. */
  deltasPerChunk: number;
  failed: number;
  wallMs: number;
};

async function trial(c: StreamTextContender, n: number): Promise<Trial> {
  const model = c.model(baseURL);
  const abort = new AbortController();
  setMaxListeners(0, abort.signal); // one listener per stream
  const timeout = setTimeout(() => abort.abort(), TRIAL_TIMEOUT_MS);
  const gaps: number[] = [];
  const chunkGaps: number[] = [];
  const lags: number[] = [];
  let deltaChunks = 0;
  let deltas = 0;
  let failed = 0;
  await serverElu();
  const started = performance.now();
  const cpuFrom = process.cpuUsage();
  let eluFrom = performance.eventLoopUtilization();
  let elu = NaN;
  let serverUtil: Promise<number> = Promise.resolve(NaN);
  // all streams run between RAMP_MS and the nominal end of the first one
  const windowStart = setTimeout(() => {
    eluFrom = performance.eventLoopUtilization();
    void serverElu();
  }, RAMP_MS);
  const windowEnd = setTimeout(
    () => {
      elu = performance.eventLoopUtilization(eluFrom).utilization;
      serverUtil = serverElu();
    },
    (DELTAS * 1000) / RATE,
  );

  const one = async (i: number) => {
    await sleep((i * RAMP_MS) / n);
    try {
      const errors: unknown[] = [];
      const result = streamText({
        model,
        prompt: 'Hi',
        providerOptions: c.providerOptions,
        abortSignal: abort.signal,
        onError: ({ error }) => void errors.push(error),
      });
      const reader = result.toUIMessageStreamResponse().body!.getReader();
      let first = 0;
      let last = 0;
      for (let r = await reader.read(); !r.done; r = await reader.read()) {
        if (!isTextDelta(r.value)) continue;
        const now = performance.now();
        const k = deltasIn(r.value);
        if (last !== 0) {
          gaps.push(now - last);
          chunkGaps.push(now - last);
        } else first = now;
        for (let j = 1; j < k; j++) gaps.push(0);
        last = now;
        deltaChunks++;
        deltas += k;
      }
      lags.push(last - first - ((DELTAS - 1) * 1000) / RATE);
      if (errors.length > 0 || (await result.text).length !== textLength) failed++;
    } catch {
      failed++;
    }
  };
  await Promise.all(Array.from({ length: n }, (_, i) => one(i)));
  const wallMs = performance.now() - started;
  const cpu = process.cpuUsage(cpuFrom);
  clearTimeout(timeout);
  clearTimeout(windowStart);
  clearTimeout(windowEnd);
  if (Number.isNaN(elu)) elu = performance.eventLoopUtilization(eluFrom).utilization;
  if (failed === 0 && deltas !== n * DELTAS) throw new Error(`counted ${deltas} deltas`);
  const p99GapMs = quantile(gaps, 0.99);
  const p99LagMs = quantile(lags, 0.99);
  return {
    contender: c.name,
    n,
    // An overloaded reader gets bursts (many deltas from one read, microseconds apart), so
    // the gap percentile alone can look fine while every stream falls seconds behind.
    pass:
      failed === 0 &&
      (GAP === 'chunk' ? quantile(chunkGaps, 0.99) : p99GapMs) < GAP_LIMIT_MS &&
      p99LagMs < GAP_LIMIT_MS,
    p50GapMs: round(quantile(gaps, 0.5)),
    p99GapMs: round(p99GapMs),
    maxGapMs: round(gaps.reduce((a, b) => Math.max(a, b), 0)),
    p99ChunkGapMs: round(quantile(chunkGaps, 0.99)),
    p99LagMs: round(p99LagMs),
    elu: round(elu, 2),
    serverElu: round(await serverUtil, 2),
    cpuMsPer1000Deltas: round((cpu.user + cpu.system) / n / DELTAS, 1),
    deltasPerChunk: round(deltas / deltaChunks, 2),
    failed,
    wallMs: Math.round(wallMs),
  };
}

/** Doubling until the first failure, then bisection to within 10 %. */
function* search(): Generator<number, void, boolean> {
  if (process.env.BENCH_N != null) {
    yield Number(process.env.BENCH_N); // one trial at a fixed N, e.g. for a CPU profile
    return;
  }
  let pass = 0;
  let fail = Infinity;
  let n = START_N;
  for (;;) {
    if (yield n) pass = Math.max(pass, n);
    else fail = Math.min(fail, n);
    if (fail === Infinity) {
      if (n >= MAX_N) return;
      n *= 2;
    } else {
      if (fail - pass <= Math.max(2, pass * 0.1)) return;
      n = Math.round((pass + fail) / 2);
    }
  }
}

// warm-up: JIT and connection pools, not counted
for (const c of contenders) await trial(c, 8);

/**
 * A shared machine stalls processes now and then, so one trial can fail (or pass) by luck:
 * each N is decided by the majority of up to VOTES trials, and contenders take turns.
 */
const VOTES = Number(process.env.BENCH_VOTES ?? 3);
const trials: Trial[] = [];
const decided = new Map<StreamTextContender, Array<{ n: number; pass: boolean }>>(
  contenders.map(c => [c, []]),
);
const searches = new Map(contenders.map(c => [c, search()]));
const next = new Map(contenders.map(c => [c, searches.get(c)!.next()]));
const tally = new Map(contenders.map(c => [c, { pass: 0, fail: 0 }]));
for (let round = 0; round < MAX_TRIALS * VOTES && [...next.values()].some(s => !s.done); round++) {
  for (const c of contenders) {
    const step = next.get(c)!;
    if (step.done) continue;
    gc?.();
    await sleep(300);
    const t = await trial(c, step.value);
    trials.push(t);
    console.log(JSON.stringify(t));
    const votes = tally.get(c)!;
    votes[t.pass ? 'pass' : 'fail']++;
    const majority = Math.floor(VOTES / 2) + 1;
    if (votes.pass < majority && votes.fail < majority) continue;
    decided.get(c)!.push({ n: step.value, pass: votes.pass >= majority });
    tally.set(c, { pass: 0, fail: 0 });
    next.set(c, searches.get(c)!.next(votes.pass >= majority));
  }
}
server.stdin!.end();

const med = (xs: number[]) => round(median(xs), 2);
const summary = contenders.map(c => {
  const steps = decided.get(c)!;
  const best = Math.max(0, ...steps.filter(s => s.pass).map(s => s.n));
  const firstFail = Math.min(...steps.filter(s => !s.pass && s.n > best).map(s => s.n));
  const at = trials.filter(t => t.contender === c.name && t.n === best);
  return {
    contender: c.name,
    'max N': best,
    // medians over the trials at that N
    'p99 gap ms': med(at.map(t => t.p99GapMs)),
    'p99 chunk gap ms': med(at.map(t => t.p99ChunkGapMs)),
    'p99 lag ms': med(at.map(t => t.p99LagMs)),
    'client ELU': med(at.map(t => t.elu)),
    'server ELU': med(at.map(t => t.serverElu)),
    'CPU ms / 1000 deltas': med(at.map(t => t.cpuMsPer1000Deltas)),
    'deltas/chunk': med(at.map(t => t.deltasPerChunk)),
    'first failing N': Number.isFinite(firstFail) ? firstFail : `> ${MAX_N}`,
  };
});
const versions = await benchEnvironment();
console.log(
  `(h) concurrent streamText → UI message stream responses, ${RATE} deltas/s per stream, ${DELTAS} deltas each; p99 ${GAP} gap and lag < ${GAP_LIMIT_MS} ms`,
  versions,
);
console.table(trials);
console.table(summary);
const maxN = (c: StreamTextContender) => summary.find(s => s.contender === c.name)?.['max N'];
for (const c of [oursModel, oursUncoalescedModel]) {
  const [n, a] = [maxN(c), maxN(openaiModel)];
  if (n != null && a != null)
    console.log(`${c.name} holds ${round(n / a, 2)} × the streams of ${openaiModel.name}`);
}
writeFileSync(
  new URL('./results-scale.json', import.meta.url),
  `${JSON.stringify({ date: new Date().toISOString(), ...versions, rate: RATE, deltas: DELTAS, gap: GAP, trials, summary }, null, 2)}\n`,
);
console.log('wrote bench/results-scale.json');
