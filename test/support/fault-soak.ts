import { APICallError } from '@ai-sdk/provider';
import { formatWithOptions } from 'node:util';
import { startCodexEmulator, type CodexEmulator } from './codex-emulator';
import {
  callIndexOf,
  planCall,
  SOAK_ACCOUNT_ID,
  SOAK_TOKEN,
  type SoakAnswer,
  type SoakCall,
  type SoakTransport,
} from './fault-soak-calls';
import { retriedError, soakStreamText, type SoakSdk, type SoakStreamText } from './fault-soak-sdk';
import { safeJson, secretLeaks, SECRET } from './secret-leaks';

/**
 * The fault soak: many concurrent `streamText` calls through the provider against the
 * emulator, each with a fault drawn from a seed (test/support/fault-soak-calls.ts), and
 * what must hold whatever the fault: the text is the answer (or, after a clean error, a
 * prefix of it), the token shows up nowhere, no request goes out after content reached
 * the caller, no call hangs. `npm run soak` (bench/fault-soak.ts) runs it at full size,
 * test/fault-soak.test.ts small.
 */

export type { SoakTransport } from './fault-soak-calls';

export type SoakOptions = {
  calls: number;
  concurrency: number;
  seed: number;
  transport: SoakTransport;
  /** The provider's `streamIdleTimeoutMs`: the stall faults wait this long. */
  streamIdleTimeoutMs?: number;
  /** A call still running after this long is a hang (and is aborted). */
  callDeadlineMs?: number;
  /** `ai@5` with the root entry (default), or `ai@6` with `/v3`. */
  sdk?: SoakSdk;
};

/** One broken invariant, said without quoting the token. */
export type SoakViolation = { call: number; fault: string; what: string };

export type SoakReport = {
  transport: SoakTransport;
  calls: number;
  correct: number;
  /**
   * Calls that ended in a clean error (a message, a prefix of the answer, no token), by
   * kind (HTTP status or stream error code).
   */
  errors: Record<string, number>;
  /** The first message of each kind (at most 200 characters), to see what a user reads. */
  errorSamples: Record<string, string>;
  wrongText: number;
  /** Errors without a message. */
  unclearErrors: number;
  /** Calls (and the console) where the token showed up. */
  leaks: number;
  retriesAfterContent: number;
  hangs: number;
  requests: number;
  /** Requests that went over a socket (the rest over HTTP). */
  socketRequests: number;
  wallMs: number;
  /** Outcome per fault: correct, clean errors (and of which kinds). */
  byFault: Record<string, FaultOutcomes>;
  violations: SoakViolation[];
};

export type FaultOutcomes = {
  calls: number;
  correct: number;
  errors: number;
  kinds: Record<string, number>;
};

/** Runs one soak on a fresh emulator and reports what happened. */
export async function runFaultSoak(options: SoakOptions): Promise<SoakReport> {
  const { streamIdleTimeoutMs = 500, callDeadlineMs = 30_000 } = options;
  const emulator = await startCodexEmulator();
  const calls = new Map<number, SoakCall & { served: number }>();
  emulator.inject = (_, body, headers) => {
    const call = calls.get(callIndexOf(body) ?? -1);
    return call?.script(call.served++, { headers, emulator });
  };
  const streamText = soakStreamText(options.sdk ?? 'ai5', {
    baseURL: emulator.baseURL,
    auth: { accessToken: SOAK_TOKEN, accountId: SOAK_ACCOUNT_ID },
    transport: options.transport,
    initialRetryDelayMs: 10,
    maxRetryDelayMs: 100,
    streamIdleTimeoutMs,
  });

  const report = emptyReport(options.transport);
  /** When each call's first content part reached the AI SDK, for the late-request check. */
  const contentAt = new Map<number, { fault: string; at: number }>();
  const logs = captureConsole();
  const started = performance.now();
  try {
    let next = 0;
    const worker = async () => {
      for (let index = next++; index < options.calls; index = next++) {
        const call = { ...planCall(options.seed, index, options.transport), served: 0 };
        calls.set(index, call);
        const outcome = await runCall(call, streamText, callDeadlineMs);
        calls.delete(index);
        record(report, call, outcome);
        if (outcome.firstContentAt !== undefined) {
          contentAt.set(index, { fault: call.fault, at: outcome.firstContentAt });
        }
      }
    };
    await Promise.all(Array.from({ length: options.concurrency }, worker));
  } finally {
    report.wallMs = Math.round(performance.now() - started);
    logs.restore();
    await emulator.close();
  }
  report.requests = emulator.requests.length;
  report.socketRequests = emulator.requests.filter(r => r.transport === 'websocket').length;
  countLateRequests(report, emulator, contentAt);
  if (logs.lines.some(line => line.includes(SECRET))) {
    report.leaks++;
    report.violations.push({ call: -1, fault: '', what: 'token in a console line' });
  }
  return report;
}

