import { spawn, type ChildProcess } from 'node:child_process';
import { appendFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { createInterface } from 'node:readline';
import { createCodexHome, type CodexHome } from './codex-home';
import { PARITY_MODEL } from './model-catalog';
import type { Scenario } from './parity-scenarios';

/** How long one CLI conversation may take before it is stopped and reported. */
const RUN_TIMEOUT_MS = 120_000;

/** The name the recorder's app-server client gives itself in `initialize`. */
export const APP_SERVER_CLIENT = 'parity_recorder';

export type OfficialRun = {
  ok: boolean;
  detail: string;
  home: Pick<CodexHome, 'dir' | 'workdir' | 'accessToken'>;
};

/**
 * Runs one scenario through the official CLI against the recorder's https origin, with its
 * own throwaway `CODEX_HOME`, in an empty work folder, sandbox read-only, approvals never.
 * The environment is built from nothing but what the CLI needs, so no key or proxy setting
 * of the caller's shell reaches it.
 */
export async function runOfficialClient({
  codexJs,
  caFile,
  origin,
  scenario,
}: {
  codexJs: string;
  caFile: string;
  origin: string;
  scenario: Scenario;
}): Promise<OfficialRun> {
  const home = createCodexHome({
    origin,
    config: {
      model: `"${PARITY_MODEL}"`,
      sandbox_mode: '"read-only"',
      approval_policy: '"never"',
      ...scenario.official.config,
    },
  });
  const env = {
    PATH: process.env.PATH ?? '/usr/bin:/bin',
    HOME: home.dir,
    CODEX_HOME: home.dir,
    // the CLI's TLS (rustls) trusts this CA on top of the system roots, for HTTPS and wss
    CODEX_CA_CERTIFICATE: caFile,
    // token refresh and revocation would go to auth.openai.com: point them here too
    CODEX_REFRESH_TOKEN_URL_OVERRIDE: `${origin}/oauth/token`,
    CODEX_REVOKE_TOKEN_URL_OVERRIDE: `${origin}/oauth/revoke`,
    // PARITY_CLI_LOG=<dir>: the CLI logs at info into <dir>/<scenario>.log, to see what it tried
    RUST_LOG: process.env.PARITY_CLI_LOG ? 'info' : 'error',
    NO_COLOR: '1',
  };
  try {
    return scenario.official.mode === 'app-server'
      ? await runAppServer(codexJs, env, home, scenario)
      : await runExec(codexJs, env, home, scenario);
  } finally {
    home.dispose();
  }
}

async function runExec(
  codexJs: string,
  env: NodeJS.ProcessEnv,
  home: CodexHome,
  scenario: Scenario,
) {
  const args = ['exec', '--skip-git-repo-check', '--json', '-m', PARITY_MODEL, '-s', 'read-only'];
  if (scenario.official.outputSchema != null) {
    const file = join(home.dir, 'output-schema.json');
    writeFileSync(file, JSON.stringify(scenario.official.outputSchema));
    args.push('--output-schema', file);
  }
  if (scenario.prompts.length !== 1) throw new Error(`${scenario.name}: codex exec runs one turn`);
  const child = start(codexJs, [...args, scenario.prompts[0]!], env, home.workdir);
  // a piped stdin is read as more prompt: close it
  child.stdin!.end();
  const { code, stdout, stderr } = await finished(child);
  if (process.env.PARITY_CLI_LOG) {
    appendFileSync(join(process.env.PARITY_CLI_LOG, `${scenario.name}.log`), stderr);
  }
  const completed = /"type":"turn\.completed"/.test(stdout);
  return {
    ok: code === 0 && completed,
    detail: completed ? 'turn completed' : tail(`exit ${code}\n${stdout}\n${stderr}`),
    home,
  };
}

/** Two (or more) turns on one thread in one process, over the app-server's JSON-RPC on stdio. */
async function runAppServer(
  codexJs: string,
  env: NodeJS.ProcessEnv,
  home: CodexHome,
  scenario: Scenario,
) {
  const child = start(codexJs, ['app-server'], env, home.workdir);
  const pending = new Map<number, (message: any) => void>();
  const notifications: any[] = [];
  let waiter: (() => void) | undefined;
  let nextId = 0;
  const lines = createInterface({ input: child.stdout! });
  lines.on('line', line => {
    let message: any;
    try {
      message = JSON.parse(line);
    } catch {
      return;
    }
    if (message.id != null && message.method == null) {
      pending.get(message.id)?.(message);
      pending.delete(message.id);
    } else if (message.id != null) {
      // a request from the server (approvals, ...): none is expected with approvals "never"
      child.stdin!.write(
        `${JSON.stringify({ id: message.id, error: { code: -32601, message: 'not supported' } })}\n`,
      );
    } else {
      notifications.push(message);
      waiter?.();
    }
  });
  const request = (method: string, params: unknown) =>
    new Promise<any>((resolve, reject) => {
      const id = ++nextId;
      pending.set(id, message =>
        message.error
          ? reject(new Error(`${method}: ${JSON.stringify(message.error)}`))
          : resolve(message.result),
      );
      child.stdin!.write(`${JSON.stringify({ id, method, params })}\n`);
    });
  const turnCompleted = (count: number) =>
    new Promise<void>(resolve => {
      const check = () => {
        if (notifications.filter(n => n.method === 'turn/completed').length >= count) resolve();
      };
      waiter = check;
      check();
    });
  const exited = finished(child);
  const timeout = setTimeout(() => stop(child), RUN_TIMEOUT_MS);
  try {
    await request('initialize', {
      clientInfo: { name: APP_SERVER_CLIENT, title: null, version: '0.0.0' },
      capabilities: null,
    });
    child.stdin!.write(`${JSON.stringify({ method: 'initialized' })}\n`);
    const { thread } = await request('thread/start', {
      model: PARITY_MODEL,
      cwd: home.workdir,
      sandbox: 'read-only',
      approvalPolicy: 'never',
    });
    for (const [index, text] of scenario.prompts.entries()) {
      await request('turn/start', {
        threadId: thread.id,
        input: [{ type: 'text', text, text_elements: [] }],
      });
      await Promise.race([
        turnCompleted(index + 1),
        exited.then(() => Promise.reject(new Error('app-server exited'))),
      ]);
    }
    const failed = notifications.filter(
      n => n.method === 'turn/completed' && n.params?.turn?.status !== 'completed',
    );
    return {
      ok: failed.length === 0,
      detail:
        failed.length === 0
          ? `${scenario.prompts.length} turns completed`
          : tail(JSON.stringify(failed)),
      home,
    };
  } catch (error) {
    return {
      ok: false,
      detail: tail(`${String(error)}\n${(await stopAndCollect(child, exited)).stderr}`),
      home,
    };
  } finally {
    clearTimeout(timeout);
    child.stdin!.end();
    stop(child);
    await exited;
  }
}

function start(codexJs: string, args: string[], env: NodeJS.ProcessEnv, cwd: string): ChildProcess {
  // its own process group: the npm launcher spawns the native binary, and both must go
  const child = spawn(process.execPath, [codexJs, ...args], {
    cwd,
    env,
    stdio: ['pipe', 'pipe', 'pipe'],
    detached: true,
  });
  child.stdin!.on('error', () => {});
  return child;
}

function finished(
  child: ChildProcess,
): Promise<{ code: number | null; stdout: string; stderr: string }> {
  let stdout = '';
  let stderr = '';
  child.stdout!.on('data', chunk => (stdout += chunk));
  child.stderr!.on('data', chunk => (stderr += chunk));
  const timeout = setTimeout(() => stop(child), RUN_TIMEOUT_MS);
  return new Promise(resolve =>
    child.on('close', code => {
      clearTimeout(timeout);
      resolve({ code, stdout, stderr });
    }),
  );
}

async function stopAndCollect(child: ChildProcess, exited: ReturnType<typeof finished>) {
  stop(child);
  return exited;
}

function stop(child: ChildProcess) {
  if (child.pid == null || child.exitCode != null) return;
  try {
    process.kill(-child.pid, 'SIGKILL');
  } catch {
    // already gone
  }
}

function tail(text: string): string {
  return text.trim().split('\n').slice(-15).join('\n').slice(-3000);
}
