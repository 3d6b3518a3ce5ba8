#!/usr/bin/env node
import { printable } from './cli-io';
import { runCli } from './main';

// The first Ctrl-C cancels the sign-in cleanly (nothing written, servers closed); a second
// one exits at once.
const controller = new AbortController();
process.once('SIGINT', () => {
  controller.abort();
  process.once('SIGINT', () => process.exit(130));
});

runCli(process.argv.slice(2), {
  stdout: text => process.stdout.write(text),
  stderr: text => process.stderr.write(text),
  env: process.env,
  signal: controller.signal,
}).then(
  code => {
    process.exitCode = code;
  },
  (error: unknown) => {
    process.stderr.write(
      `Error: ${printable(error instanceof Error ? error.message : String(error))}\n`,
    );
    process.exitCode = 1;
  },
);
