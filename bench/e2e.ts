/**
 * `npm run bench:e2e` — (g) what a user reads: `streamText(...).textStream` and the body of
 * `streamText(...).toUIMessageStreamResponse()`, each read to the end, ours and
 * @ai-sdk/openai side by side on the same bytes from an in-process fetch that serves
 * pre-encoded chunks. Prints a table and writes bench/results-e2e.json.
 * To profile one slice: `BENCH_ONLY=<contender name part> BENCH_WORKLOAD=a|b BENCH_PATH=text|ui
 * node --cpu-prof --import tsx bench/e2e.ts`, then `bench/profile-shares.ts` on the profile.
 */
import { writeFileSync } from 'node:fs';
import { streamText } from 'ai';
import { benchEnvironment } from './bench-environment';
import { median, round } from './bench-stats';
import { inProcessFetch, reasoningAndTools, textDeltas, type Workload } from './sse-workloads';
import {
  benchTools,
  openaiModel,
  oursModel,
  oursUncoalescedModel,
  type StreamTextContender,
} from './stream-text-models';

const ROUNDS = Number(process.env.BENCH_ROUNDS ?? 7);
const WARMUP = Number(process.env.BENCH_WARMUP ?? 2);
const gc = (globalThis as { gc?: () => void }).gc;

type Path = 'textStream' | 'UI message stream response';
type Outcome = { chunks: number; chars: number; toolCalls: number };

const contenders = [oursModel, openaiModel, oursUncoalescedModel].filter(
  c => process.env.BENCH_ONLY == null || c.name.includes(process.env.BENCH_ONLY),
);
const paths = (['textStream', 'UI message stream response'] as Path[]).filter(
  p => process.env.BENCH_PATH == null || p.toLowerCase().startsWith(process.env.BENCH_PATH),
);
const workloads: Array<{ workload: Workload; toolCalls: number }> = [
  { workload: textDeltas(20_000, { chunkSize: 4096 }), toolCalls: 0 },
  { workload: reasoningAndTools({ chunkSize: 4096 }), toolCalls: 200 },
].filter(
  w =>
    process.env.BENCH_WORKLOAD == null ||
    w.workload.name.startsWith(`(${process.env.BENCH_WORKLOAD})`),
);

async function runOnce(c: StreamTextContender, workload: Workload, path: Path): Promise<Outcome> {
  const errors: unknown[] = [];
  const result = streamText({
    model: c.model('http://bench.invalid/v1', inProcessFetch(workload)),
    prompt: 'Benchmark',
    tools: benchTools,
    providerOptions: c.providerOptions,
    onError: ({ error }) => void errors.push(error),
  });
  let chunks = 0;
  let chars = 0;
  if (path === 'textStream') {
    for await (const text of result.textStream) {
      chunks++;
      chars += text.length;
    }
  } else {
    const reader = result.toUIMessageStreamResponse().body!.getReader();
    for (let r = await reader.read(); !r.done; r = await reader.read()) {
      chunks++;
      chars += r.value.length;
    }
  }
  if (errors.length > 0) throw new Error(`${c.name}: ${String(errors[0])}`);
  return { chunks, chars, toolCalls: (await result.toolCalls).length };
}

const rows: Array<Record<string, unknown>> = [];
const table: Array<Record<string, string | number>> = [];

for (const { workload, toolCalls } of workloads) {
  for (const path of paths) {
    const times = new Map<StreamTextContender, number[]>(contenders.map(c => [c, []]));
    const outcomes = new Map<StreamTextContender, Outcome>();
    for (let r = 0; r < WARMUP + ROUNDS; r++) {
      const order = r % 2 ? [...contenders].reverse() : contenders;
      for (const c of order) {
        gc?.();
        const t = performance.now();
        const outcome = await runOnce(c, workload, path);
        const ms = performance.now() - t;
        if (outcome.toolCalls !== toolCalls)
          throw new Error(`${c.name}: ${outcome.toolCalls}/${toolCalls} tool calls`);
        outcomes.set(c, outcome);
        if (r >= WARMUP) times.get(c)!.push(ms);
      }
    }
    // both read the same text (the UI stream's bytes differ: ids and framing)
    const texts = new Set(contenders.map(c => outcomes.get(c)!.chars));
    if (path === 'textStream' && texts.size > 1)
      throw new Error(`text differs between contenders: ${[...texts].join(' vs ')} chars`);
    const ms = contenders.map(c => median(times.get(c)!));
    rows.push({
      workload: workload.name,
      path,
      medianMs: Object.fromEntries(contenders.map((c, i) => [c.name, ms[i]])),
      chunksRead: Object.fromEntries(contenders.map(c => [c.name, outcomes.get(c)!.chunks])),
    });
    const row: Record<string, string | number> = { workload: workload.name, path };
    contenders.forEach((c, i) => {
      row[`${c.name} ms`] = round(ms[i]!);
      row[`${c.name} chunks`] = outcomes.get(c)!.chunks;
    });
    const msOf = (c: StreamTextContender) => ms[contenders.indexOf(c)] ?? NaN;
    row['ours/openai'] = round(msOf(oursModel) / msOf(openaiModel), 2);
    row['no coalescing/openai'] = round(msOf(oursUncoalescedModel) / msOf(openaiModel), 2);
    table.push(row);
    console.log(row);
  }
}

const versions = await benchEnvironment();
console.log(
  `(g) streamText end to end: medians of ${ROUNDS} alternating runs after ${WARMUP} warm-ups, in ms`,
  versions,
);
console.table(table);
writeFileSync(
  new URL('./results-e2e.json', import.meta.url),
  `${JSON.stringify({ date: new Date().toISOString(), ...versions, rounds: ROUNDS, results: rows }, null, 2)}\n`,
);
console.log('wrote bench/results-e2e.json');
