import { spawn } from 'node:child_process';
import { once } from 'node:events';
import { watch } from 'node:fs';
import { chmod, mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { loginWithBrowser } from './browser-login';
import { CodexLoginError } from './login-error';
import { openBrowser } from './open-browser';

// Fake openers on PATH record the arguments they get, so nothing real is opened.
let bin: string;
const savedPath = process.env.PATH;
const savedPlatform = Object.getOwnPropertyDescriptor(process, 'platform')!;

beforeEach(async () => {
  bin = await mkdtemp(join(tmpdir(), 'codex-opener-'));
  for (const name of ['xdg-open', 'open', 'rundll32']) {
    const script = join(bin, name);
    await writeFile(script, `#!/bin/sh\nprintf '%s\\n' "${name}" "$@" > "${bin}/opened"\n`);
    await chmod(script, 0o755);
  }
  process.env.PATH = bin;
});
afterEach(async () => {
  process.env.PATH = savedPath;
  Object.defineProperty(process, 'platform', savedPlatform);
  await rm(bin, { recursive: true, force: true });
});

/**
 * What the fake opener was called with: its name, then each argument on its own line.
 * Waits for the opener to write it, however long a loaded machine takes to start one.
 */
function opened(): Promise<string[]> {
  return new Promise((resolve, reject) => {
    // watching before the first look, so a write between the two is not missed
    const watcher = watch(bin, () => void check());
    const check = async () => {
      const text = await readFile(join(bin, 'opened'), 'utf8').catch(() => '');
      if (!text.endsWith('\n')) return;
      watcher.close();
      resolve(text.trimEnd().split('\n'));
    };
    watcher.on('error', reject);
    void check();
  });
}

const url = 'http://127.0.0.1:1/oauth/authorize?a=1&state=x y';

/**
 * Like a browser that `xdg-open` waits for: each opener records its pid, then keeps
 * running. Returns a function that resolves to that pid once an opener ran.
 */
async function useLingeringOpeners(): Promise<() => Promise<number>> {
  for (const name of ['xdg-open', 'open', 'rundll32']) {
    const script = join(bin, name);
    await writeFile(script, `#!/bin/sh\necho $$ > "${bin}/opened"\nexec /bin/sleep 30\n`);
    await chmod(script, 0o755);
  }
  return async () => Number((await opened())[0]);
}

/** Still running: not gone, nor a zombie left unreaped (a container's init may never reap). */
async function isAlive(pid: number): Promise<boolean> {
  const stat = await readFile(`/proc/${pid}/stat`, 'utf8').catch(() => undefined);
  if (stat !== undefined) return !/\) Z /.test(stat);
  try {
    process.kill(pid, 0);
    return true;
  } catch {
    return false;
  }
}

/** A command (a separate Node process) that opens the browser, then maybe waits. */
async function startCommand(then: 'exit' | 'wait') {
  const script = join(bin, 'command.ts');
  const modulePath = fileURLToPath(new URL('./open-browser.ts', import.meta.url));
  await writeFile(
    script,
    `import { openBrowser } from ${JSON.stringify(modulePath)};\n` +
      `openBrowser(${JSON.stringify(url)});\n` +
      (then === 'wait' ? 'setInterval(() => {}, 1000);\n' : ''),
  );
  // Its own process group, as a job started from a terminal has.
  return spawn(process.execPath, ['--import', 'tsx', script], {
    env: { ...process.env, PATH: bin },
    stdio: 'ignore',
    detached: true,
  });
}

describe.skipIf(process.platform === 'win32')('openBrowser', () => {
  it('hands the URL, as one argument and untouched by a shell, to the platform opener', async () => {
    for (const [platform, expected] of [
      ['linux', ['xdg-open', url]],
      ['darwin', ['open', url]],
      ['win32', ['rundll32', 'url.dll,FileProtocolHandler', url]],
    ] as const) {
      Object.defineProperty(process, 'platform', { value: platform });
      await rm(join(bin, 'opened'), { force: true });
      openBrowser(url);
      expect(await opened()).toEqual(expected);
    }
  });

  it('the command that opened the browser can exit while the browser keeps running', async () => {
    const openerPid = await useLingeringOpeners();
    const command = await startCommand('exit');
    // listening from the start: the command may well exit before we learn the opener's pid
    const exited = once(command, 'exit');
    const pid = await openerPid();
    try {
      // Kept alive by the opener, it would exit only with it, 30 s on: after the test's
      // timeout, and with the opener gone.
      expect(await exited).toEqual([0, null]);
      expect(await isAlive(pid)).toBe(true);
    } finally {
      if (command.exitCode == null) command.kill('SIGKILL');
      process.kill(pid, 'SIGKILL');
    }
  }, 20_000);

  it('Ctrl+C on the command does not close the browser it opened', async () => {
    const openerPid = await useLingeringOpeners();
    const command = await startCommand('wait');
    const pid = await openerPid();
    try {
      const exited = once(command, 'exit');
      // A terminal sends Ctrl+C to the whole foreground process group.
      process.kill(-command.pid!, 'SIGINT');
      expect(await exited).toEqual([null, 'SIGINT']);
      await new Promise(resolve => setTimeout(resolve, 100));
      expect(await isAlive(pid)).toBe(true);
    } finally {
      if (await isAlive(pid)) process.kill(pid, 'SIGKILL');
    }
  }, 20_000);

  it('a machine without an opener is no error: the printed URL still works', async () => {
    process.env.PATH = join(bin, 'nothing-here');
    expect(() => openBrowser(url)).not.toThrow();
    await new Promise(resolve => setTimeout(resolve, 100));
  });

  it('a browser sign-in opens the authorize URL in the default browser unless told not to', async () => {
    Object.defineProperty(process, 'platform', { value: 'linux' });
    for (const openOption of [undefined, true]) {
      await rm(join(bin, 'opened'), { force: true });
      const controller = new AbortController();
      let authorizeUrl = '';
      const login = loginWithBrowser({
        codexHome: bin,
        issuer: 'http://127.0.0.1:9',
        port: 0,
        onAuthorizeUrl: url => void (authorizeUrl = url),
        abortSignal: controller.signal,
        ...(openOption != null && { openBrowser: openOption }),
      });
      expect(await opened()).toEqual(['xdg-open', authorizeUrl]);
      controller.abort();
      await expect(login).rejects.toMatchObject({ name: 'AbortError' });
    }

    await rm(join(bin, 'opened'), { force: true });
    const controller = new AbortController();
    const login = loginWithBrowser({
      codexHome: bin,
      issuer: 'http://127.0.0.1:9',
      port: 0,
      openBrowser: false,
      onAuthorizeUrl: () => setTimeout(() => controller.abort(), 200),
      abortSignal: controller.signal,
    });
    await expect(login).rejects.toMatchObject({ name: 'AbortError' });
    expect(await readFile(join(bin, 'opened'), 'utf8').catch(() => 'not opened')).toBe(
      'not opened',
    );
  });
});

describe('CodexLoginError', () => {
  it('is a LoadAPIKeyError that apps can tell apart by its reason', () => {
    const error = new CodexLoginError({ reason: 'expired', message: 'too late' });
    expect(CodexLoginError.isLoginError(error)).toBe(true);
    expect(CodexLoginError.isLoginError(new Error('too late'))).toBe(false);
    expect(error).toMatchObject({
      name: 'AI_LoadAPIKeyError',
      reason: 'expired',
      message: 'too late',
    });
  });
});