/** The invariants a report breaks, one line each; empty when all hold. */
export function brokenInvariants(report: SoakReport): string[] {
  const counts: Array<[string, number]> = [
    ['wrong text', report.wrongText],
    ['errors without a message', report.unclearErrors],
    ['token leaks', report.leaks],
    ['retries after content', report.retriesAfterContent],
    ['hangs', report.hangs],
  ];
  return counts.filter(([, n]) => n > 0).map(([what, n]) => `${report.transport}: ${n} ${what}`);
}

type CallOutcome = {
  text: string;
  reasoning: string;
  errors: unknown[];
  finishReason: string | undefined;
  /** When the provider handed the AI SDK its first content part. */
  firstContentAt: number | undefined;
  hung: boolean;
  /** Where the token showed up. */
  leaks: string[];
};

async function runCall(
  call: SoakCall,
  streamText: SoakStreamText,
  deadlineMs: number,
): Promise<CallOutcome> {
  const outcome: CallOutcome = {
    text: '',
    reasoning: '',
    errors: [],
    finishReason: undefined,
    firstContentAt: undefined,
    hung: false,
    leaks: [],
  };
  const abort = new AbortController();
  const checked = (where: string, value: unknown) => {
    if (value instanceof Error ? secretLeaks(value).length > 0 : safeJson(value).includes(SECRET))
      outcome.leaks.push(where);
  };
  const consume = async () => {
    const result = streamText({
      prompt: call.prompt,
      abortSignal: abort.signal,
      onContent: () => (outcome.firstContentAt ??= performance.now()),
      onError: error => checked('onError', error),
    });
    for await (const part of result.fullStream) {
      const text = part.text ?? '';
      if (part.type === 'text-delta') outcome.text += text;
      else if (part.type === 'reasoning-delta') outcome.reasoning += text;
      else if (part.type === 'error') outcome.errors.push(part.error);
      else if (part.type === 'finish') outcome.finishReason = part.finishReason;
      // a 2 MiB delta is looked into, not serialised
      if (part.type.endsWith('-delta')) {
        if (text.includes(SECRET)) outcome.leaks.push(`${part.type} part`);
      } else checked(`${part.type} part`, part.type === 'error' ? part.error : part);
    }
    for (const [where, promise] of result.afterwards) {
      checked(where, await Promise.resolve(promise).catch((error: unknown) => error));
    }
  };
  let timer: NodeJS.Timeout | undefined;
  const deadline = new Promise<'hung'>(
    resolve => (timer = setTimeout(resolve, deadlineMs, 'hung')),
  );
  const done = consume().catch((error: unknown) => {
    outcome.errors.push(error);
  });
  if ((await Promise.race([done, deadline])) === 'hung') {
    outcome.hung = true;
    abort.abort();
    await Promise.race([done, new Promise(resolve => setTimeout(resolve, 1000))]);
  }
  clearTimeout(timer);
  for (const error of outcome.errors) checked('error', error);
  return outcome;
}

/**
 * Requests (HTTP or socket frames) the emulator received for a call after that call's
 * first content part reached the AI SDK: a retry after content. Counted once the soak is
 * over, so that one sent after its call ended counts too.
 */
function countLateRequests(
  report: SoakReport,
  emulator: CodexEmulator,
  contentAt: Map<number, { fault: string; at: number }>,
) {
  const late = new Map<number, number>();
  for (const request of emulator.requests) {
    const index = callIndexOf(request.resolvedBody ?? request.body);
    const content = contentAt.get(index ?? -1);
    if (index !== undefined && content !== undefined && (request.receivedAt ?? 0) > content.at) {
      late.set(index, (late.get(index) ?? 0) + 1);
    }
  }
  for (const [call, requests] of late) {
    report.retriesAfterContent++;
    report.violations.push({
      call,
      fault: contentAt.get(call)!.fault,
      what: `${requests} request(s) after content was delivered`,
    });
  }
}

