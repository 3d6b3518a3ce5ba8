/**
 * Runs in every test file: whatever the code under test logs or writes to stdout/stderr is
 * captured, and a file fails if any of it shows a token. Every token used in the tests
 * contains "SECRET" (a JWT from `makeJwt` in its payload claims too).
 */
import { afterAll, expect } from 'vitest';

const captured: string[] = [];

for (const method of ['log', 'info', 'warn', 'error', 'debug', 'trace'] as const) {
  const original = console[method].bind(console);
  console[method] = (...args: unknown[]) => {
    captured.push(
      args
        .map(a => {
          if (typeof a === 'string') return a;
          if (a instanceof Error) return `${a.stack ?? a.message} ${safe(a)}`;
          return safe(a);
        })
        .join(' '),
    );
    original(...args);
  };
}

// Code that writes to the process streams directly (the command's `bin`) is covered too.
for (const stream of [process.stdout, process.stderr]) {
  const write = stream.write.bind(stream) as (...args: unknown[]) => boolean;
  stream.write = ((chunk: unknown, ...rest: unknown[]) => {
    const text =
      typeof chunk === 'string'
        ? chunk
        : chunk instanceof Uint8Array
          ? Buffer.from(chunk).toString('utf8')
          : String(chunk);
    if (text.includes('SECRET')) captured.push(text);
    return write(chunk, ...rest);
  }) as typeof stream.write;
}

function safe(value: unknown): string {
  try {
    return JSON.stringify(value) ?? String(value);
  } catch {
    return String(value);
  }
}

afterAll(() => {
  expect(captured.filter(line => line.includes('SECRET'))).toEqual([]);
});
