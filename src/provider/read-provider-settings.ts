import { InvalidArgumentError } from '@ai-sdk/provider';
import * as z from 'zod/v4';
import { headerValueProblem, isValidHeaderName } from '../common/header-checks';
import type { CodexRequestCompressionSetting } from '../transport/request-compression';
import type { CodexCompactionSetting } from '../model/codex-compaction';
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
  /** `false`, or on (the threshold, when the setting gives one). */
  compaction: CodexCompactionSetting;
} {
  checkHeaderSettings(settings);
  return {
    transport: transportSetting(settings.transport),
    coalesceDeltas: booleanSetting('coalesceDeltas', settings.coalesceDeltas, true),
    requestCompression: compressionSetting(settings.requestCompression),
    compaction: compactionSetting(settings.compaction),
  };
}

const compactionOptionsSchema = z.strictObject({
  atInputTokens: z.number().int().positive().optional(),
});

function compactionSetting(value: unknown): CodexCompactionSetting {
  if (value === undefined) return {};
  if (value === false) return false;
  const parsed = compactionOptionsSchema.safeParse(value);
  if (parsed.success) return parsed.data;
  const issue = parsed.error.issues[0]!;
  const [argument, message] =
    issue.path[0] === 'atInputTokens'
      ? [
          'compaction.atInputTokens',
          `must be a whole number of tokens above 0, got ${show((value as { atInputTokens: unknown }).atInputTokens)}`,
        ]
      : issue.code === 'unrecognized_keys'
        ? [
            'compaction',
            `does not take ${issue.keys.map(key => JSON.stringify(key)).join(', ')}; it takes \`atInputTokens\` (the input tokens from which a conversation is compacted)`,
          ]
        : ['compaction', `must be \`false\` or \`{ atInputTokens?: number }\`, got ${show(value)}`];
  throw new InvalidArgumentError({
    argument,
    message: `The Codex \`${argument}\` setting ${message}.`,
  });
}

function show(value: unknown): string {
  return JSON.stringify(value) ?? String(value);
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
