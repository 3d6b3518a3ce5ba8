import { InvalidArgumentError, NoSuchModelError } from '@ai-sdk/provider';
import { generateId, withoutTrailingSlash, type FetchFunction } from '@ai-sdk/provider-utils';
import { DEFAULT_TOKEN_URL } from '../auth/token-refresh';
import { resolveCodexAuth } from '../auth/resolve-codex-auth';
import type { CodexAuth } from '../auth/codex-auth-source';
import type { CodexConfig } from './codex-config';
import { fetchCodexModels, type CodexModelInfo } from '../account/fetch-codex-models';
import { sseTransport } from '../transport/sse-transport';
import { getCodexUsage } from '../account/get-codex-usage';
import { createWebSocketTransport } from '../transport/websocket/websocket-transport';
import { normalizeRetryPolicy } from '../transport/retry-policy';
import { createIdentityHeaders, mergeHeaders } from '../transport/codex-headers';
import { headerValueProblem, isValidHeaderName } from '../common/header-checks';
import { PACKAGE_NAME } from '../common/package-identity';
import { defaultFetch } from '../transport/default-fetch';
import type { CodexModelSettings } from '../model/codex-language-model';
import {
  MODEL_SETTINGS,
  parseCodexOptions,
  type CodexModelId,
} from '../request/codex-provider-options';
import type { CodexImageModelId, CodexImageModelSettings } from '../image/codex-image-options';
import { createCodexTools } from '../tools/codex-tools';

export const DEFAULT_CODEX_BASE_URL = 'https://chatgpt.com/backend-api/codex';

export const DEFAULT_CODEX_INSTRUCTIONS = 'You are a helpful assistant.';

/** The Codex CLI version we present to the model catalog. */
export const DEFAULT_CLIENT_VERSION = '0.99.0';

export interface CodexProviderSettings {
  /** Default `https://chatgpt.com/backend-api/codex`. */
  baseURL?: string | undefined;
  /**
   * ChatGPT credentials: `{ accessToken, accountId? }`, or a function returning them
   * (called before every request, so it can hand out a refreshed token). Unset: the
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
  /** `client_version` sent to the model catalog, which filters by it. Default `0.99.0`. */
  clientVersion?: string | undefined;
  /**
   * `'sse'` (default): one HTTP request per call, answered with Server-Sent Events.
   * `'websocket'`: calls of a conversation share a WebSocket, and a call that continues the
   * previous one (an agent's next step) sends only its new items. Node.js ≥ 20.18 only;
   * a backend that refuses the upgrade switches the provider back to `'sse'`.
   */
  transport?: CodexTransportSetting | undefined;
  /**
   * Adjacent text, reasoning or tool-input deltas of one block that arrive in the same
   * network read go out as one stream part (default `true`). Nothing is delayed and the
   * content is identical; under load the AI SDK gets fewer, larger parts, which is where
   * most of the CPU goes. `false` keeps one part per backend delta event.
   */
  coalesceDeltas?: boolean | undefined;
}

export type CodexTransportSetting = 'sse' | 'websocket';

function parseTransportSetting(value: unknown): CodexTransportSetting {
  if (value == null) return 'sse';
  if (value === 'sse' || value === 'websocket') return value;
  throw new InvalidArgumentError({
    argument: 'transport',
    message: `The Codex \`transport\` setting must be 'sse' or 'websocket', got ${JSON.stringify(value)}.`,
  });
}

type ModelClass = new (
  modelId: CodexModelId,
  settings: CodexModelSettings,
  config: CodexConfig,
) => unknown;

type ImageModelClass = new (
  modelId: CodexImageModelId,
  settings: CodexImageModelSettings,
  config: CodexConfig,
) => unknown;

/**
 * The callable provider every entry point returns: `provider(id)` / `.languageModel(id)`,
 * image models, `tools`, no embedding models, the session id, the model catalog and the
 * usage. `/v3` and `/v4` pass their spec version, which also adds the newer `embeddingModel`
 * name and AI SDK 6/7 tools.
 */
export function assembleCodexProvider<P>(
  settings: CodexProviderSettings,
  Model: ModelClass,
  ImageModel: ImageModelClass,
  specificationVersion?: 'v3' | 'v4',
): P {
  const setup = createCodexSetup(settings);
  const languageModel = (modelId: CodexModelId, modelSettings: CodexModelSettings = {}) => {
    // Bad values fail here, once; unknown keys are kept so that each call can warn of them.
    parseCodexOptions(modelSettings, MODEL_SETTINGS);
    return new Model(modelId, modelSettings, setup.config);
  };
  const provider = function (modelId: CodexModelId, modelSettings?: CodexModelSettings) {
    if (new.target) {
      throw new Error('The Codex model factory cannot be called with the new keyword.');
    }
    return languageModel(modelId, modelSettings);
  };
  const imageModel = (modelId: CodexImageModelId, imageSettings: CodexImageModelSettings = {}) =>
    new ImageModel(modelId, imageSettings, setup.config);
  const noSuchModel =
    (modelType: 'textEmbeddingModel') =>
    (modelId: string): never => {
      throw new NoSuchModelError({ modelId, modelType });
    };
  Object.assign(provider, {
    languageModel,
    textEmbeddingModel: noSuchModel('textEmbeddingModel'),
    image: imageModel,
    imageModel,
    tools: createCodexTools(specificationVersion == null ? 'v2' : 'next'),
    listModels: setup.listModels,
    getUsage: setup.getUsage,
    ...(specificationVersion != null && { embeddingModel: noSuchModel('textEmbeddingModel') }),
  });
  if (specificationVersion != null) {
    Object.defineProperty(provider, 'specificationVersion', {
      value: specificationVersion,
      enumerable: true,
    });
  }
  Object.defineProperty(provider, 'sessionId', { value: setup.config.sessionId, enumerable: true });
  return provider as P;
}

