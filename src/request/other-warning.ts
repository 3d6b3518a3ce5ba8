import type { CodexWarning } from '../common/codex-warning';

/** A warning of the kind that carries only its message. */
export function otherWarning(message: string): CodexWarning {
  return { type: 'other', message };
}
