/** Where the command writes and what it reads from its process; tests pass their own. */
export type CliIO = {
  stdout: (text: string) => void;
  stderr: (text: string) => void;
  env: Record<string, string | undefined>;
  /** Aborted on Ctrl-C: a sign-in in progress stops and writes nothing. */
  signal?: AbortSignal;
};

// C0 controls but the line feed, DEL and C1 controls: what a terminal may act on (a window
// title, a screen clear, a carriage return over a line) instead of showing.
const CONTROL_CHARACTERS = /[\u0000-\u0009\u000b-\u001f\u007f-\u009f]/g;

/**
 * `text` without the control characters a terminal would act on (line breaks are kept).
 * Everything the command prints goes through it: user codes, emails, plans, backend and
 * issuer error texts come from servers and files, and could rewrite the screen.
 */
export function printable(text: string): string {
  return text.replace(CONTROL_CHARACTERS, '');
}

/** `io` whose output is `printable`; machine-readable output (`--json`) uses `io` itself. */
export function terminalIO(io: CliIO): CliIO {
  return {
    ...io,
    stdout: text => io.stdout(printable(text)),
    stderr: text => io.stderr(printable(text)),
  };
}

/** `3 d 4 h`, `2 h 10 min`, `45 s`: how long until `date`, for people. */
export function formatDuration(ms: number): string {
  const s = Math.round(Math.abs(ms) / 1000);
  const d = Math.floor(s / 86_400);
  const h = Math.floor((s % 86_400) / 3600);
  const m = Math.floor((s % 3600) / 60);
  if (d > 0) return `${d} d ${h} h`;
  if (h > 0) return `${h} h ${m} min`;
  if (m > 0) return `${m} min`;
  return `${s} s`;
}
