import { requestCodexJson, type CodexAccountRequest } from './request-codex-json';
import { toCodexUsage, type CodexUsage } from './parse-codex-usage';

/**
 * The usage endpoint lives on the ChatGPT backend, one level above the Codex API:
 * `https://chatgpt.com/backend-api/codex` → `https://chatgpt.com/backend-api/wham/usage`.
 */
export function codexUsageURL(baseURL: string): string {
  return `${baseURL.replace(/\/+$/, '').replace(/\/codex$/, '')}/wham/usage`;
}

/** `GET {chatgpt base}/wham/usage`, with the model calls' credentials, 401 renewal and errors. */
export async function getCodexUsage(
  request: CodexAccountRequest,
  baseURL: string,
): Promise<CodexUsage> {
  const { value } = await requestCodexJson(request, {
    url: codexUsageURL(baseURL),
    schema: { parse: json => toCodexUsage(json) },
    what: 'The ChatGPT usage answer',
  });
  return value;
}
