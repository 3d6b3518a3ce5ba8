import type { CodexTokenUsage } from '../wire/codex-events';

/**
 * What the core emits, in its own types. Every AI SDK version's stream parts and content
 * accept them as they are (checked by the compiler in `ai-sdk/`), so the parts pass
 * through to any version without a conversion stage; only `finish` and the warnings are
 * built per version (`CodexOutputShape`).
 */

export type CodexJSONValue = null | string | number | boolean | CodexJSONObject | CodexJSONValue[];
export type CodexJSONObject = { [key: string]: CodexJSONValue };

/** `providerMetadata`: ours is under `codex`. */
export type CodexProviderMetadata = Record<string, CodexJSONObject>;

type WithMetadata = { providerMetadata?: CodexProviderMetadata };

export type CodexToolCall = {
  type: 'tool-call';
  toolCallId: string;
  toolName: string;
  /** The arguments as the backend sent them: a JSON string, or a freeform tool's text. */
  input: string;
  providerExecuted?: boolean;
} & WithMetadata;

/** The result of a tool the backend ran itself (web search). */
export type CodexToolResult = {
  type: 'tool-result';
  toolCallId: string;
  toolName: string;
  result: NonNullable<CodexJSONValue>;
  isError?: boolean;
  providerExecuted?: boolean;
} & WithMetadata;

export type CodexUrlSource = {
  type: 'source';
  sourceType: 'url';
  id: string;
  url: string;
  title?: string;
} & WithMetadata;

/** The parts of a call's stream between `stream-start` and `finish`. */
export type CodexContentPart =
  | ({ type: 'text-start'; id: string } & WithMetadata)
  | ({ type: 'text-delta'; id: string; delta: string } & WithMetadata)
  | ({ type: 'text-end'; id: string } & WithMetadata)
  | ({ type: 'reasoning-start'; id: string } & WithMetadata)
  | ({ type: 'reasoning-delta'; id: string; delta: string } & WithMetadata)
  | ({ type: 'reasoning-end'; id: string } & WithMetadata)
  | ({
      type: 'tool-input-start';
      id: string;
      toolName: string;
      providerExecuted?: boolean;
    } & WithMetadata)
  | ({ type: 'tool-input-delta'; id: string; delta: string } & WithMetadata)
  | ({ type: 'tool-input-end'; id: string } & WithMetadata)
  | CodexToolCall
  | CodexToolResult
  | CodexUrlSource
  | { type: 'response-metadata'; id?: string; modelId?: string; timestamp?: Date }
  | { type: 'raw'; rawValue: unknown }
  | { type: 'error'; error: unknown };

/** What `doGenerate` returns as `content`: the same blocks, whole. */
export type CodexContent =
  | ({ type: 'text'; text: string } & WithMetadata)
  | ({ type: 'reasoning'; text: string } & WithMetadata)
  | CodexToolCall
  | CodexToolResult
  | CodexUrlSource;

/** Finish reasons every AI SDK version shares. */
export type CodexUnifiedFinishReason =
  'stop' | 'length' | 'content-filter' | 'tool-calls' | 'error' | 'other';

/** How a response ended, before any version's shape is put on it. */
export type CodexFinish = {
  unified: CodexUnifiedFinishReason;
  /** What the backend said: `completed`, the incomplete reason, or the error code. */
  raw: string | undefined;
  usage: CodexTokenUsage | undefined;
  providerMetadata: CodexProviderMetadata;
};