/**
 * What every entry point (V2, V3, V4) builds from the settings: the model config, the
 * cached model catalog and the usage request.
 */
function createCodexSetup(settings: CodexProviderSettings) {
  checkHeaderSettings(settings);
  const baseURL = withoutTrailingSlash(settings.baseURL) ?? DEFAULT_CODEX_BASE_URL;
  const transport = parseTransportSetting(settings.transport);
  const retry = normalizeRetryPolicy(settings);
  const sessionId = settings.sessionId ?? randomSessionId();
  const originator = settings.originator ?? PACKAGE_NAME;
  const headers = mergeHeaders(createIdentityHeaders({ originator, sessionId }), settings.headers);
  // the one place the default is chosen: model calls, token refresh and the catalog share it
  const fetch = settings.fetch ?? defaultFetch;
  const auth = resolveCodexAuth({
    auth: settings.auth,
    authFile: settings.authFile,
    accountId: settings.accountId,
    tokenURL: settings.tokenURL ?? DEFAULT_TOKEN_URL,
    fetch,
  });
  const config: CodexConfig = {
    provider: `${settings.name ?? 'codex'}.responses`,
    baseURL,
    auth,
    headers: () => headers,
    fetch,
    transport:
      transport === 'websocket'
        ? createWebSocketTransport({
            http: sseTransport,
            firstEventTimeoutMs: retry.streamIdleTimeoutMs,
          })
        : sseTransport,
    sessionId,
    defaultInstructions: settings.defaultInstructions?.trim() || DEFAULT_CODEX_INSTRUCTIONS,
    generateId,
    retry,
    coalesceDeltas: booleanSetting('coalesceDeltas', settings.coalesceDeltas, true),
  };

  let catalog: Promise<CodexModelInfo[]> | undefined;
  const listModels = ({
    refresh = false,
    abortSignal,
  }: { refresh?: boolean; abortSignal?: AbortSignal } = {}) => {
    if (refresh || catalog == null) {
      const request = fetchCodexModels({
        baseURL,
        clientVersion: settings.clientVersion ?? DEFAULT_CLIENT_VERSION,
        headers,
        auth,
        fetch,
        abortSignal,
      });
      // a failure is not cached: the next call asks again
      request.catch(() => {
        if (catalog === request) catalog = undefined;
      });
      catalog = request;
    }
    return catalog;
  };
  const getUsage = ({ abortSignal }: { abortSignal?: AbortSignal } = {}) =>
    getCodexUsage({ baseURL, headers, auth, fetch, abortSignal });
  return { config, listModels, getUsage };
}

/**
 * Settings that end up in request headers. `fetch` would refuse a line break with an error
 * that looks like a network failure (and quotes the value), so they are checked up front.
 */
function checkHeaderSettings(settings: CodexProviderSettings): void {
  const check = (argument: string, value: unknown) => {
    if (value === undefined) return;
    const problem = typeof value === 'string' ? headerValueProblem(value) : 'no string';
    if (problem != null) {
      throw new InvalidArgumentError({
        argument,
        message: `The Codex setting \`${argument}\` ${problem === 'no string' ? 'must be a string' : `contains ${problem}`}; it is sent as an HTTP header value, which cannot hold line breaks or control characters.`,
      });
    }
  };
  check('sessionId', settings.sessionId);
  check('originator', settings.originator);
  check('accountId', settings.accountId);
  for (const [name, value] of Object.entries(settings.headers ?? {})) {
    if (!isValidHeaderName(name)) {
      throw new InvalidArgumentError({
        argument: 'headers',
        message: `The Codex setting \`headers\` has an invalid header name ${JSON.stringify(name)}.`,
      });
    }
    check(`headers.${name}`, value);
  }
}

function booleanSetting(name: string, value: unknown, fallback: boolean): boolean {
  if (value === undefined) return fallback;
  if (typeof value === 'boolean') return value;
  throw new InvalidArgumentError({
    argument: name,
    message: `The Codex provider setting ${name} must be true or false, got ${JSON.stringify(value) ?? String(value)}.`,
  });
}

function randomSessionId(): string {
  const c = (globalThis as { crypto?: { randomUUID?: () => string } }).crypto;
  if (c?.randomUUID != null) return c.randomUUID();
  // Node 18 without the global Web Crypto: still unique enough for a cache key.
  const hex = Array.from({ length: 32 }, () => Math.floor(Math.random() * 16).toString(16)).join(
    '',
  );
  return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-4${hex.slice(13, 16)}-a${hex.slice(17, 20)}-${hex.slice(20)}`;
}
