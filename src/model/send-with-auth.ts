import { withAuthRenewal } from '../auth/with-auth-renewal';
import type { CodexConversationTurn } from '../request/conversation-routing';
import { credentialHeaders, mergeHeaders } from '../transport/codex-headers';
import type { CodexRequestBody } from '../wire/codex-request-body';
import type { CodexModelConfig } from './codex-model-config';
import { TURN_STATE_HEADER } from './codex-turn-states';

/** What routes a call: its headers and the turn it belongs to. */
export type CallRouting = { headers: Record<string, string>; turn: CodexConversationTurn };

/**
 * One request with the current credentials, renewed after a 401 (see `withAuthRenewal`).
 * It carries its turn's `x-codex-turn-state` once a response of that turn set one, and
 * notes the one its own response sets. The caller's `headers` go over ours, the
 * credentials over everything.
 */
export async function sendWithAuth(
  config: CodexModelConfig,
  {
    url,
    body,
    routing: { headers, turn },
    headers: callHeaders,
    signal,
  }: {
    url: string;
    body: CodexRequestBody;
    routing: CallRouting;
    headers: Record<string, string | undefined> | undefined;
    signal: AbortSignal;
  },
) {
  const { turnStates } = config;
  const response = await withAuthRenewal(config.auth, credentials => {
    const turnState = turnStates.get(turn);
    return config.transport.send({
      url,
      headers: mergeHeaders(
        config.headers(
          turnState != null ? { ...headers, [TURN_STATE_HEADER]: turnState } : headers,
        ),
        callHeaders,
        credentialHeaders(credentials),
      ),
      body,
      fetch: config.fetch,
      signal,
      compression: config.compression,
    });
  });
  turnStates.record(turn, response.responseHeaders);
  return response;
}
