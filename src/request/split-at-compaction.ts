import * as z from 'zod/v4';
import type { CodexMessage, CodexPartOptions, CodexPrompt } from './codex-call-options';

/**
 * A compaction as results hand it back: a `reasoning` part with empty text whose
 * `providerMetadata.codex.compaction` holds the backend's compaction item.
 */
export type CodexCompaction = { itemId: string; encryptedContent: string };

const compactionSchema = z.object({ itemId: z.string().min(1), encryptedContent: z.string() });

/** The compaction `providerOptions.codex.compaction` holds, if it is one this package wrote. */
export function readCompaction(value: unknown): CodexCompaction | undefined {
  return value == null ? undefined : compactionSchema.safeParse(value).data;
}

/** The compaction a prompt part carries: only reasoning parts do. */
export function compactionOf(part: {
  type: string;
  providerOptions?: CodexPartOptions;
}): CodexCompaction | undefined {
  return part.type === 'reasoning'
    ? readCompaction(part.providerOptions?.codex?.compaction)
    : undefined;
}

/** A compaction as the next prompt holds it: an assistant message with its one part. */
export function compactionMessage(compaction: CodexCompaction): CodexMessage {
  return {
    role: 'assistant',
    content: [{ type: 'reasoning', text: '', providerOptions: { codex: { compaction } } }],
  };
}

/**
 * A prompt around its last compaction, in what the official client sends after compacting:
 * the system and user messages from before it (everything else before it is what the
 * compaction summarised, and is not sent again), the compaction, then everything after it
 * (the rest of its message included). `undefined` when the prompt holds none: an app that
 * dropped the part sends its whole history, as before any compaction.
 */
export function splitAtCompaction(prompt: CodexPrompt):
  | {
      compaction: CodexCompaction;
      /** System and user messages before the compaction, in order. */
      before: CodexPrompt;
      after: CodexPrompt;
    }
  | undefined {
  for (let m = prompt.length - 1; m >= 0; m--) {
    const message = prompt[m]!;
    if (message.role !== 'assistant') continue;
    for (let p = message.content.length - 1; p >= 0; p--) {
      const compaction = compactionOf(message.content[p]!);
      if (compaction == null) continue;
      const rest = message.content.slice(p + 1);
      return {
        compaction,
        before: prompt.slice(0, m).filter(msg => msg.role === 'system' || msg.role === 'user'),
        after: [
          ...(rest.length > 0 ? [{ ...message, content: rest }] : []),
          ...prompt.slice(m + 1),
        ],
      };
    }
  }
  return undefined;
}
