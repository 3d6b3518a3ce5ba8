/**
 * `npm run parity [-- --cli 0.170.0] [--scenario NAME]... [--host-network] [--raw FILE] [--from-raw FILE]`
 *
 * Records what the official Codex CLI and this package send to a loopback stand-in for
 * chatgpt.com in the same conversations, and writes docs/parity.md (one row per header and
 * body field) and the official client's sanitised requests as test/fixtures/parity/*.json.
 * The CLI is installed from npm into a cache folder outside the repo first; the recording
 * then runs in a network namespace that has only loopback (`unshare`), so nothing can reach
 * the live service even if a URL were missed. See docs/development.md.
 */
import { spawnSync } from 'node:child_process';
import { readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import { installCodexCli } from './install-codex-cli';
import { SCENARIOS } from './parity-scenarios';
import { claimProblems, unexplainedRows } from './claims-and-reasons';
import { compareRuns } from './compare-requests';
import { recordConversations, type ClientRun } from './record-conversations';
import { writeFixtures } from './write-fixtures';
import { writeParityTable } from './write-parity-table';

export const DEFAULT_CLI_VERSION = '0.169.0';

const { values } = parseArgs({
  options: {
    cli: { type: 'string', default: DEFAULT_CLI_VERSION },
    scenario: { type: 'string', multiple: true },
    'host-network': { type: 'boolean', default: false },
    'inside-netns': { type: 'boolean', default: false },
    raw: { type: 'string' },
    'from-raw': { type: 'string' },
  },
});
const log = (line: string) => console.log(line);
const version = values.cli!;
const scenarios = values.scenario?.length
  ? SCENARIOS.filter(s => values.scenario!.includes(s.name))
  : SCENARIOS;
if (scenarios.length === 0) {
  throw new Error(`no such scenario; known: ${SCENARIOS.map(s => s.name).join(', ')}`);
}

let runs: ClientRun[];
if (values['from-raw'] != null) {
  runs = JSON.parse(readFileSync(values['from-raw'], 'utf8'));
} else {
  const codexJs = installCodexCli(version, values['inside-netns'] ? () => {} : log);
  if (!values['inside-netns'] && !values['host-network']) {
    process.exit(reExecInLoopbackNamespace());
  }
  runs = await recordConversations({ codexJs, scenarios, log });
  if (values.raw != null) writeFileSync(values.raw, JSON.stringify(runs));
}
const failed = runs.filter(run => !run.ok);
if (failed.length > 0)
  log(
    `${failed.length} run(s) failed: ${failed.map(r => `${r.scenario}/${r.transport}/${r.client}`).join(', ')}`,
  );

/**
 * Runs this script again inside a new network namespace whose only interface is loopback
 * (as root `unshare --net`; otherwise `unshare --map-root-user --net`, a user namespace).
 */
function reExecInLoopbackNamespace(): number {
  const self = fileURLToPath(import.meta.url);
  const asRoot = process.getuid?.() === 0;
  const result = spawnSync(
    'unshare',
    [
      ...(asRoot ? ['--net'] : ['--map-root-user', '--net']),
      'sh',
      '-c',
      'ip link set lo up && exec "$0" "$@"',
      process.execPath,
      '--import',
      'tsx',
      self,
      ...process.argv.slice(2),
      '--inside-netns',
    ],
    { stdio: 'inherit' },
  );
  if (result.error != null || result.status !== 0) {
    console.error(
      `${result.error?.message ?? `exit ${result.status ?? result.signal}`}: if the loopback-only network ` +
        'namespace could not be made, install util-linux (unshare) and iproute2 (ip) and run as root ' +
        'or with user namespaces enabled, or pass --host-network to record without one (the CLI is ' +
        'configured to call only the recorder).',
    );
  }
  return result.status ?? 1;
}

const { rows, conversations } = compareRuns(runs);
const readJson = (name: string) =>
  JSON.parse(readFileSync(new URL(`./${name}`, import.meta.url), 'utf8'));
const reasons = readJson('parity-reasons.json');
const claims = readJson('parity-claims.json');
const table = writeParityTable({ cliVersion: version, rows, conversations, reasons, claims });
// what moved since the claims and reasons were written: a new CLI shows it here first
for (const problem of [...claimProblems(rows, claims), ...unexplainedRows(rows, reasons)]) {
  log(`not as claimed or explained: ${problem}`);
}
const recorded = new Set(runs.map(run => run.scenario));
const complete = SCENARIOS.every(scenario => recorded.has(scenario.name));
if (!complete || failed.length > 0) {
  // a partial or failed recording must not replace the committed table and fixtures
  const file = join(tmpdir(), 'parity.md');
  writeFileSync(file, table);
  log(
    `${failed.length > 0 ? 'failed runs' : 'not every scenario'}: wrote ${file} only (${rows.length} rows)`,
  );
  process.exit(failed.length > 0 ? 1 : 0);
}
const repo = fileURLToPath(new URL('../../', import.meta.url));
writeFileSync(join(repo, 'docs', 'parity.md'), table);
log(`wrote docs/parity.md: ${rows.length} rows`);
const fixtures = writeFixtures({
  dir: join(repo, 'test', 'fixtures', 'parity'),
  cliVersion: version,
  runs,
});
log(`wrote ${fixtures.length} fixtures in test/fixtures/parity/`);
