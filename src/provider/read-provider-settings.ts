import { InvalidArgumentError } from '@ai-sdk/provider';
import { headerValueProblem, isValidHeaderName } from '../common/header-checks';
import type { CodexRequestCompressionSetting } from '../transport/request-compression';
import type { CodexProviderSettings, CodexTransportSetting } from './codex-provider-settings';

/**
 * The settings a provider cannot start without checking: a bad one fails `createCodex`
 * with an error naming it, rather than the first call with one that looks like a network
 * failure.
 */
export function readProviderSettings(settings: CodexProviderSettings): {
  transport: CodexTransportSetting;
  coalesceDeltas: boolean;
  /** Unset: the runtime's best (zstd where it has it). */
  requestCompression: CodexRequestCompressionSetting | undefined;
} {
  checkHeaderSettings(settings);
  return {
    transport: transportSetting(settings.transport),
    coalesceDeltas: booleanSetting('coalesceDeltas', settings.coalesceDeltas, true),
    requestCompression: compressionSetting(settings.requestCompression),
  };
}

function compressionSetting(value: unknown): CodexRequestCompressionSetting | undefined {
  if (value === undefined || value === 'zstd' || value === 'gzip' || value === 'none') return value;
  throw new InvalidArgumentError({
    argument: 'requestCompression',
    message: `The Codex \`requestCompression\` setting must be 'zstd', 'gzip' or 'none', got ${JSON.stringify(value) ?? String(value)}.`,
  });
}

function transportSetting(value: unknown): CodexTransportSetting {
  if (value == null) return 'sse';
  if (value === 'sse' || value === 'websocket') return value;
  throw new InvalidArgumentError({
    argument: 'transport',
    message: `The Codex \`transport\` setting must be 'sse' or 'websocket', got ${JSON.stringify(value)}.`,
  });
}

/**
 * Settings that end up in request headers. `fetch` would refuse a line break with an error
 * that looks like a network failure (and quotes the value), so they are checked up front.
 */
function checkHeaderSettings(settings: CodexProviderSettings): void {
  const check = (argument: string, value: unknown) => {
    if (value === undefined) return;
    const problem = typeof value === 'string' ? headerValueProblem(value) : 'no string';
    if (problem != null) {
      throw new InvalidArgumentError({
        argument,
        message: `The Codex setting \`${argument}\` ${problem === 'no string' ? 'must be a string' : `contains ${problem}`}; it is sent as an HTTP header value, which cannot hold line breaks or control characters.`,
      });
    }
  };
  check('sessionId', settings.sessionId);
  check('originator', settings.originator);
  check('accountId', settings.accountId);
  for (const [name, value] of Object.entries(settings.headers ?? {})) {
    if (!isValidHeaderName(name)) {
      throw new InvalidArgumentError({
        argument: 'headers',
        message: `The Codex setting \`headers\` has an invalid header name ${JSON.stringify(name)}.`,
      });
    }
    check(`headers.${name}`, value);
  }
}

function booleanSetting(name: string, value: unknown, fallback: boolean): boolean {
  if (value === undefined) return fallback;
  if (typeof value === 'boolean') return value;
  throw new InvalidArgumentError({
    argument: name,
    message: `The Codex provider setting ${name} must be true or false, got ${JSON.stringify(value) ?? String(value)}.`,
  });
}
