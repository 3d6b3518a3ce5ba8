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
    transport: oneOf('transport', settings.transport, ['sse', 'websocket'], 'sse'),
    coalesceDeltas: oneOf('coalesceDeltas', settings.coalesceDeltas, [true, false], true),
    requestCompression: oneOf(
      'requestCompression',
      settings.requestCompression,
      ['zstd', 'gzip', 'none'],
      undefined,
    ),
    compaction: compactionSetting(settings.compaction),
  };
}

/** The setting's value, `fallback` when it is unset. */
function oneOf<T>(argument: string, value: unknown, allowed: readonly T[], fallback: T): T {
  if (value === undefined) return fallback;
  if (isOneOf(value, allowed)) return value;
  throw settingError(argument, `must be ${allowed.map(show).join(' or ')}, got ${show(value)}`);
}

function isOneOf<T>(value: unknown, allowed: readonly T[]): value is T {
  return allowed.some(item => item === value);
}

const compactionOptionsSchema = z.strictObject({
  atInputTokens: z.number().int().positive().optional(),
});

function compactionSetting(value: unknown): CodexCompactionSetting {
  if (value === undefined) return {};
  if (value === false) return false;
  const parsed = compactionOptionsSchema.safeParse(value);
  if (parsed.success) return parsed.data;
  throw parsed.error.issues[0]!.path[0] === 'atInputTokens'
    ? settingError(
        'compaction.atInputTokens',
        `must be a whole number of tokens above 0, got ${show((value as { atInputTokens: unknown }).atInputTokens)}`,
      )
    : settingError(
        'compaction',
        `must be \`false\` or \`{ atInputTokens?: number }\`, got ${show(value)}`,
      );
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
      throw settingError(
        argument,
        `${problem === 'no string' ? 'must be a string' : `contains ${problem}`}; it is sent as an HTTP header value`,
      );
    }
  };
  check('sessionId', settings.sessionId);
  check('originator', settings.originator);
  check('accountId', settings.accountId);
  for (const [name, value] of Object.entries(settings.headers ?? {})) {
    if (!isValidHeaderName(name)) {
      throw settingError('headers', `has an invalid header name ${show(name)}`);
    }
    check(`headers.${name}`, value);
  }
}

function settingError(argument: string, problem: string): InvalidArgumentError {
  return new InvalidArgumentError({
    argument,
    message: `The Codex \`${argument}\` setting ${problem}.`,
  });
}

function show(value: unknown): string {
  return JSON.stringify(value) ?? String(value);
}
