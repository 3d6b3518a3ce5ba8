import type { CodexAuthSource } from './codex-auth-source';
import type { createFileAuth } from './create-file-auth';

/**
 * The auth file's source, with its Node-only code (auth.json, locks) loaded on first use, so
 * an app that passes `auth` never reaches `node:fs`. The browser and edge build has a twin.
 */
export function loadFileAuth(
  settings: Parameters<typeof createFileAuth>[0],
): Promise<CodexAuthSource> {
  return import('./create-file-auth').then(m => m.createFileAuth(settings));
}
