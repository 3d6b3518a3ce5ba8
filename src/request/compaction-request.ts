import type { CodexRequestBody } from '../wire/codex-request-body';

/**
 * The official client announces remote compaction v2 on every request and WebSocket
 * upgrade, compaction or not; a socket carries headers only at its upgrade, so a compaction
 * request on it has no other way to say it.
 */
export const REMOTE_COMPACTION_HEADERS: Readonly<Record<string, string>> = {
  'x-codex-beta-features': 'remote_compaction_v2',
};

/**
 * The request that compacts a call's conversation: the call's own body (same model,
 * tools, instructions and routing) with `compaction_trigger` as its last input item, so the
 * compaction covers everything the call would have sent, its tool results included.
 */
export function compactionRequestBody(body: CodexRequestBody): CodexRequestBody {
  return { ...body, input: [...body.input, { type: 'compaction_trigger' }] };
}
