import { generateId, withoutTrailingSlash } from '@ai-sdk/provider-utils';
import { fetchCodexModels, type CodexModelInfo } from '../account/fetch-codex-models';
import { getCodexUsage } from '../account/get-codex-usage';
import type { CodexUsage } from '../account/parse-codex-usage';
import { resolveCodexAuth } from '../auth/resolve-codex-auth';
import { DEFAULT_TOKEN_URL } from '../auth/token-refresh';
import { PACKAGE_NAME } from '../common/package-identity';
import type { CodexModelSettings } from '../model/codex-language-model';
import { MODEL_SETTINGS, parseCodexOptions } from '../request/codex-provider-options';
import { outputItemsAsInput } from '../stream/output-items-as-input';
import { createIdentityHeaders, mergeHeaders } from '../transport/codex-headers';
import { defaultFetch } from '../transport/default-fetch';
import { normalizeRetryPolicy } from '../transport/retry-policy';
import { sseTransport } from '../transport/sse-transport';
import { createWebSocketTransport } from '../transport/websocket/websocket-transport';
import { createRequestCompression } from '../transport/request-compression';
import { CodexTurnStates } from '../model/codex-turn-states';
import { CodexConversationUsage } from '../model/codex-conversation-usage';
import type { CodexConfig } from './codex-config';
import { createCodexModelCatalog } from './codex-model-catalog';
import {
  DEFAULT_CLIENT_VERSION,
  DEFAULT_CODEX_BASE_URL,
  DEFAULT_CODEX_INSTRUCTIONS,
  type CodexProviderSettings,
} from './codex-provider-settings';
import { readProviderSettings } from './read-provider-settings';

/** What every AI SDK version's provider is built from. */
export type CodexSetup = {
  /** What every model of this provider is handed. */
  config: CodexConfig;
  /** The session id, drawn on first use when the settings name none. */
  sessionId: () => string;
  /** Model settings, checked once when the model is made. */
  modelSettings: (settings: CodexModelSettings | undefined) => CodexModelSettings;
  listModels: (options?: {
    refresh?: boolean | undefined;
    abortSignal?: AbortSignal | undefined;
  }) => Promise<CodexModelInfo[]>;
  getUsage: (options?: { abortSignal?: AbortSignal | undefined }) => Promise<CodexUsage>;
};

/**
 * Settings → the provider's config, its model catalog and usage requests. Nothing random,
 * timed or on the network happens here: the default `codex` instance is built when an
 * entry loads, which edge runtimes (Cloudflare Workers) only allow for pure code. The
 * session id and the headers carrying it are made on first use.
 */
export function createCodexSetup(settings: CodexProviderSettings): CodexSetup {
  const { transport, coalesceDeltas, requestCompression, compaction } =
    readProviderSettings(settings);
  const baseURL = withoutTrailingSlash(settings.baseURL) ?? DEFAULT_CODEX_BASE_URL;
  const retry = normalizeRetryPolicy(settings);
  const originator = settings.originator ?? PACKAGE_NAME;
  let sessionId = settings.sessionId;
  const getSessionId = () => (sessionId ??= randomSessionId());
  let identity: Record<string, string> | undefined;
  const getIdentity = () =>
    (identity ??= createIdentityHeaders({ originator, sessionId: getSessionId() }));
  // a call's routing headers go between ours and the user's, which replace ours of their name
  const getHeaders = (perCall?: Record<string, string>) =>
    mergeHeaders(getIdentity(), perCall, settings.headers);
  // the one place the default is chosen: model calls, token refresh and the catalog share it
  const fetch = settings.fetch ?? defaultFetch;
  const auth = resolveCodexAuth({
    ...settings,
    tokenURL: settings.tokenURL ?? DEFAULT_TOKEN_URL,
    fetch,
  });
  const account = (abortSignal?: AbortSignal) => ({
    headers: getHeaders,
    auth,
    fetch,
    abortSignal,
  });
  const catalog = createCodexModelCatalog(abortSignal =>
    fetchCodexModels(
      account(abortSignal),
      baseURL,
      settings.clientVersion ?? DEFAULT_CLIENT_VERSION,
    ),
  );
  const config: CodexConfig = {
    provider: `${settings.name ?? 'codex'}.responses`,
    baseURL,
    auth,
    headers: getHeaders,
    fetch,
    transport:
      transport === 'websocket'
        ? createWebSocketTransport({
            http: sseTransport,
            replayOutput: outputItemsAsInput,
            firstEventTimeoutMs: retry.streamIdleTimeoutMs,
          })
        : sseTransport,
    compression: createRequestCompression(requestCompression),
    turnStates: new CodexTurnStates(),
    get sessionId() {
      return getSessionId();
    },
    defaultInstructions: settings.defaultInstructions?.trim() || DEFAULT_CODEX_INSTRUCTIONS,
    generateId,
    retry,
    coalesceDeltas,
    knownModel: catalog.knownModel,
    compaction,
    conversationUsage: new CodexConversationUsage(),
  };

  return {
    config,
    sessionId: getSessionId,
    modelSettings: (modelSettings = {}) => {
      // Bad values fail here, once; unknown keys are kept so that each call can warn of them.
      parseCodexOptions(modelSettings, MODEL_SETTINGS);
      return modelSettings;
    },
    listModels: catalog.list,
    getUsage: ({ abortSignal } = {}) => getCodexUsage(account(abortSignal), baseURL),
  };
}

function randomSessionId(): string {
  const c = (globalThis as { crypto?: { randomUUID?: () => string } }).crypto;
  if (c?.randomUUID != null) return c.randomUUID();
  // An http page has no `randomUUID` (secure contexts only): still unique enough for a cache key.
  return 'xxxxxxxx-xxxx-4xxx-axxx-xxxxxxxxxxxx'.replace(/x/g, () =>
    Math.floor(Math.random() * 16).toString(16),
  );
}
