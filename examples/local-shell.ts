import { execFile } from 'node:child_process';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { isAbsolute, join, relative, resolve } from 'node:path';
import { promisify } from 'node:util';
import { generateText, stepCountIs } from 'ai';
import { codex, MODEL } from './codex';

// The backend's `local_shell` tool: the model asks, the app decides and runs. Never run
// what a model asks without a sandbox or an allow-list like this one: here, a few
// read-only programs, only inside a folder of the example's own.
const ALLOWED = new Set(['ls', 'pwd', 'cat', 'echo', 'date']);
const run = promisify(execFile);

const folder = await mkdtemp(join(tmpdir(), 'codex-local-shell-'));
await writeFile(join(folder, 'notes.txt'), 'Buy milk.\n');
await writeFile(join(folder, 'todo.md'), '- [ ] try the local shell tool\n');

try {
  const result = await generateText({
    model: codex(MODEL),
    prompt: `What files are in ${folder}?`,
    tools: {
      shell: codex.tools.localShell({
        execute: async ({ action }) => {
          const [program, ...args] = action.command;
          const cwd = resolve(folder, action.workingDirectory ?? '.');
          console.log(`$ ${action.command.join(' ')}  (cwd: ${cwd})`);
          if (program == null || !ALLOWED.has(program)) return { output: `refused: ${program}` };
          const inside = relative(folder, cwd);
          if (inside.startsWith('..') || isAbsolute(inside))
            return { output: `refused: ${cwd} is outside ${folder}` };
          const { stdout, stderr } = await run(program, args, {
            cwd,
            timeout: action.timeoutMs ?? 10_000,
            env: { ...process.env, ...action.env },
          }).catch((error: { stdout?: string; stderr?: string; message: string }) => ({
            stdout: error.stdout ?? '',
            stderr: error.stderr ?? error.message,
          }));
          return { output: stdout + stderr };
        },
      }),
    },
    stopWhen: stepCountIs(4),
  });
  console.log(result.text);
  console.log(`steps: ${result.steps.length}`);
} finally {
  await rm(folder, { recursive: true, force: true });
}
