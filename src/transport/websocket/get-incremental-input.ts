import type { CodexInputItem, CodexRequestBody } from '../../wire/codex-request-body';

/** What a socket remembers of its last completed turn: the base of the next one. */
export type CodexSocketTurn = {
  /** The request as the caller built it: full input, no `previous_response_id`. */
  request: CodexRequestBody;
  responseId: string;
  /**
   * That response's output items in the form this package replays them, or `undefined`
   * when they cannot be predicted (the next request then sends everything).
   */
  replayedOutput: CodexInputItem[] | undefined;
};

export type CodexIncrementalInput = { previousResponseId: string; input: CodexInputItem[] };

/**
 * Whether `next` may be sent as `previous_response_id` plus only its new items: every
 * field but `input` must equal the previous request's, and `input` must be the previous
 * input, then the previous response's output items, then at least one new item. Anything
 * else (an edited history, other tools or instructions, an output we could not predict)
 * returns `undefined`, and the full input goes out; the server would otherwise answer from
 * a conversation that is not the caller's.
 */
export function getIncrementalInput(
  previous: CodexSocketTurn | undefined,
  next: CodexRequestBody,
): CodexIncrementalInput | undefined {
  if (previous == null || previous.replayedOutput == null || previous.responseId === '') {
    return undefined;
  }
  if (!requestPropertiesMatch(previous.request, next)) return undefined;
  const base = previous.request.input;
  const output = previous.replayedOutput;
  const known = base.length + output.length;
  if (next.input.length <= known) return undefined;
  for (let i = 0; i < base.length; i++) {
    if (!jsonEqual(base[i], next.input[i])) return undefined;
  }
  for (let i = 0; i < output.length; i++) {
    if (!jsonEqual(output[i], next.input[base.length + i])) return undefined;
  }
  return { previousResponseId: previous.responseId, input: next.input.slice(known) };
}

/**
 * Every field except `input` and `client_metadata` compared, including fields this package
 * may add later: a field nobody thought about must break reuse rather than be silently
 * carried over. `client_metadata` names the turn, which a new user turn changes while it
 * still continues the conversation (the official client chains such a turn too).
 */
export function requestPropertiesMatch(a: CodexRequestBody, b: CodexRequestBody): boolean {
  const keys = new Set([...Object.keys(a), ...Object.keys(b)]);
  for (const key of keys) {
    if (key === 'input' || key === 'client_metadata') continue;
    if (!jsonEqual(a[key as keyof CodexRequestBody], b[key as keyof CodexRequestBody])) {
      return false;
    }
  }
  return true;
}

/** Structural equality of JSON values; key order does not matter, `undefined` keys count as absent. */
export function jsonEqual(a: unknown, b: unknown): boolean {
  if (a === b) return true;
  if (typeof a !== 'object' || typeof b !== 'object' || a === null || b === null) return false;
  if (Array.isArray(a)) {
    return Array.isArray(b) && a.length === b.length && a.every((v, i) => jsonEqual(v, b[i]));
  }
  if (Array.isArray(b)) return false;
  const ra = a as Record<string, unknown>;
  const rb = b as Record<string, unknown>;
  const ka = Object.keys(ra).filter(k => ra[k] !== undefined);
  const kb = Object.keys(rb).filter(k => rb[k] !== undefined);
  return ka.length === kb.length && ka.every(key => jsonEqual(ra[key], rb[key]));
}
