import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import { mkdtemp, rm } from 'node:fs/promises';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

/**
 * A real `redis-server` (Debian's package) on a free loopback port, without persistence
 * (`--save ''`, no AOF) in a temp dir, for the Redis tests. `restart()` keeps the port and
 * what was stored (saved with `SAVE` on the way down, as a Redis with persistence would).
 */
export type RedisServer = {
  url: string;
  port: number;
  /** Runs one command with redis-cli; its answer as text. */
  cli: (...args: string[]) => string;
  /** Stops the server (what it holds is saved first when `keepData`). */
  stop: (options?: { keepData?: boolean }) => Promise<void>;
  start: () => Promise<void>;
  close: () => Promise<void>;
};

export const REDIS_SERVER = process.env.REDIS_SERVER ?? 'redis-server';

/** Fails with one line that says how to install redis-server, if it is missing. */
export function assertRedisServerInstalled(): void {
  const missing = [REDIS_SERVER, 'redis-cli'].some(command => {
    const probe = spawnSync(command, ['--version'], { encoding: 'utf8' });
    return probe.error != null || probe.status !== 0;
  });
  if (missing) {
    throw new Error(
      `The Redis tests need redis-server and redis-cli, which are not installed: run \`apt-get install -y redis-server\` (Debian/Ubuntu) or \`brew install redis\` (macOS), or set REDIS_SERVER to its path.`,
    );
  }
}

export async function startRedisServer({
  password,
}: { password?: string } = {}): Promise<RedisServer> {
  assertRedisServerInstalled();
  const dir = await mkdtemp(join(tmpdir(), 'codex-redis-'));
  const port = await freePort();
  let child: ChildProcess | undefined;
  const auth = password != null ? ['-a', password, '--no-auth-warning'] : [];
  const cli = (...args: string[]) => {
    const result = spawnSync('redis-cli', ['-p', String(port), ...auth, ...args], {
      encoding: 'utf8',
    });
    return result.stdout.trim();
  };
  const start = async () => {
    child = spawn(
      REDIS_SERVER,
      [
        '--port',
        String(port),
        '--bind',
        '127.0.0.1',
        '--save',
        '',
        '--appendonly',
        'no',
        '--dir',
        dir,
        ...(password != null ? ['--requirepass', password] : []),
      ],
      { stdio: 'ignore' },
    );
    // the server dies with the test process, even one whose cleanup never ran
    const started = child;
    const killOnExit = () => started.kill('SIGKILL');
    process.once('exit', killOnExit);
    started.once('exit', () => process.off('exit', killOnExit));
    await waitForPing(cli);
  };
  const stop = async ({ keepData = false } = {}) => {
    const running = child;
    if (running == null || running.exitCode != null) return;
    if (keepData) cli('SAVE');
    const exited = new Promise(resolve => running.once('exit', resolve));
    running.kill('SIGKILL');
    await exited;
    child = undefined;
  };
  await start();
  return {
    url: `redis://${password != null ? `:${password}@` : ''}127.0.0.1:${port}`,
    port,
    cli,
    stop,
    start,
    close: async () => {
      await stop();
      await rm(dir, { recursive: true, force: true });
    },
  };
}

function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const address = server.address();
      const port = typeof address === 'object' && address != null ? address.port : 0;
      server.close(() => resolve(port));
    });
  });
}

async function waitForPing(cli: (...args: string[]) => string): Promise<void> {
  const giveUpAt = Date.now() + 10_000;
  while (cli('PING') !== 'PONG') {
    if (Date.now() > giveUpAt) throw new Error('redis-server did not answer PING within 10 s');
    await new Promise(resolve => setTimeout(resolve, 20));
  }
}
