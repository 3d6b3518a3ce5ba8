import { readFileSync } from 'node:fs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  claimProblems,
  unexplainedRows,
  type Claims,
  type Reasons,
} from '../scripts/parity/claims-and-reasons';
import { compareRuns, type Row } from '../scripts/parity/compare-requests';
import { readParityFixture, runFromFixture } from '../scripts/parity/fixture-run';
import { SCENARIOS, TRANSPORTS } from '../scripts/parity/parity-scenarios';
import { recordOurs, type ClientRun } from '../scripts/parity/record-conversations';
import { startRecorder, type Recorder } from '../scripts/parity/recorder-server';

// The parity contract without the official CLI: this package holds the conversations of
// `npm run parity` against the same loopback stand-in for chatgpt.com, and every header and
// body field is compared with the official client's requests as test/fixtures/parity/ keeps
// them. A field listed in scripts/parity/parity-claims.json must come out SAME wherever it is
// claimed; any other difference must have its reason in scripts/parity/parity-reasons.json.
// A regression, or a new difference nobody explained, fails here.

const read = (name: string) =>
  JSON.parse(readFileSync(new URL(`../scripts/parity/${name}`, import.meta.url), 'utf8'));
const claims: Claims = read('parity-claims.json');
const reasons: Reasons = read('parity-reasons.json');

let recorder: Recorder;
let ours: ClientRun[] = [];
let rows: Row[] = [];

beforeAll(async () => {
  recorder = await startRecorder({});
  const runs: ClientRun[] = [];
  for (const scenario of SCENARIOS) {
    for (const transport of TRANSPORTS) {
      runs.push(runFromFixture(readParityFixture(scenario.name, transport)));
      runs.push(await recordOurs({ recorder, scenario, transport }));
    }
  }
  ours = runs.filter(run => run.client === 'ours');
  rows = compareRuns(runs).rows;
}, 60_000);

afterAll(async () => {
  recorder.reset();
  await recorder.close();
});

describe('parity with the official Codex client (recorded)', () => {
  it('holds every conversation of the recording', () => {
    expect(
      ours.map(run => `${run.scenario}/${run.transport}: ${run.ok ? 'ok' : run.detail}`),
    ).toEqual(SCENARIOS.flatMap(s => TRANSPORTS.map(t => `${s.name}/${t}: ok`)));
  });

  it('sends every claimed field as the official client does, wherever it is claimed', () => {
    expect(claimProblems(rows, claims)).toEqual([]);
  });

  it('has a reason for every other difference', () => {
    expect(unexplainedRows(rows, reasons)).toEqual([]);
  });

  it('claims nothing it also explains away', () => {
    // a claimed field's differences outside its claim are explained; inside it, none may be
    const claimedAndReasoned = Object.keys(claims).filter(
      field => claims[field] === 'everywhere' && reasons[field] != null,
    );
    expect(claimedAndReasoned).toEqual([]);
  });
});
