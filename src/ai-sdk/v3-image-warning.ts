import type { SharedV3Warning } from '@ai-sdk/provider-v3';
import type { CodexImageWarning } from '../image/codex-image-warning';

/** An image call's warning as V3 and V4 spell it. */
export function toV3ImageWarning(warning: CodexImageWarning): SharedV3Warning {
  return warning.type === 'unsupported-setting'
    ? {
        type: 'unsupported',
        feature: warning.setting,
        ...(warning.details != null && { details: warning.details }),
      }
    : { type: 'other', message: warning.message };
}
