/**
 * Runs in every test file: whatever the code under test logs is captured, and a file
 * fails if any of it shows a token. Every token used in the tests contains "SECRET".
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
