/**
 * `npm run bench`: every contender on the same Codex-format bytes, side by side.
 * Prints a table and writes bench/results.json. Not part of `npm test`.
 */
import { execFile } from 'node:child_process';
import { writeFileSync } from 'node:fs';
import { cpus } from 'node:os';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';
import { createOpenAI } from '@ai-sdk/openai';
import type { LanguageModelV2 } from '@ai-sdk/provider';
import { createCodex } from '../src';
import { startCodexEmulator } from '../test/support/codex-emulator';
import { responseEvents, toSSE } from '../test/support/codex-events';
import {
  contenders,
  ours,
  oursUncoalesced,
  openai,
  v2Floor,
  rawFloor,
  type Contender,
} from './contenders';
import { inProcessFetch, reasoningAndTools, textDeltas, type Workload } from './sse-workloads';

const ROUNDS = Number(process.env.BENCH_ROUNDS ?? 15);
const WARMUP = 10;
const gc = (globalThis as { gc?: () => void }).gc;

const median = (xs: number[]) => {
  const s = [...xs].sort((a, b) => a - b);
  const m = s.length >> 1;
  return s.length % 2 ? s[m]! : (s[m - 1]! + s[m]!) / 2;
};
const round = (x: number, digits = 1) => +x.toFixed(digits);

/** Median wall time per contender, runs alternating so drift hits everyone alike. */
async function timeWorkload(workload: Workload, list: Contender[]) {
  const times = new Map<Contender, number[]>(list.map(c => [c, []]));
  const chars = (await rawFloor.run(inProcessFetch(workload))).chars;
  for (let i = 0; i < WARMUP; i++) for (const c of list) await c.run(inProcessFetch(workload));
  for (let r = 0; r < ROUNDS; r++) {
    const order = list.map((_, i) => list[(i + r) % list.length]!);
    for (const c of order) {
      gc?.();
      const t = performance.now();
      const result = await c.run(inProcessFetch(workload));
      times.get(c)!.push(performance.now() - t);
      // coalescing may join deltas into fewer parts, never lose text
      const joined =
        c === ours ? result.deltas <= workload.deltas : result.deltas === workload.deltas;
      if (!joined || result.chars !== chars || result.errors > 0) {
        throw new Error(
          `${c.name} read ${result.deltas}/${workload.deltas} deltas, ${result.chars}/${chars} chars, ${result.errors} errors`,
        );
      }
    }
  }
  return new Map([...times].map(([c, t]) => [c.name, median(t)]));
}

/** Time from the first body byte to the first delta part, in ms. */
async function firstDelta(list: Contender[]) {
  const workload = textDeltas(50);
  const out = new Map<string, number[]>(list.map(c => [c.name, []]));
  for (let r = 0; r < 20 + ROUNDS * 20; r++) {
    for (const c of list) {
      let t0 = 0;
      let t1 = 0;
      await c.run(
        inProcessFetch(workload, () => (t0 = performance.now())),
        () => (t1 = performance.now()),
      );
      if (r >= 20) out.get(c.name)!.push(t1 - t0);
    }
  }
  return new Map([...out].map(([name, t]) => [name, median(t)]));
}

async function memory() {
  const child = fileURLToPath(new URL('./memory-child.ts', import.meta.url));
  const run = promisify(execFile);
  const results: Array<Record<string, unknown>> = [];
  for (const [i, c] of contenders.entries()) {
    if (c === rawFloor) continue;
    const { stdout } = await run(
      process.execPath,
      ['--expose-gc', '--import', 'tsx', child, String(i), '50'],
      {
        maxBuffer: 1 << 20,
      },
    );
    results.push(JSON.parse(stdout));
  }
  return results;
}

