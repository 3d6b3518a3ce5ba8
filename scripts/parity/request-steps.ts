import type { ClientRun } from './record-conversations';
import { RESPONSES_PATH, type RecordedRequest } from './recorder-server';

/**
 * A conversation's requests to `…/responses` (WebSocket upgrades, HTTP posts, frames), each
 * named by what it does, so the two clients' requests line up by meaning, not by position:
 * the official client sends a prewarm and compactions that this package does not.
 */
export type Step = {
  /** `upgrade 1`, `prewarm`, `turn 1`, `turn 1 tool follow-up`, `turn 1 compaction`, … */
  label: string;
  request: RecordedRequest;
};

type Item = { type?: string; role?: string };

export function stepsOf(run: ClientRun): Step[] {
  const steps: Step[] = [];
  let upgrades = 0;
  let prewarms = 0;
  let turn = 0;
  const within = new Map<string, number>();
  for (const request of run.requests) {
    if (request.path !== RESPONSES_PATH) continue;
    if (request.kind === 'upgrade') {
      steps.push({ label: `upgrade ${++upgrades}`, request });
      continue;
    }
    const body = (request.body ?? {}) as { generate?: boolean; input?: Item[] };
    const input = Array.isArray(body.input) ? body.input : [];
    let label: string;
    if (body.generate === false) {
      label = prewarms++ === 0 ? 'prewarm' : `prewarm ${prewarms}`;
    } else if (input.at(-1)?.type === 'compaction_trigger') {
      label = numbered(within, `turn ${turn} compaction`);
    } else if (input.some(item => item.type === 'compaction')) {
      label = numbered(within, `turn ${turn} after compaction`);
    } else if (afterLastUserMessage(input).some(item => item.type === 'function_call_output')) {
      label = numbered(within, `turn ${turn} tool follow-up`);
    } else {
      label = `turn ${++turn}`;
    }
    steps.push({ label, request });
  }
  return steps;
}

/** The items of the current turn: after the last user message (a WebSocket increment may hold none). */
function afterLastUserMessage(input: Item[]): Item[] {
  const last = input.map(item => item.type === 'message' && item.role === 'user').lastIndexOf(true);
  return input.slice(last + 1);
}

function numbered(seen: Map<string, number>, label: string): string {
  const count = (seen.get(label) ?? 0) + 1;
  seen.set(label, count);
  return count === 1 ? label : `${label} ${count}`;
}
