/**
 * `node --import tsx bench/profile-shares.ts <file.cpuprofile>`: who the CPU time of a
 * profile (from `node --cpu-prof`) belongs to. Each sample goes to the nearest frame on
 * its stack that is code of a known owner — this package (src/), the AI SDK (`ai`), its
 * provider utils, @ai-sdk/openai, eventsource-parser, the benchmark itself — so Node's
 * stream and promise machinery counts for whoever called it; samples with no such frame
 * (microtask ticks that start inside Node, GC, idle) are shown by what they are.
 */
import { readFileSync } from 'node:fs';

type Node = {
  id: number;
  callFrame: { functionName: string; url: string };
  children?: number[];
};
type Profile = { nodes: Node[]; samples: number[]; timeDeltas: number[] };

const STARTUP = 'startup (module loading, tsx)';
const OWNERS: Array<[string, RegExp]> = [
  [STARTUP, /^node:internal\/modules\/|\/node_modules\/(tsx|esbuild|get-tsconfig)\//],
  ['this package (src/)', /\/src\//],
  ['ai (streamText, UI stream)', /node_modules\/ai\//],
  ['@ai-sdk/openai', /node_modules\/@ai-sdk\/openai\//],
  ['@ai-sdk/provider-utils', /node_modules\/@ai-sdk\/provider-utils\//],
  ['eventsource-parser', /node_modules\/eventsource-parser\//],
  ['zod', /node_modules\/zod\//],
  ['benchmark harness (bench/)', /\/bench\//],
  // fetch's body and the socket under it: per network read, whoever reads the body
  [
    'fetch (undici) and sockets',
    /^node:internal\/deps\/undici\/|^node:net$|^node:internal\/stream_base_commons$/,
  ],
];

const profile = JSON.parse(readFileSync(process.argv[2]!, 'utf8')) as Profile;
const byId = new Map(profile.nodes.map(n => [n.id, n]));
const parent = new Map<number, number>();
for (const n of profile.nodes) for (const c of n.children ?? []) parent.set(c, n.id);

const ownerOf = (n: Node) => OWNERS.find(([, re]) => re.test(n.callFrame.url))?.[0];
const owner = new Map<number, string>();
function resolve(id: number): string {
  const known = owner.get(id);
  if (known != null) return known;
  const node = byId.get(id)!;
  let result = ownerOf(node);
  // module loading anywhere up the stack makes the whole sample startup
  const up0 = parent.get(id);
  if (result !== STARTUP && up0 != null && resolve(up0) === STARTUP) result = STARTUP;
  if (result == null) {
    const up = parent.get(id);
    const name = node.callFrame.functionName;
    if (up == null || name === '(root)') result = 'no owner on stack';
    else if (['(garbage collector)', '(idle)', '(program)'].includes(name)) result = name;
    else {
      result = resolve(up);
      if (result === 'no owner on stack' || result === '(root)')
        result = node.callFrame.url.startsWith('node:')
          ? 'Node internals (streams, promises)'
          : 'other';
    }
  }
  owner.set(id, result);
  return result;
}

const totals = new Map<string, number>();
const selfTimes = new Map<number, number>();
let all = 0;
profile.samples.forEach((id, i) => {
  const dt = profile.timeDeltas[i] ?? 0;
  const who = resolve(id);
  totals.set(who, (totals.get(who) ?? 0) + dt);
  if (who === '(idle)' || who === STARTUP) return;
  all += dt;
  selfTimes.set(id, (selfTimes.get(id) ?? 0) + dt);
});
console.log(`startup excluded: ${Math.round((totals.get(STARTUP) ?? 0) / 1000)} ms`);
const rows = [...totals]
  .filter(([who]) => who !== '(idle)' && who !== STARTUP)
  .sort((a, b) => b[1] - a[1])
  .map(([who, us]) => ({
    owner: who,
    ms: Math.round(us / 1000),
    share: `${((100 * us) / all).toFixed(1)} %`,
  }));
console.table(rows);

// the heaviest functions by self time, with the owner their samples went to
const byFunction = new Map<string, { ms: number; owner: string }>();
for (const [id, us] of selfTimes) {
  const { functionName, url } = byId.get(id)!.callFrame;
  const key = `${functionName || '(anonymous)'} ${url.replace(/^.*\/(node_modules|src|bench)\//, '$1/')}`;
  const entry = byFunction.get(key) ?? { ms: 0, owner: resolve(id) };
  entry.ms += us / 1000;
  byFunction.set(key, entry);
}
console.table(
  [...byFunction]
    .sort((a, b) => b[1].ms - a[1].ms)
    .slice(0, Number(process.env.TOP ?? 20))
    .map(([fn, { ms, owner }]) => ({ function: fn, ms: Math.round(ms), owner })),
);
