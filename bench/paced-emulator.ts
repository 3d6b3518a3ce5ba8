/**
 * Child process of bench/scale.ts: the loopback Codex emulator answering every request with
 * BENCH_DELTAS text deltas paced at BENCH_RATE deltas/s, in its own process so that serving
 * does not share the measured event loop. Prints `{"baseURL":…}`; answers each `elu` line on
 * stdin with its event-loop utilisation since the previous one.
 */
import { performance } from 'node:perf_hooks';
import { createInterface } from 'node:readline';
import { startCodexEmulator } from '../test/support/codex-emulator';
import { responseEvents, toSSE } from '../test/support/codex-events';

const deltas = Number(process.env.BENCH_DELTAS ?? 350);
const rate = Number(process.env.BENCH_RATE ?? 100);
const words = ['The ', 'quick ', 'brown ', 'fox ', 'jumps ', 'over ', 'the ', 'lazy ', 'dog. '];
const chunks = Array.from({ length: deltas }, (_, i) => words[i % words.length]!);
const body = toSSE(
  responseEvents({ output: [{ type: 'message', text: chunks.join(''), chunks }] }),
);

const emulator = await startCodexEmulator();
emulator.inject = () => ({ kind: 'sse', raw: body, deltasPerSecond: rate });
console.log(JSON.stringify({ baseURL: emulator.baseURL, textLength: chunks.join('').length }));

let last = performance.eventLoopUtilization();
createInterface({ input: process.stdin }).on('line', line => {
  if (line !== 'elu') return;
  const now = performance.eventLoopUtilization();
  console.log(JSON.stringify({ elu: performance.eventLoopUtilization(now, last).utilization }));
  last = now;
});
process.stdin.on('end', () => void emulator.close().then(() => process.exit(0)));