/** 100 concurrent streams over the loopback emulator, ours and @ai-sdk/openai. */
async function concurrentOverEmulator() {
  const emulator = await startCodexEmulator();
  const body = toSSE(
    responseEvents({
      output: [{ type: 'message', text: 'word '.repeat(500), chunks: Array(500).fill('word ') }],
    }),
  );
  emulator.inject = () => ({ kind: 'sse', raw: body, chunkSize: 2048 });
  const models: Array<[string, LanguageModelV2, object]> = [
    [
      ours.name,
      createCodex({ baseURL: emulator.baseURL, auth: { accessToken: 'bench' } })('gpt-5.3-codex'),
      {},
    ],
    [
      openai.name,
      createOpenAI({ baseURL: emulator.baseURL, apiKey: 'bench' }).responses('gpt-5.3-codex'),
      { openai: { store: false, instructions: 'Benchmark.' } },
    ],
  ];
  const times = new Map<string, number[]>(models.map(([name]) => [name, []]));
  for (let r = 0; r < WARMUP + ROUNDS; r++) {
    for (const [name, model, providerOptions] of r % 2 ? [...models].reverse() : models) {
      const t = performance.now();
      await Promise.all(
        Array.from({ length: 100 }, async () => {
          const { stream } = await model.doStream({
            prompt: [{ role: 'user', content: [{ type: 'text', text: 'Hi' }] }],
            providerOptions: providerOptions as never,
          });
          const reader = stream.getReader();
          let chars = 0;
          for (let x = await reader.read(); !x.done; x = await reader.read())
            if (x.value.type === 'text-delta') chars += x.value.delta.length;
          if (chars !== 2500) throw new Error(`${name}: ${chars} of 2500 chars`);
        }),
      );
      if (r >= WARMUP) times.get(name)!.push(performance.now() - t);
    }
  }
  await emulator.close();
  return new Map([...times].map(([name, t]) => [name, median(t)]));
}

const workloads = [textDeltas(20_000), reasoningAndTools()];
const rows: Array<Record<string, unknown>> = [];
const table: Array<Record<string, string | number>> = [];

for (const workload of workloads) {
  const t = await timeWorkload(workload, contenders);
  const [o, a, v2, raw, u] = [ours, openai, v2Floor, rawFloor, oursUncoalesced].map(c =>
    t.get(c.name)!,
  ) as [number, number, number, number, number];
  rows.push({
    workload: workload.name,
    medianMs: Object.fromEntries(t),
    ratios: {
      oursToOpenai: o / a,
      oursToV2Floor: o / v2,
      oursToRawFloor: o / raw,
      uncoalescedToV2Floor: u / v2,
    },
  });
  table.push({
    workload: workload.name,
    ours: round(o),
    'ours, no coalescing': round(u),
    openai: round(a),
    'V2 floor': round(v2),
    'raw floor': round(raw),
    'ours/openai': round(o / a, 2),
    'ours/V2': round(o / v2, 2),
    'no coalescing/V2': round(u / v2, 2),
    'ours/raw': round(o / raw, 2),
  });
}

const fd = await firstDelta(contenders);
const [fo, fa, fv, fr] = [ours, openai, v2Floor, rawFloor].map(c => fd.get(c.name)!) as [
  number,
  number,
  number,
  number,
];
rows.push({
  workload: '(d) first byte → first delta',
  medianMs: Object.fromEntries(fd),
  oursOverV2FloorMs: fo - fv,
});
table.push({
  workload: '(d) first byte → first delta',
  ours: round(fo, 3),
  openai: round(fa, 3),
  'V2 floor': round(fv, 3),
  'raw floor': round(fr, 3),
  'ours/openai': round(fo / fa, 2),
  'ours/V2': round(fo / fv, 2),
  'ours/raw': round(fo / fr, 2),
});

const concurrent = await concurrentOverEmulator();
const co = concurrent.get(ours.name)!;
const ca = concurrent.get(openai.name)!;
rows.push({
  workload: '(e) 100 concurrent streams, loopback emulator',
  medianMs: Object.fromEntries(concurrent),
});
table.push({
  workload: '(e) 100 streams over loopback',
  ours: round(co),
  openai: round(ca),
  'ours/openai': round(co / ca, 2),
});

console.log(
  `Medians of ${ROUNDS} alternating runs after ${WARMUP} warm-ups, in ms (Node ${process.version}, ${cpus()[0]?.model ?? 'cpu'})`,
);
console.table(table);

const mem = await memory();
rows.push({ workload: '(c) 50 MB stream, memory', results: mem });
console.log('(c) 50 MB stream: growth over baseline, fresh process each');
console.table(mem);

writeFileSync(
  new URL('./results.json', import.meta.url),
  `${JSON.stringify({ date: new Date().toISOString(), node: process.version, cpu: cpus()[0]?.model, rounds: ROUNDS, results: rows }, null, 2)}\n`,
);
console.log('wrote bench/results.json');
