import type { FetchFunction } from '@ai-sdk/provider-utils';
import type { CodexAuthSource } from '../auth/codex-auth-source';
import type { CodexTransport } from '../transport/codex-transport';
import type { CodexRequestCompression } from '../transport/request-compression';
import type { CodexTurnStates } from './codex-turn-states';
import type { CodexRetryPolicy } from '../transport/retry-policy';
import type { KnownModel } from '../request/codex-model-capabilities';
import type { CodexCompactionSetting } from './codex-compaction';
import type { CodexConversationUsage } from './codex-conversation-usage';

/**
 * What the language model needs from its provider; it reads no env and no files. Declared
 * here, by the model, so that the provider above builds it and the model depends on nothing
 * above itself.
 */
export type CodexModelConfig = {
  provider: string;
  baseURL: string;
  /** Credentials, asked for per request so that a refreshed token is picked up. */
  auth: CodexAuthSource;
  /**
   * Identity and user headers (lower-case names), without credentials; a call's own headers
   * (its conversation's routing ids) go between ours and the user's.
   */
  headers: (perCall?: Record<string, string>) => Record<string, string>;
  fetch?: FetchFunction;
  /** How requests reach the backend (HTTP SSE unless a setting picks another). */
  transport: CodexTransport;
  /** How HTTP request bodies are compressed (`requestCompression`). */
  compression: CodexRequestCompression;
  /** The backend's sticky-routing values of this provider's conversations. */
  turnStates: CodexTurnStates;
  sessionId: string;
  defaultInstructions: string;
  generateId: () => string;
  retry: CodexRetryPolicy;
  /** Merge adjacent deltas of one block that arrived in the same network read. */
  coalesceDeltas: boolean;
  /**
   * What is known of a model without a request: its reasoning efforts and context window
   * from the provider's catalog once `listModels()` loaded it, else from the built-in table.
   */
  knownModel: (modelId: string) => KnownModel | undefined;
  /** Automatic compaction: off, or on (with the threshold the setting gives). */
  compaction: CodexCompactionSetting;
  /** What the last response of each of this provider's conversations used. */
  conversationUsage: CodexConversationUsage;
};
