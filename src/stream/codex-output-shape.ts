import type {
  LanguageModelV2CallWarning,
  LanguageModelV2StreamPart,
  SharedV2ProviderMetadata,
} from '@ai-sdk/provider';
import type { CodexTokenUsage } from '../wire/codex-events';

/** Finish reasons every spec version shares. */
export type CodexUnifiedFinishReason =
  'stop' | 'length' | 'content-filter' | 'tool-calls' | 'error' | 'other';

/** How a response ended, before any spec version's shape is put on it. */
export type CodexFinish = {
  unified: CodexUnifiedFinishReason;
  /** What the backend said: `completed`, the incomplete reason, or the error code. */
  raw: string | undefined;
  usage: CodexTokenUsage | undefined;
  providerMetadata: SharedV2ProviderMetadata;
};

/**
 * The content parts the core emits. They have the same shape in V2, V3 and V4 (the newer
 * specs only type their metadata more strictly), so they are declared once, with the
 * `@ai-sdk/provider` runtime dependency's types.
 */
export type CodexContentPart = Exclude<
  LanguageModelV2StreamPart,
  { type: 'finish' } | { type: 'stream-start' }
>;

/** The parts of one call's stream: content, then the spec version's own `finish`. */
export type CodexStreamPart<FinishPart, Warning> =
  { type: 'stream-start'; warnings: Warning[] } | CodexContentPart | FinishPart;

/**
 * Where spec versions differ on the way out: the `finish` part (usage and finish reason)
 * and the call warnings. Each spec wrapper hands the core its shape.
 */
export type CodexOutputShape<FinishPart extends { type: 'finish' }, Warning> = {
  finishPart(finish: CodexFinish): FinishPart;
  warnings(warnings: CodexCallWarning[]): Warning[];
};

/** Warnings as the core finds them; the spec shapes translate them. */
export type CodexCallWarning = LanguageModelV2CallWarning;
