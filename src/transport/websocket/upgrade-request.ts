/** The beta the backend requires on a Responses WebSocket upgrade (`OpenAI-Beta`). */
export const RESPONSES_WEBSOCKETS_BETA = 'responses_websockets=2026-02-06';

/** `https://…/responses` → `wss://…/responses` (`http` → `ws`, for a loopback emulator). */
export function toWebSocketUrl(httpUrl: string): string {
  return httpUrl.replace(/^http(s?):/i, (_, s: string) => `ws${s}:`);
}

/**
 * The upgrade carries what an HTTP request would (credentials, originator, user agent,
 * session id, the caller's headers) plus the WebSocket beta. Body headers mean nothing
 * on an upgrade and are left out.
 */
export function createUpgradeHeaders(httpHeaders: Record<string, string>): Record<string, string> {
  const headers: Record<string, string> = {};
  for (const [name, value] of Object.entries(httpHeaders)) {
    const key = name.toLowerCase();
    if (key === 'accept' || key === 'content-type' || key === 'content-length') continue;
    headers[key] = value;
  }
  headers['openai-beta'] = RESPONSES_WEBSOCKETS_BETA;
  return headers;
}
