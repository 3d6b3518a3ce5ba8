import { execFile } from 'node:child_process';
import { promisify } from 'node:util';
import { generateText, stepCountIs } from 'ai';
import { codex, MODEL } from './codex';

// The backend's `local_shell` tool: the model asks, the app decides and runs. Never run
// what a model asks without a sandbox or an allow-list like this one.
const ALLOWED = new Set(['ls', 'pwd', 'cat', 'echo', 'date']);
const run = promisify(execFile);

const result = await generateText({
  model: codex(MODEL),
  prompt: 'What files are in the temp directory?',
  tools: {
    shell: codex.tools.localShell({
      execute: async ({ action }) => {
        const [program, ...args] = action.command;
        console.log(`$ ${action.command.join(' ')}  (cwd: ${action.workingDirectory ?? '.'})`);
        if (program == null || !ALLOWED.has(program)) return { output: `refused: ${program}` };
        const { stdout, stderr } = await run(program, args, {
          cwd: action.workingDirectory,
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
