/**
 * Runs one contender over the 50 MB workload in a fresh process and prints its memory
 * growth as JSON: peak RSS and peak heap + ArrayBuffers above the baseline.
 * Usage: node --expose-gc --import tsx bench/memory-child.ts <contender index> [MB]
 */
import { contenders } from './contenders';
import { bigStream, type Workload } from './sse-workloads';

const contender = contenders[Number(process.argv[2])]!;
const workload = bigStream(Number(process.argv[3] ?? 50));

const gc = (globalThis as { gc?: () => void }).gc;
gc?.();
const base = process.memoryUsage();
let peakRss = base.rss;
let peakHeap = base.heapUsed + base.arrayBuffers;

// Sample from the source side: the pipeline runs in microtasks, so a timer would not fire.
const sampled: Workload = {
  ...workload,
  *chunks() {
    let n = 0;
    for (const chunk of workload.chunks()) {
      if (++n % 64 === 0) {
        const m = process.memoryUsage();
        peakRss = Math.max(peakRss, m.rss);
        peakHeap = Math.max(peakHeap, m.heapUsed + m.arrayBuffers);
      }
      yield chunk;
    }
  },
};

const { inProcessFetch } = await import('./sse-workloads');
const started = performance.now();
const result = await contender.run(inProcessFetch(sampled));
const ms = performance.now() - started;
const MB = 1024 * 1024;
console.log(
  JSON.stringify({
    contender: contender.name,
    ms: Math.round(ms),
    deltas: result.deltas,
    errors: result.errors,
    peakRssGrowthMB: +((peakRss - base.rss) / MB).toFixed(1),
    peakHeapGrowthMB: +((peakHeap - base.heapUsed - base.arrayBuffers) / MB).toFixed(1),
  }),
);
