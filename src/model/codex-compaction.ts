import { APICallError } from '@ai-sdk/provider';
import { diagnosticSuffix } from '../common/with-diagnostics';
import { flatTokenUsage } from './flat-token-usage';
import type { KnownModel } from '../request/codex-model-capabilities';
import { readCompaction, type CodexCompaction } from '../request/split-at-compaction';
import type { CodexContent, CodexFinish, CodexJSONObject } from '../stream/codex-stream-part';
import type { CodexTokenUsage } from '../wire/codex-events';

/** The `compaction` setting: `false`, or on with an optional threshold. */
export type CodexCompactionSetting = false | { atInputTokens?: number | undefined };

/** A compaction the provider made before a call: the item, and what its request cost. */
export type CompactionResult = { compaction: CodexCompaction; usage: CodexTokenUsage | undefined };

/** The share of the context window from which a conversation is compacted by default. */
const DEFAULT_WINDOW_SHARE = 0.9;

/**
 * The input tokens from which a call compacts first: the setting's, else 90 % of the
 * model's context window; `undefined` when compaction is off or the window is unknown.
 */
export function compactionThreshold(
  setting: CodexCompactionSetting,
  model: KnownModel | undefined,
): number | undefined {
  if (setting === false) return undefined;
  if (setting.atInputTokens != null) return setting.atInputTokens;
  const window = model?.contextWindow;
  return window != null ? Math.floor(window * DEFAULT_WINDOW_SHARE) : undefined;
}

/**
 * The one compaction item of a compaction request's answer. The official client fails on
 * anything else ("expected exactly one compaction output item"), and so does this: sending
 * the call on a guess would continue from a history that is not the conversation's.
 */
export function compactionFromResponse(
  content: CodexContent[],
  request: { url: string; body: unknown; responseHeaders: Record<string, string> },
): CodexCompaction {
  const found: CodexCompaction[] = [];
  for (const part of content) {
    const compaction =
      part.type === 'reasoning' ? readCompaction(part.providerMetadata?.codex?.compaction) : null;
    if (compaction != null) found.push(compaction);
  }
  if (found.length === 1) return found[0]!;
  throw new APICallError({
    message:
      `The Codex backend answered the compaction request with ${found.length} compaction items instead of one, so the call was not sent. ` +
      'Try again; if it keeps failing, set `compaction: false` in createCodex() and shorten the conversation.' +
      diagnosticSuffix(request.responseHeaders),
    url: request.url,
    requestBodyValues: request.body,
    statusCode: 200,
    responseHeaders: request.responseHeaders,
    isRetryable: false,
    data: { compactionItems: found.length },
  });
}

/**
 * The call's finish, reporting what its compaction request cost in
 * `providerMetadata.codex.compactionUsage` (the call's own usage stays the call's).
 */
export function withCompactionUsage(finish: CodexFinish, usage: CodexTokenUsage | undefined) {
  const compactionUsage: CodexJSONObject = {};
  // JSON has no undefined: a count the backend did not send is left out
  for (const [key, count] of Object.entries(flatTokenUsage(usage))) {
    if (count != null) compactionUsage[key] = count;
  }
  const { providerMetadata } = finish;
  return {
    ...finish,
    providerMetadata: {
      ...providerMetadata,
      codex: { ...providerMetadata.codex, compactionUsage },
    },
  };
}