function record(report: SoakReport, call: SoakCall, outcome: CallOutcome) {
  const fault = (report.byFault[call.fault] ??= { calls: 0, correct: 0, errors: 0, kinds: {} });
  report.calls++;
  fault.calls++;
  const violation = (what: string) =>
    report.violations.push({ call: call.index, fault: call.fault, what });
  if (outcome.hung) {
    report.hangs++;
    violation('no end before the deadline');
  }
  if (outcome.leaks.length > 0) {
    report.leaks++;
    violation(`token in ${[...new Set(outcome.leaks)].join(', ')}`);
  }
  const error = outcome.errors[0];
  if (error === undefined) {
    if (
      outcome.finishReason === 'stop' &&
      outcome.text === call.expected.text &&
      outcome.reasoning === call.expected.reasoning
    ) {
      report.correct++;
      fault.correct++;
    } else if (!outcome.hung) {
      report.wrongText++;
      violation(
        `no error, finish ${outcome.finishReason}, ${describeText(outcome, call.expected)}`,
      );
    }
    return;
  }
  const prefix = isPrefix(outcome, call.expected);
  if (!prefix) {
    report.wrongText++;
    violation(`error and ${describeText(outcome, call.expected)}`);
  }
  const message = error instanceof Error ? error.message.trim() : '';
  if (message === '') {
    report.unclearErrors++;
    violation('an error without a message');
  }
  if (outcome.hung || outcome.leaks.length > 0 || !prefix || message === '') return;
  // a clean error: what a user reads, by kind
  const kind = errorKind(error);
  fault.errors++;
  fault.kinds[kind] = (fault.kinds[kind] ?? 0) + 1;
  report.errors[kind] = (report.errors[kind] ?? 0) + 1;
  report.errorSamples[kind] ??= message.slice(0, 200);
}

function isPrefix(outcome: CallOutcome, expected: SoakAnswer): boolean {
  return expected.text.startsWith(outcome.text) && expected.reasoning.startsWith(outcome.reasoning);
}

function describeText(outcome: CallOutcome, expected: SoakAnswer): string {
  const text = `text ${outcome.text.length}/${expected.text.length} characters`;
  const reasoning = `reasoning ${outcome.reasoning.length}/${expected.reasoning.length}`;
  const kind = isPrefix(outcome, expected) ? 'a prefix' : 'not a prefix';
  return `${text}, ${reasoning} (${kind})`;
}

/**
 * `HTTP 503`, the stream error's code (`stream_truncated: …`), else the first clause of the
 * message ("The Codex WebSocket closed before the response started"), else the error's name.
 */
export function errorKind(error: unknown): string {
  const retried = retriedError(error);
  if (retried !== undefined) return `${errorKind(retried)}, AI SDK retried`;
  if (APICallError.isInstance(error)) {
    if (error.statusCode != null && error.statusCode !== 200) return `HTTP ${error.statusCode}`;
    return /^([a-z][a-z_]+):/.exec(error.message)?.[1] ?? error.message.split(/[:(]/)[0]!.trim();
  }
  return error instanceof Error ? error.name : typeof error;
}

function emptyReport(transport: SoakTransport): SoakReport {
  return {
    transport,
    calls: 0,
    correct: 0,
    errors: {},
    errorSamples: {},
    wrongText: 0,
    unclearErrors: 0,
    leaks: 0,
    retriesAfterContent: 0,
    hangs: 0,
    requests: 0,
    socketRequests: 0,
    wallMs: 0,
    byFault: {},
    violations: [],
  };
}

/**
 * Everything written through `console` while the soak runs (the AI SDK's warnings, an
 * error a library logs), kept for the leak check and not printed: a leaked token must not
 * reach the terminal either.
 */
function captureConsole(): { lines: string[]; restore: () => void } {
  const lines: string[] = [];
  const methods = ['log', 'info', 'warn', 'error', 'debug', 'trace'] as const;
  const originals = methods.map(method => [method, console[method]] as const);
  for (const method of methods) {
    console[method] = (...args: unknown[]) => {
      lines.push(formatWithOptions({ depth: Infinity, maxStringLength: Infinity }, ...args));
    };
  }
  return {
    lines,
    restore: () => {
      for (const [method, original] of originals) console[method] = original;
    },
  };
}
