import type { FetchFunction } from '@ai-sdk/provider-utils';
import type { CodexAuthSource } from '../auth/codex-auth-source';
import { getCodexJson } from './get-codex-json';
import { codexUsagePayloadSchema, toCodexUsage, type CodexUsage } from './parse-codex-usage';

/**
 * The usage endpoint lives on the ChatGPT backend, one level above the Codex API:
 * `https://chatgpt.com/backend-api/codex` → `https://chatgpt.com/backend-api/wham/usage`.
 */
export function codexUsageURL(baseURL: string): string {
  return `${baseURL.replace(/\/+$/, '').replace(/\/codex$/, '')}/wham/usage`;
}

/** `GET {chatgpt base}/wham/usage`, with the model calls' credentials, 401 renewal and errors. */
export async function getCodexUsage({
  baseURL,
  headers,
  auth,
  fetch,
  abortSignal,
}: {
  baseURL: string;
  headers: Record<string, string>;
  auth: CodexAuthSource;
  fetch?: FetchFunction;
  abortSignal?: AbortSignal;
}): Promise<CodexUsage> {
  const payload = await getCodexJson({
    url: codexUsageURL(baseURL),
    headers,
    auth,
    fetch,
    abortSignal,
    schema: codexUsagePayloadSchema,
    unexpectedShapeMessage: 'The ChatGPT usage endpoint answered with an unexpected shape.',
  });
  return toCodexUsage(payload);
}
