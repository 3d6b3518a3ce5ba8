/**
 * `node --cpu-prof --import tsx bench/profile.ts [a|b] [runs]`: runs one contender
 * (ours by default, BENCH_CONTENDER=<index> for another) repeatedly on one workload, for
 * a CPU profile of the hot path.
 */
import { contenders } from './contenders';
import { inProcessFetch, reasoningAndTools, textDeltas } from './sse-workloads';

const workload = process.argv[2] === 'b' ? reasoningAndTools() : textDeltas();
const runs = Number(process.argv[3] ?? 100);
const contender = contenders[Number(process.env.BENCH_CONTENDER ?? 0)]!;
const started = performance.now();
for (let i = 0; i < runs; i++) await contender.run(inProcessFetch(workload));
console.log(
  `${contender.name} ${workload.name}: ${((performance.now() - started) / runs).toFixed(2)} ms/run`,
);
