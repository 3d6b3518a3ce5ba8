/**
 * The provider all examples share. Against the real backend it uses your `codex login`
 * (~/.codex/auth.json); against the bundled emulator (`npm run emulator`), set
 * CODEX_BASE_URL to the URL it prints and CODEX_ACCESS_TOKEN to anything.
 */
import { createCodex } from 'ai-sdk-provider-codex';

export const codex = createCodex({
  baseURL: process.env.CODEX_BASE_URL || undefined,
  ...(process.env.CODEX_ACCESS_TOKEN
    ? { auth: { accessToken: process.env.CODEX_ACCESS_TOKEN } }
    : {}),
  originator: 'ai-sdk-provider-codex-examples',
});

export const MODEL = process.env.CODEX_MODEL ?? 'gpt-5.3-codex';
