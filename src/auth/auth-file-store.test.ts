import { LoadAPIKeyError } from '@ai-sdk/provider';
import {
  lstat,
  mkdir,
  mkdtemp,
  readdir,
  readFile,
  rm,
  stat,
  symlink,
  writeFile,
} from 'node:fs/promises';
import { homedir, tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import {
  defaultAuthFilePath,
  readAuthFile,
  resolveAuthFilePath,
  writeAuthFile,
} from './auth-file-store';

// Every token here contains "SECRET": no error may show one.

let dir: string;
let authFile: string;
beforeEach(async () => {
  dir = await mkdtemp(join(tmpdir(), 'codex-auth-store-'));
  authFile = join(dir, 'auth.json');
});
afterEach(async () => {
  await rm(dir, { recursive: true, force: true });
});

/** The LoadAPIKeyError `promise` rejects with; its message must not show a token. */
async function failure(promise: Promise<unknown>): Promise<string> {
  const error = await promise.then(
    () => new Error('expected a failure'),
    (e: Error) => e,
  );
  expect(LoadAPIKeyError.isInstance(error)).toBe(true);
  expect(error.message).not.toContain('SECRET');
  return error.message;
}

const content = {
  auth_mode: 'chatgpt',
  OPENAI_API_KEY: null,
  tokens: {
    access_token: 'at-SECRET',
    refresh_token: 'rt-SECRET',
    account_id: 'acct_1',
    future_token_field: { kept: true },
  },
  last_refresh: '2026-01-01T00:00:00.000Z',
  future_top_level_field: [1, 2],
};

describe('defaultAuthFilePath', () => {
  it('is $CODEX_HOME/auth.json, the setting trimmed', async () => {
    expect(await defaultAuthFilePath({ CODEX_HOME: ` ${dir} ` })).toBe(authFile);
  });

  it.each([
    ['unset', {}],
    ['blank', { CODEX_HOME: '  ' }],
  ])('is ~/.codex/auth.json with CODEX_HOME %s', async (_, env) => {
    expect(await defaultAuthFilePath(env)).toBe(join(homedir(), '.codex', 'auth.json'));
  });
});

describe('readAuthFile', () => {
  it('returns every field of the file, unknown ones too', async () => {
    await writeFile(authFile, JSON.stringify(content));
    expect(await readAuthFile(authFile)).toEqual(content);
  });

  it('a missing file: says so, names it and how to sign in', async () => {
    expect(await failure(readAuthFile(authFile))).toBe(
      `No Codex sign-in found: ${authFile} does not exist. Sign in with \`codex login\` (choose "Sign in with ChatGPT") or \`npx ai-sdk-provider-codex login\`, or pass \`auth\` or \`authFile\` to createCodex().`,
    );
  });

  it('a directory: says so and names it', async () => {
    await mkdir(authFile);
    expect(await failure(readAuthFile(authFile))).toBe(
      `The Codex auth file ${authFile} is a directory, not a file. Remove or rename it, then sign in again (\`npx ai-sdk-provider-codex login\` or \`codex login\`).`,
    );
  });

  it('another read error: names the file and the error code', async () => {
    await writeFile(join(dir, 'home'), 'a file, not a folder');
    const path = join(dir, 'home', 'auth.json');
    expect(await failure(readAuthFile(path))).toBe(
      `Cannot read the Codex auth file ${path} (ENOTDIR). Check its permissions.`,
    );
  });

  it('invalid JSON: names the file, quotes none of it, leaves it as it was', async () => {
    const torn = '{"tokens": {"access_token": "at-SECRET-torn", "refresh_tok';
    await writeFile(authFile, torn);
    expect(await failure(readAuthFile(authFile))).toBe(
      `The Codex auth file ${authFile} is not valid JSON; it was left untouched. Repair it, or remove it and run \`codex login\`.`,
    );
    expect(await readFile(authFile, 'utf8')).toBe(torn);
  });

  it.each([['null'], ['42'], ['"at-SECRET"'], ['["at-SECRET"]']])(
    'JSON that is no object (%s): names the file, leaves it as it was',
    async text => {
      await writeFile(authFile, text);
      expect(await failure(readAuthFile(authFile))).toBe(
        `The Codex auth file ${authFile} does not hold a JSON object; it was left untouched. Run \`codex login\`.`,
      );
      expect(await readFile(authFile, 'utf8')).toBe(text);
    },
  );
});

describe('resolveAuthFilePath', () => {
  it('follows a symlinked auth.json to its target', async () => {
    await mkdir(join(dir, 'dotfiles'));
    const target = join(dir, 'dotfiles', 'auth.json');
    await writeFile(target, '{}');
    await symlink(target, authFile);
    expect(await resolveAuthFilePath(authFile)).toBe(target);
  });

  it('is the path itself when nothing is there yet', async () => {
    expect(await resolveAuthFilePath(authFile)).toBe(authFile);
  });
});

describe('writeAuthFile', () => {
  it('writes pretty JSON with mode 0600, every field kept, no temp file left', async () => {
    await writeAuthFile(authFile, content);
    expect(await readFile(authFile, 'utf8')).toBe(`${JSON.stringify(content, null, 2)}\n`);
    expect((await stat(authFile)).mode & 0o777).toBe(0o600);
    expect(await readdir(dir)).toEqual(['auth.json']);
  });

  // A long-lived app refreshes for days: a descriptor left open per write would pile up.
  it.runIf(process.platform === 'linux')(
    'closes what it opened: no descriptor left after 20 writes',
    async () => {
      const openFiles = () => readdir('/proc/self/fd').then(fds => fds.length);
      await writeAuthFile(authFile, content);
      const before = await openFiles();
      for (let i = 0; i < 20; i++) await writeAuthFile(authFile, content);
      expect(await openFiles()).toBe(before);
    },
  );

  it('replaces the file by a rename (a new inode), never rewriting it in place', async () => {
    await writeFile(authFile, '{}', { mode: 0o644 });
    const before = await stat(authFile);
    await writeAuthFile(authFile, content);
    const after = await stat(authFile);
    expect(after.ino).not.toBe(before.ino);
    expect(after.mode & 0o777).toBe(0o600);
  });

  it('creates a missing Codex home, private to the user', async () => {
    const path = join(dir, 'new-home', 'auth.json');
    await writeAuthFile(path, content);
    expect((await stat(join(dir, 'new-home'))).mode & 0o777).toBe(0o700);
    expect(JSON.parse(await readFile(path, 'utf8'))).toEqual(content);
  });

  it('writes to the target of a symlink it was given resolved, keeping the link', async () => {
    await mkdir(join(dir, 'dotfiles'));
    const target = join(dir, 'dotfiles', 'auth.json');
    await writeFile(target, '{}');
    await symlink(target, authFile);
    await writeAuthFile(await resolveAuthFilePath(authFile), content);
    expect((await lstat(authFile)).isSymbolicLink()).toBe(true);
    expect(JSON.parse(await readFile(target, 'utf8'))).toEqual(content);
  });

  it('a directory in the way: says so, names it, leaves no temp file', async () => {
    await mkdir(authFile);
    expect(await failure(writeAuthFile(authFile, content))).toBe(
      `Cannot save the sign-in to ${authFile}: it is a directory, not a file. Remove or rename it, then sign in again.`,
    );
    expect(await readdir(dir)).toEqual(['auth.json']);
    expect(await readdir(authFile)).toEqual([]);
  });

  it('another write error (its folder is a file): names the file and the error code', async () => {
    await writeFile(join(dir, 'home'), 'a file, not a folder');
    const path = join(dir, 'home', 'auth.json');
    expect(await failure(writeAuthFile(path, content))).toBe(
      `Cannot write the Codex auth file ${path} (EEXIST). Check that its folder is writable.`,
    );
  });
});
