/**
 * `npm run soak` — the fault soak at full size: `streamText` calls through the provider
 * against the loopback emulator, each with a fault drawn from a seed (resets before and
 * after content, 5xx and HTML pages quoting the token, 429s, stalls, truncation, malformed
 * and error events, 2 MiB deltas, 1-byte writes, socket closes), over HTTP SSE and
 * WebSocket. Prints what happened per transport and exits 1 if any call got wrong text,
 * showed the token, was retried after content or hung (test/support/fault-soak.ts).
 *
 *   npm run soak -- --calls 2000 --concurrency 50 --seed 25 --transport both
 *   npm run soak -- --sdk ai6          # ai@6's streamText over the /v3 entry
 */
import { parseArgs } from 'node:util';
import { brokenInvariants, runFaultSoak, type SoakReport } from '../test/support/fault-soak';
import { faultNames, type SoakTransport } from '../test/support/fault-soak-calls';
import { benchEnvironment } from './bench-environment';

const USAGE =
  'Usage: npm run soak -- [--calls N] [--concurrency C] [--seed S] [--transport sse|websocket|both] [--idle-timeout MS] [--deadline MS] [--sdk ai5|ai6]';

const SOAK_TRANSPORTS: SoakTransport[] = ['sse', 'websocket'];

function isOneOf<T extends string>(value: string, choices: readonly T[]): value is T {
  return choices.some(choice => choice === value);
}

function options() {
  const { values } = parseArgs({
    options: {
      calls: { type: 'string', default: '2000' },
      concurrency: { type: 'string', default: '50' },
      seed: { type: 'string', default: '25' },
      transport: { type: 'string', default: 'both' },
      'idle-timeout': { type: 'string', default: '500' },
      deadline: { type: 'string', default: '30000' },
      sdk: { type: 'string', default: 'ai5' },
    },
  });
  const count = (name: keyof typeof values, min: number) => {
    const value = Number(values[name]);
    if (!Number.isInteger(value) || value < min) {
      throw new Error(`--${name} must be a whole number of at least ${min}, not "${values[name]}"`);
    }
    return value;
  };
  const transport = values.transport;
  if (!isOneOf(transport, ['sse', 'websocket', 'both'] as const)) {
    throw new Error(`--transport must be sse, websocket or both, not "${transport}"`);
  }
  const sdk = values.sdk;
  if (!isOneOf(sdk, ['ai5', 'ai6'] as const)) {
    throw new Error(`--sdk must be ai5 (the root entry) or ai6 (/v3), not "${sdk}"`);
  }
  return {
    sdk,
    calls: count('calls', 1),
    concurrency: count('concurrency', 1),
    seed: count('seed', 0),
    transports: transport === 'both' ? SOAK_TRANSPORTS : [transport],
    streamIdleTimeoutMs: count('idle-timeout', 1),
    callDeadlineMs: count('deadline', 1),
  };
}

const LABEL = { sse: 'HTTP SSE', websocket: 'WebSocket' } as const;

function printReports(reports: SoakReport[]) {
  const sum = (counts: Record<string, number>) => Object.values(counts).reduce((a, b) => a + b, 0);
  console.log(
    '| transport | calls | correct | clean errors | wrong text | errors without a message | token leaks | retries after content | hangs | requests (over a socket) | wall time |',
  );
  console.log('|---|--:|--:|--:|--:|--:|--:|--:|--:|--:|--:|');
  for (const r of reports) {
    console.log(
      `| ${LABEL[r.transport]} | ${r.calls} | ${r.correct} | ${sum(r.errors)} | ${r.wrongText} | ${r.unclearErrors} | ${r.leaks} | ${r.retriesAfterContent} | ${r.hangs} | ${r.requests} (${r.socketRequests}) | ${(r.wallMs / 1000).toFixed(1)} s |`,
    );
  }

  const table = (title: string, rows: string[], cell: (r: SoakReport, row: string) => string) => {
    console.log(`\n| ${title} | ${reports.map(r => LABEL[r.transport]).join(' | ')} |`);
    console.log(`|---|${reports.map(() => '--:|').join('')}`);
    for (const row of rows)
      console.log(`| ${row} | ${reports.map(r => cell(r, row)).join(' | ')} |`);
  };
  const kinds = [...new Set(reports.flatMap(r => Object.keys(r.errors)))].sort();
  table('clean errors by kind', kinds, (r, kind) => String(r.errors[kind] ?? 0));
  console.log('\nOne message of each kind:');
  for (const kind of kinds) {
    const sample = reports.map(r => r.errorSamples[kind]).find(s => s != null);
    console.log(`  ${kind}: ${sample}`);
  }
  const faults = [...new Set(SOAK_TRANSPORTS.flatMap(faultNames))];
  table('fault: calls → correct / clean error', faults, (r, fault) => {
    const f = r.byFault[fault];
    if (f == null) return '–';
    const kinds = Object.entries(f.kinds)
      .sort(([, a], [, b]) => b - a)
      .map(([kind, n]) => `${kind} ${n}`);
    return `${f.calls} → ${f.correct} / ${f.errors}${kinds.length > 0 ? ` (${kinds.join(', ')})` : ''}`;
  });

  const violations = reports.flatMap(r =>
    r.violations.map(v => `${LABEL[r.transport]}, call ${v.call} (${v.fault}): ${v.what}`),
  );
  if (violations.length > 0) {
    console.log(`\nBroken invariants (first 30 of ${violations.length}):`);
    for (const line of violations.slice(0, 30)) console.log(`  ${line}`);
  }
}

async function aiV6Version(): Promise<string> {
  return (await import('ai-v6/package.json', { with: { type: 'json' } })).default.version;
}

async function main() {
  let settings: ReturnType<typeof options>;
  try {
    settings = options();
  } catch (error) {
    console.error(`${error instanceof Error ? error.message : String(error)}\n${USAGE}`);
    process.exit(2);
  }
  const env = await benchEnvironment();
  console.log(
    `\nFault soak: ${settings.calls} streamText calls per transport at concurrency ${settings.concurrency}, seed ${settings.seed}, streamIdleTimeoutMs ${settings.streamIdleTimeoutMs}, deadline ${settings.callDeadlineMs} ms (Node ${env.node}, ${env.cpu}, ${settings.sdk === 'ai6' ? `ai ${await aiV6Version()} with /v3` : `ai ${env.ai}`})\n`,
  );
  const reports: SoakReport[] = [];
  for (const transport of settings.transports) {
    reports.push(await runFaultSoak({ ...settings, transport }));
  }
  printReports(reports);
  const broken = reports.flatMap(brokenInvariants);
  console.log(broken.length === 0 ? '\nAll invariants hold.' : `\nBROKEN: ${broken.join('; ')}`);
  // sockets a hung call left open must not keep the process alive
  process.exit(broken.length === 0 ? 0 : 1);
}

await main();
