import { join } from 'node:path';
import type { CodexUsage, CodexUsageWindow, CodexUsageWindows } from '../account/parse-codex-usage';
import { describeCredentialsStore, readCredentialsStoreMode } from '../auth/credentials-store-mode';
import { readCodexSignIn, type CodexSignIn } from '../login/read-sign-in';
import { createCodex } from '../ai-sdk/create-codex-v2';
import type { CodexProviderSettings } from '../ai-sdk/entry-exports';
import { formatDuration, type CliIO } from './cli-io';

/**
 * Who is signed in (from the id token's claims: never a token), when the access token
 * expires, and the quota. Exit code 1 when there is no usable sign-in.
 */
export async function statusCommand(
  io: CliIO,
  options: {
    codexHome: string;
    issuer: string;
    /** Where `--json` output goes (as it is); unset, a summary goes to `io.stdout`. */
    json?: (text: string) => void;
    baseURL?: string;
  },
): Promise<number> {
  const signIn = await readCodexSignIn({ codexHome: options.codexHome });
  if (signIn.kind !== 'chatgpt') {
    const hint = describeCredentialsStore(
      await readCredentialsStoreMode(options.codexHome),
      join(options.codexHome, 'config.toml'),
    );
    if (options.json) {
      options.json(
        `${JSON.stringify({ signedIn: false, authFile: signIn.authFile, problem: signIn.problem, hint }, null, 2)}\n`,
      );
    } else {
      io.stdout(
        `Not signed in: ${signIn.problem} (${signIn.authFile}).\n` +
          (hint != null ? `${hint}\n` : 'Run `npx ai-sdk-provider-codex login` to sign in.\n'),
      );
    }
    return 1;
  }

  const { usage, usageError } = await readUsage(io, {
    authFile: signIn.authFile,
    tokenURL: `${options.issuer}/oauth/token`,
    baseURL: options.baseURL,
  });

  if (options.json) {
    const { kind: _kind, problem: _problem, ...who } = signIn;
    options.json(
      `${JSON.stringify({ signedIn: true, ...who, usage: usage ?? null, usageError }, null, 2)}\n`,
    );
    return 0;
  }
  io.stdout(
    describeSignIn(signIn) +
      (usage != null ? describeUsage(usage) : `Quota: unavailable (${usageError})\n`),
  );
  return 0;
}

/** The quota, or why it cannot be had (the sign-in is shown all the same). */
export async function readUsage(
  io: CliIO,
  settings: CodexProviderSettings,
): Promise<{ usage?: CodexUsage; usageError?: string }> {
  try {
    return { usage: await createCodex(settings).getUsage({ abortSignal: io.signal }) };
  } catch (error) {
    // Ctrl-C cancels the command (exit 130), not just the quota line
    if (io.signal?.aborted) throw error;
    return { usageError: error instanceof Error ? error.message : String(error) };
  }
}

export function describeSignIn(signIn: CodexSignIn): string {
  const details = [
    signIn.planType && `${signIn.planType} plan`,
    signIn.accountId && `account ${signIn.accountId}`,
  ]
    .filter(Boolean)
    .join(', ');
  const lines = [
    `Signed in as ${signIn.email ?? 'an unknown ChatGPT user'}${details ? ` (${details})` : ''}`,
    `Credentials: ${signIn.authFile}`,
  ];
  const expiresAt = signIn.accessTokenExpiresAt;
  if (expiresAt != null) {
    const left = expiresAt.getTime() - Date.now();
    lines.push(
      left > 0
        ? `Access token: expires in ${formatDuration(left)} (${expiresAt.toISOString()}); it is refreshed automatically`
        : `Access token: expired ${formatDuration(left)} ago; the next request refreshes it`,
    );
  }
  return `${lines.join('\n')}\n`;
}

export function describeUsage(usage: CodexUsage): string {
  const lines = [`Quota${usage.planType ? ` (${usage.planType} plan)` : ''}:`];
  lines.push(...windowRows(usage.windows, '  '));
  if (!usage.windows.short && !usage.windows.weekly) lines.push('  no usage windows reported');
  // per-model (or per-feature) limits, each with its own windows
  for (const limit of usage.additionalLimits ?? []) {
    const id = limit.id !== limit.name ? ` (${limit.id})` : '';
    lines.push(`  ${limit.name}${id}${limit.limitReached ? ': limit reached' : ''}`);
    lines.push(...windowRows(limit.windows, '    '));
  }
  const credits = usage.credits;
  if (credits != null) {
    lines.push(
      `  ${'credits'.padEnd(15)} ${credits.unlimited ? 'unlimited' : credits.hasCredits ? `${credits.balance ?? 'some'} left` : 'none'}`,
    );
  }
  if (usage.limitReached) {
    lines.push(
      `  Limit reached${usage.limitReachedType ? ` (${usage.limitReachedType})` : ''}: requests are refused until a window resets.`,
    );
  }
  return `${lines.join('\n')}\n`;
}

function windowRows(windows: CodexUsageWindows, indent: string): string[] {
  const row = (label: string, w: CodexUsageWindow) =>
    `${indent}${label.padEnd(17 - indent.length)} ${`${Math.round(w.usedPercent)}% used`.padEnd(10)} resets in ${formatDuration(w.resetsAt.getTime() - Date.now())} (${w.resetsAt.toISOString()})`;
  return [
    ...(windows.short
      ? [row(`${windowLength(windows.short.windowMinutes)} window`, windows.short)]
      : []),
    ...(windows.weekly ? [row('weekly window', windows.weekly)] : []),
  ];
}

/** `5-hour`, `90-minute`, `1-day`. */
function windowLength(minutes: number): string {
  if (minutes % 1440 === 0) return `${minutes / 1440}-day`;
  if (minutes % 60 === 0) return `${minutes / 60}-hour`;
  return `${minutes}-minute`;
}
