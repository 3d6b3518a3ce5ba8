import type { FetchFunction } from '@ai-sdk/provider-utils';
import type { CodexAuth } from '../auth/codex-auth-source';
import type { CodexRequestCompressionSetting } from '../transport/request-compression';
import type { CodexCompactionSetting } from '../model/codex-compaction';

export const DEFAULT_CODEX_BASE_URL = 'https://chatgpt.com/backend-api/codex';

export const DEFAULT_CODEX_INSTRUCTIONS = 'You are a helpful assistant.';

/**
 * The Codex CLI version we present to the model catalog, which lists only the models a
 * client of that version can use: the official client's version this package matches.
 */
export const DEFAULT_CLIENT_VERSION = '0.169.0';

export interface CodexProviderSettings {
  /** Default `https://chatgpt.com/backend-api/codex`. */
  baseURL?: string | undefined;
  /**
   * ChatGPT credentials: `{ accessToken, accountId? }`, a function returning them
   * (called before every request, so it can hand out a refreshed token), or an auth source
   * such as `redisAuth()` from `ai-sdk-provider-codex/redis` (one sign-in for many
   * machines; it refreshes through this provider's `tokenURL` and `fetch`). Unset: the
   * sign-in of `codex login`, read from `authFile`.
   */
  auth?: CodexAuth | undefined;
  /**
   * The auth file to use when `auth` is unset; default `$CODEX_HOME/auth.json`
   * (`~/.codex/auth.json`). Tokens are refreshed and written back to it.
   */
  authFile?: string | undefined;
  /** Overrides the account id from the auth file or the token (`ChatGPT-Account-ID`). */
  accountId?: string | undefined;
  /** OAuth token endpoint for refreshes; default `https://auth.openai.com/oauth/token`. */
  tokenURL?: string | undefined;
  /**
   * The `originator` header that identifies the app to OpenAI; default
   * `ai-sdk-provider-codex`. Apps built on this package should pass their own name.
   */
  originator?: string | undefined;
  /**
   * One id per conversation, sent as the session header and as `prompt_cache_key`.
   * Default: a random UUID per provider instance.
   */
  sessionId?: string | undefined;
  /** Instructions sent when the prompt has no system message (the backend requires some). */
  defaultInstructions?: string | undefined;
  /**
   * Extra request headers; they replace ours of the same name (except credentials), but a
   * `user-agent` is appended to ours. Values with CR/LF throw an `InvalidArgumentError`.
   */
  headers?: Record<string, string> | undefined;
  /**
   * Custom fetch, e.g. for tests. Unset: the global fetch, sent through `HTTPS_PROXY` /
   * `HTTP_PROXY` (minus `NO_PROXY`) when they are set on Node.
   */
  fetch?: FetchFunction | undefined;
  /** Provider name used in `model.provider` (`<name>.responses`). Default `codex`. */
  name?: string | undefined;
  /**
   * Retries after the first attempt (default 4). Once they are spent, errors report
   * `isRetryable: false` so that the AI SDK's own `maxRetries` does not multiply them;
   * `0` turns the provider's retries off and leaves retrying to the SDK.
   */
  maxRetries?: number | undefined;
  /** First backoff delay, doubled per retry with ±10 % jitter. Default 200 ms. */
  initialRetryDelayMs?: number | undefined;
  /** Longest single wait, `Retry-After` included. Default 10 000 ms. */
  maxRetryDelayMs?: number | undefined;
  /**
   * A stream that sends nothing for this long is aborted. Default 300 000 ms; `0` turns the
   * timeout off; at most 2 147 483 647 (timers overflow above).
   */
  streamIdleTimeoutMs?: number | undefined;
  /** `client_version` sent to the model catalog, which filters by it. Default `0.169.0`. */
  clientVersion?: string | undefined;
  /**
   * `'sse'` (default): one HTTP request per call, answered with Server-Sent Events.
   * `'websocket'`: calls of a conversation share a WebSocket, and a call that continues the
   * previous one (an agent's next step) sends only its new items. Node.js, Deno (with
   * `--allow-env`) and Bun; elsewhere, or when the backend refuses the upgrade (426), the
   * provider uses `'sse'`, saying so once in a warning.
   */
  transport?: CodexTransportSetting | undefined;
  /**
   * Adjacent text, reasoning or tool-input deltas of one block that arrive in the same
   * network read go out as one stream part (default `true`). Nothing is delayed and the
   * content is identical; under load the AI SDK gets fewer, larger parts, which is where
   * most of the CPU goes. `false` keeps one part per backend delta event.
   */
  coalesceDeltas?: boolean | undefined;
  /**
   * How HTTP request bodies are compressed (`Content-Encoding`), as the official client
   * sends them: `'zstd'` (Node.js ≥ 22.15, Bun), `'gzip'` (every runtime with
   * `CompressionStream`) or `'none'`. Default: `'zstd'` where the runtime has it, else
   * `'none'`. A runtime that lacks the one asked for sends plain JSON with a warning.
   * WebSocket frames are never compressed this way (the socket deflates them).
   */
  requestCompression?: CodexRequestCompressionSetting | undefined;
  /**
   * Automatic compaction of long conversations, with the backend's own remote compaction as
   * the official client does it. On by default: before a call whose conversation holds 90 %
   * of the model's context window (judged from the last response's usage, or from the
   * input's size), the provider compacts the history first and sends the call on the
   * compacted input; the compaction comes back as the first part of the result.
   * `{ atInputTokens: n }` compacts from `n` tokens on (and for models whose window is
   * unknown, which otherwise never compact by themselves); `false` turns it off.
   * `providerOptions.codex.compact: true` compacts before one call whatever this says.
   */
  compaction?: CodexCompactionSetting | undefined;
}

export type CodexTransportSetting = 'sse' | 'websocket';
