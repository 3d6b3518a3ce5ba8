import { execFile, spawn } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';
import { describe, expect, it } from 'vitest';
import { startCodexEmulator } from './support/codex-emulator';

// `npm run emulator` is what a newcomer starts first; a port it cannot have must say so in
// one line and fail, not end in a stack trace.

const cli = fileURLToPath(new URL('./support/emulator-cli.ts', import.meta.url));

async function runEmulatorCli(port: string) {
  try {
    await promisify(execFile)(process.execPath, ['--import', 'tsx', cli], {
      env: { ...process.env, PORT: port },
      timeout: 30_000,
    });
    return { code: 0, stderr: '' };
  } catch (error) {
    const { code, stderr } = error as { code: number; stderr: string };
    return { code, stderr };
  }
}

describe('npm run emulator', () => {
  it('on a busy PORT prints one line naming the port and how to pick another, and exits 1', async () => {
    const busy = await startCodexEmulator();
    const port = new URL(busy.baseURL).port;
    try {
      const { code, stderr } = await runEmulatorCli(port);
      expect(code).toBe(1);
      expect(stderr).toBe(
        `Port ${port} on 127.0.0.1 is already in use (another emulator?): pick another with PORT=${Number(port) + 1} npm run emulator, or leave PORT unset for a free one.\n`,
      );
    } finally {
      await busy.close();
    }
  });

  it('refuses a PORT that is no port number the same way', async () => {
    const ports = ['http', '70000', '-1'];
    expect(await Promise.all(ports.map(runEmulatorCli))).toEqual(
      ports.map(port => ({
        code: 1,
        stderr: `PORT=${port} is not a port number (0 to 65535; 0 or unset picks a free port).\n`,
      })),
    );
  });

  it('with PORT unset serves on a free port until SIGTERM, then exits 0', async () => {
    const child = spawn(process.execPath, ['--import', 'tsx', cli], {
      env: { ...process.env, PORT: '' },
    });
    const exited = new Promise(resolve => child.on('exit', resolve));
    let stdout = '';
    const baseURL = await new Promise<string>(resolve =>
      child.stdout.on('data', chunk => {
        stdout += chunk;
        const url = /^Codex emulator: (\S+)$/m.exec(stdout)?.[1];
        if (url != null) resolve(url);
      }),
    );
    expect(baseURL).toMatch(/^http:\/\/127\.0\.0\.1:\d+\/backend-api\/codex$/);
    expect(
      (await fetch(`${baseURL}/models`, { headers: { authorization: 'Bearer x' } })).status,
    ).toBe(200);
    child.kill('SIGTERM');
    expect(await exited).toBe(0);
  });
});
