import type { CodexCredentials } from '../auth/codex-auth';
import { VERSION } from '../version';

export const PACKAGE_NAME = 'ai-sdk-provider-codex';

const OS_NAMES: Record<string, string> = { darwin: 'Mac OS', linux: 'Linux', win32: 'Windows' };

type ProcessLike = {
  platform?: string;
  arch?: string;
  getBuiltinModule?: (id: string) => { release?: () => string } | undefined;
};

/** `<name>/<version> (<os> <release>; <arch>)`, from what the runtime tells without imports. */
export function getUserAgent(originator: string): string {
  const proc = (globalThis as { process?: ProcessLike }).process;
  let platform = '';
  if (proc?.platform != null) {
    const release = safeRelease(proc);
    const os = OS_NAMES[proc.platform] ?? proc.platform;
    platform = ` (${[os, release].filter(Boolean).join(' ')}; ${proc.arch ?? 'unknown'})`;
  }
  const ours = `${PACKAGE_NAME}/${VERSION}${platform}`;
  // An app that names itself as originator leads the User-Agent with the same name.
  return originator === PACKAGE_NAME ? ours : `${originator} ${ours}`;
}

function safeRelease(proc: ProcessLike): string | undefined {
  try {
    // `process.getBuiltinModule` (Node ≥ 20.16) avoids a static `node:os` import that
    // would break edge bundles.
    return proc.getBuiltinModule?.('os')?.release?.();
  } catch {
    return undefined;
  }
}

/** Lower-cases names so that a user's `user-agent` replaces ours instead of doubling it. */
export function mergeHeaders(
  ...sources: Array<Record<string, string | undefined> | undefined>
): Record<string, string> {
  const merged: Record<string, string> = {};
  for (const source of sources) {
    if (source == null) continue;
    for (const [name, value] of Object.entries(source)) {
      const key = name.toLowerCase();
      if (value == null) delete merged[key];
      else merged[key] = value;
    }
  }
  return merged;
}

export function createIdentityHeaders({
  originator,
  sessionId,
}: {
  originator: string;
  sessionId: string;
}): Record<string, string> {
  return {
    originator,
    'user-agent': getUserAgent(originator),
    accept: 'text/event-stream',
    'content-type': 'application/json',
    // The reference client spells it `session_id`, the official one `session-id`; both
    // are accepted and one stable id per conversation keeps the prompt cache warm.
    session_id: sessionId,
    'session-id': sessionId,
  };
}

export function credentialHeaders(credentials: CodexCredentials): Record<string, string> {
  return {
    authorization: `Bearer ${credentials.accessToken}`,
    ...(credentials.accountId ? { 'chatgpt-account-id': credentials.accountId } : {}),
  };
}
