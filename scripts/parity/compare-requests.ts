import { flattenRequest } from './flatten-request';
import { createNormaliser } from './normalise-values';
import type { ClientRun } from './record-conversations';
import type { RecordedRequest } from './recorder-server';
import { stepsOf, type Step } from './request-steps';

export type Verdict = 'SAME' | 'DIFF' | 'ONLY-OFFICIAL' | 'ONLY-OURS';

/** Where a comparison was made: a scenario, a transport and a step of the conversation. */
export type Place = { scenario: string; transport: string; step: string };

/** One field's comparison, merged over every place where it came out the same way. */
export type Row = {
  field: string;
  verdict: Verdict;
  official: string;
  ours: string;
  places: Place[];
  /** How many places the field was compared in at all (this row's places are some of them). */
  comparedIn: number;
};

/** Scenario × transport: the steps each client made, for the per-scenario listing. */
export type Conversation = {
  scenario: string;
  transport: string;
  official: { ok: boolean; steps: string[] };
  ours: { ok: boolean; steps: string[] };
};

export function compareRuns(runs: ClientRun[]): { rows: Row[]; conversations: Conversation[] } {
  const cells = new Map<
    string,
    Map<string, { verdict: Verdict; official: string; ours: string; places: Place[] }>
  >();
  const compared = new Map<string, number>();
  const conversations: Conversation[] = [];
  const note = (
    field: string,
    place: Place,
    official: string | undefined,
    ours: string | undefined,
  ) => {
    const verdict: Verdict =
      official == null
        ? 'ONLY-OURS'
        : ours == null
          ? 'ONLY-OFFICIAL'
          : official === ours
            ? 'SAME'
            : 'DIFF';
    const key = `${verdict}\u0000${official ?? ''}\u0000${ours ?? ''}`;
    let groups = cells.get(field);
    if (groups == null) cells.set(field, (groups = new Map()));
    let group = groups.get(key);
    if (group == null)
      groups.set(
        key,
        (group = { verdict, official: official ?? '—', ours: ours ?? '—', places: [] }),
      );
    group.places.push(place);
    compared.set(field, (compared.get(field) ?? 0) + 1);
  };

  for (const official of runs.filter(run => run.client === 'official')) {
    const ours = runs.find(
      run =>
        run.client === 'ours' &&
        run.scenario === official.scenario &&
        run.transport === official.transport,
    );
    if (ours == null) continue;
    const sides = [official, ours].map(run => {
      const steps = stepsOf(run);
      const labels = new Map<RecordedRequest, string>(
        steps.map(step => [step.request, step.label]),
      );
      return { steps, normaliser: createNormaliser(run, labels) };
    });
    const [o, u] = sides as [(typeof sides)[0], (typeof sides)[0]];
    conversations.push({
      scenario: official.scenario,
      transport: official.transport,
      official: { ok: official.ok, steps: o.steps.map(describe) },
      ours: { ok: ours.ok, steps: u.steps.map(describe) },
    });
    const labels = [...new Set([...o.steps, ...u.steps].map(step => step.label))];
    for (const label of labels) {
      const place = { scenario: official.scenario, transport: official.transport, step: label };
      const left = o.steps.find(step => step.label === label);
      const right = u.steps.find(step => step.label === label);
      const kind = (step: Step | undefined) => (step == null ? undefined : requestKind(step));
      note(
        `request: ${label.replace(/^turn \d+ /, '').replace(/ \d+$/, '')}`,
        place,
        kind(left),
        kind(right),
      );
      if (left == null || right == null) continue;
      const a = flattenRequest(left.request, o.normaliser);
      const b = flattenRequest(right.request, u.normaliser);
      for (const field of new Set([...a.keys(), ...b.keys()]))
        note(field, place, a.get(field), b.get(field));
    }
  }

  const rows: Row[] = [];
  for (const [field, groups] of cells) {
    for (const group of groups.values())
      rows.push({ field, ...group, comparedIn: compared.get(field)! });
  }
  rows.sort(
    (x, y) =>
      order(x.field) - order(y.field) ||
      x.field.localeCompare(y.field) ||
      y.places.length - x.places.length,
  );
  return { rows, conversations };
}

function requestKind(step: Step): string {
  const { request } = step;
  if (request.kind === 'upgrade') return `WebSocket upgrade, answered ${request.status}`;
  return request.kind === 'frame' ? 'WebSocket frame' : `HTTP ${request.method}`;
}

function describe(step: Step): string {
  const { request } = step;
  const how =
    request.kind === 'upgrade'
      ? `upgrade → ${request.status}`
      : request.kind === 'frame'
        ? `frame on socket ${request.socket}`
        : `POST, ${request.headers['content-encoding'] ?? 'identity'}`;
  return `${step.label} (${how})`;
}

function order(field: string): number {
  if (field.startsWith('request:')) return 0;
  if (field.startsWith('header:')) return 1;
  return 2;
}
