import { LoadAPIKeyError } from '@ai-sdk/provider';
import { mkdtemp, rm, symlink, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { readAuthFile } from './auth-file-store';
import {
  describeCredentialsStore,
  explainMissingAuthFile,
  readCredentialsStoreMode,
} from './credentials-store-mode';

let home: string;
let authFile: string;
let configPath: string;
beforeEach(async () => {
  home = await mkdtemp(join(tmpdir(), 'codex-home-'));
  authFile = join(home, 'auth.json');
  configPath = join(home, 'config.toml');
});
afterEach(async () => {
  await rm(home, { recursive: true, force: true });
});

const config = (...lines: string[]) => writeFile(configPath, lines.join('\n'));

describe('readCredentialsStoreMode', () => {
  it('is undefined without a config.toml, or without the key', async () => {
    expect(await readCredentialsStoreMode(home)).toBeUndefined();
    await config('model = "gpt-5.3-codex"');
    expect(await readCredentialsStoreMode(home)).toBeUndefined();
  });

  it.each([
    ['double quotes', 'cli_auth_credentials_store = "keyring"'],
    ['single quotes', "cli_auth_credentials_store = 'keyring'"],
    ['no spaces around =', 'cli_auth_credentials_store="keyring"'],
    ['an indented key', '  cli_auth_credentials_store = "keyring"'],
    ['a trailing comment', 'cli_auth_credentials_store = "keyring" # see the docs'],
    ['padding and capitals in the value', 'cli_auth_credentials_store = " Keyring "'],
  ])('reads a top-level key with %s', async (_, line) => {
    await config('model = "gpt-5.3-codex"', line, '', '[profiles.work]', 'model = "o3"');
    expect(await readCredentialsStoreMode(home)).toBe('keyring');
  });

  it('reads the key after a top-level array (whose [ is no table header)', async () => {
    await config('notify = ["notify-send", "Codex"]', 'cli_auth_credentials_store = "auto"');
    expect(await readCredentialsStoreMode(home)).toBe('auto');
  });

  it('reads CRLF line ends', async () => {
    await writeFile(configPath, 'model = "o3"\r\ncli_auth_credentials_store = "ephemeral"\r\n');
    expect(await readCredentialsStoreMode(home)).toBe('ephemeral');
  });

  it.each([
    ['inside a table', '[profiles.work]\ncli_auth_credentials_store = "keyring"'],
    ['inside an indented table', '  [profiles.work]\n  cli_auth_credentials_store = "keyring"'],
    ['commented out', '# cli_auth_credentials_store = "keyring"'],
    ['in another key', 'my_cli_auth_credentials_store = "keyring"'],
  ])('ignores the key %s', async (_, text) => {
    await writeFile(configPath, text);
    expect(await readCredentialsStoreMode(home)).toBeUndefined();
  });
});

describe('describeCredentialsStore', () => {
  const fix =
    'Run `npx ai-sdk-provider-codex login` to sign in to an auth.json this package can read (or set cli_auth_credentials_store = "file" and run `codex login` again).';

  it('keyring: the sign-in is in the OS keyring', () => {
    expect(describeCredentialsStore('keyring', '/h/config.toml')).toBe(
      `/h/config.toml sets cli_auth_credentials_store = "keyring", so \`codex login\` keeps the sign-in in the OS keyring, which this package cannot read. ${fix}`,
    );
  });

  it('auto: the sign-in may be in the OS keyring', () => {
    expect(describeCredentialsStore('auto', '/h/config.toml')).toBe(
      `/h/config.toml sets cli_auth_credentials_store = "auto", so \`codex login\` may have put the sign-in in the OS keyring, which this package cannot read. ${fix}`,
    );
  });

  it('ephemeral: the sign-in is in memory only', () => {
    expect(describeCredentialsStore('ephemeral', '/h/config.toml')).toBe(
      `/h/config.toml sets cli_auth_credentials_store = "ephemeral", so \`codex login\` keeps the sign-in in memory only. ${fix}`,
    );
  });

  it.each([['file'], [undefined], ['something-new'], ['']])('has nothing to add for %s', mode => {
    expect(describeCredentialsStore(mode, '/h/config.toml')).toBeUndefined();
  });
});

describe('explainMissingAuthFile', () => {
  /** What reading the auth file and explaining its failure throws. */
  const readFailure = () =>
    readAuthFile(authFile)
      .catch(error => explainMissingAuthFile(error, authFile))
      .then(
        () => {
          throw new Error('expected a failure');
        },
        (e: Error) => e,
      );

  it('adds the keyring hint to a missing file, naming the config file', async () => {
    await config('cli_auth_credentials_store = "keyring"');
    const error = await readFailure();
    expect(LoadAPIKeyError.isInstance(error)).toBe(true);
    expect(error.message).toMatch(/^No Codex sign-in found: .* does not exist\./);
    expect(error.message).toContain(
      `${configPath} sets cli_auth_credentials_store = "keyring", so \`codex login\` keeps the sign-in in the OS keyring`,
    );
  });

  it('keeps the error of a missing file as it is when the config names no other store', async () => {
    await config('cli_auth_credentials_store = "file"');
    const original = await readAuthFile(authFile).catch((e: Error) => e);
    const error = await explainMissingAuthFile(original, authFile).catch((e: Error) => e);
    expect(error).toBe(original);
  });

  it('adds nothing when the file is there but unreadable (invalid JSON): the keyring is not why', async () => {
    await config('cli_auth_credentials_store = "keyring"');
    await writeFile(authFile, '{"tokens": ');
    expect((await readFailure()).message).toBe(
      `The Codex auth file ${authFile} is not valid JSON; it was left untouched. Repair it, or remove it and run \`codex login\`.`,
    );
  });

  it('adds nothing when the file is there but cannot even be looked at (a symlink loop)', async () => {
    await config('cli_auth_credentials_store = "keyring"');
    await symlink('auth.json', authFile);
    expect((await readFailure()).message).toBe(
      `Cannot read the Codex auth file ${authFile} (ELOOP). Check its permissions.`,
    );
  });

  it('passes any other error through untouched', async () => {
    await config('cli_auth_credentials_store = "keyring"');
    const other = new TypeError('not a sign-in problem');
    await expect(explainMissingAuthFile(other, authFile)).rejects.toBe(other);
  });
});
