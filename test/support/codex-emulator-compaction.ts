import type { IncomingMessage } from 'node:http';
import { backendId } from './backend-ids';
import { calledToolKey, invalidRequest, type Rejection } from './codex-emulator-tools';
import { responseEvents, type CodexEvent } from './codex-events';

/**
 * Remote compaction v2 as the emulator plays it (recorded from the official client, see
 * docs/architecture.md): a request whose last input item is `{ type: 'compaction_trigger' }`
 * is answered with one `compaction` item whose encrypted content says what it summarised, and
 * a request that holds a compaction item may hold nothing from before it but user and
 * developer messages (the backend would see the summarised items twice).
 */

export const COMPACTION_BETA = 'remote_compaction_v2';

/** What an emulator compaction item "encrypts": what the history before the trigger held. */
export type EmulatorCompactionSummary = {
  /** Input items the compaction summarised (an earlier compaction item counts as one). */
  items: number;
  /**
   * The texts of the user messages among them, in order, each cut to 40 characters (a
   * summary is short: the item must not outgrow what it replaces).
   */
  userTexts: string[];
  /**
   * Tool calls of the turn that was going on (since the last user message), by tool, with
   * those an earlier compaction in that turn summarised: so a long tool loop goes on where
   * it was after a compaction, as a model reading the summary would.
   */
  turnCalls: Record<string, number>;
};

const PREFIX = 'enc:emulator-compaction:';

export function encodeCompaction(summary: EmulatorCompactionSummary): string {
  return PREFIX + Buffer.from(JSON.stringify(summary)).toString('base64url');
}

/** A compaction item's summary; `undefined` for encrypted content the emulator did not write. */
export function decodeCompaction(encrypted: unknown): EmulatorCompactionSummary | undefined {
  if (typeof encrypted !== 'string' || !encrypted.startsWith(PREFIX)) return undefined;
  try {
    return JSON.parse(Buffer.from(encrypted.slice(PREFIX.length), 'base64url').toString('utf8'));
  } catch {
    return undefined;
  }
}

export const isCompactionRequest = (body: any): boolean =>
  Array.isArray(body?.input) && body.input.at(-1)?.type === 'compaction_trigger';

/**
 * The compaction checks: the trigger only as the last item, compaction items the emulator
 * wrote, nothing but user and developer messages before the last compaction, and the beta
 * announced (the official client always sends it; whether the backend insists is not known,
 * so the emulator does, to keep the package sending it).
 */
export function checkCompaction(
  headers: IncomingMessage['headers'],
  input: any[],
): Rejection | undefined {
  const last = input.map(item => item?.type === 'compaction').lastIndexOf(true);
  const trigger = input.findIndex(item => item?.type === 'compaction_trigger');
  if (last < 0 && trigger < 0) return undefined;
  const betas = String(headers['x-codex-beta-features'] ?? '').split(',');
  if (!betas.some(beta => beta.trim() === COMPACTION_BETA)) {
    return invalidRequest(
      `Compaction items need the remote compaction beta: send x-codex-beta-features: ${COMPACTION_BETA}.`,
      'input',
      'unsupported_feature',
    );
  }
  if (trigger >= 0 && trigger !== input.length - 1) {
    return invalidRequest(
      `Invalid input[${trigger}]: compaction_trigger must be the last input item.`,
      'input',
      'invalid_value',
    );
  }
  if (last < 0) return undefined;
  const item = input[last];
  if (typeof item.id !== 'string' || decodeCompaction(item.encrypted_content) == null) {
    return invalidRequest(
      'The encrypted content of the compaction item could not be verified.',
      'input',
      'invalid_encrypted_content',
    );
  }
  const stale = input
    .slice(0, last)
    .findIndex(
      before =>
        !(before?.type === 'message' && (before.role === 'user' || before.role === 'developer')),
    );
  if (stale >= 0) {
    const what =
      input[stale]?.type === 'message' ? `${input[stale].role} message` : input[stale]?.type;
    return invalidRequest(
      `Invalid input[${stale}] (${what}): it comes before the compaction item input[${last}], which already summarises it. After a compaction send only the user and developer messages from before it, the compaction item, and what came after it.`,
      'input',
      'item_before_compaction',
    );
  }
  return undefined;
}

/** Tool calls of the turn (the items after the last user message), by tool. */
export function callsInTurn(turn: any[]): Map<string, number> {
  const calls = new Map<string, number>();
  const add = (key: string, n: number) => calls.set(key, (calls.get(key) ?? 0) + n);
  for (const item of turn) {
    if (item?.type === 'compaction') {
      const summary = decodeCompaction(item.encrypted_content);
      for (const [key, n] of Object.entries(summary?.turnCalls ?? {})) add(key, n);
    }
    const key = calledToolKey(item);
    if (key != null) add(key, 1);
  }
  return calls;
}

/**
 * The answer to a compaction request: `items` compaction items (one, as the backend sends;
 * a test asks for none or two to see the client refuse them), usage growing with the input.
 */
export function compactionResponse(body: any, inputTokens: number, items = 1): CodexEvent[] {
  const input: any[] = body.input.slice(0, -1);
  const lastUser = input.map(i => i?.type === 'message' && i.role === 'user').lastIndexOf(true);
  const summary: EmulatorCompactionSummary = {
    items: input.length,
    userTexts: input
      .filter(i => i?.type === 'message' && i.role === 'user')
      .map(i => (i.content ?? []).map((c: any) => c.text ?? '').join(''))
      .map(text => (text.length > 40 ? `${text.slice(0, 40)}…` : text)),
    turnCalls: Object.fromEntries(callsInTurn(input.slice(lastUser + 1))),
  };
  const encryptedContent = encodeCompaction(summary);
  return responseEvents({
    id: backendId('resp'),
    model: body.model,
    output: Array.from({ length: items }, () => ({
      type: 'compaction' as const,
      id: backendId('cmp'),
      encryptedContent,
    })),
    usage: {
      input_tokens: inputTokens,
      output_tokens: Math.ceil(encryptedContent.length / 4),
      reasoningTokens: 0,
      cachedTokens: 0,
    },
  });
}
