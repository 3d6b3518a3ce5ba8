import { join } from 'node:path';
import { describeCredentialsStore, readCredentialsStoreMode } from '../auth/credentials-store-mode';
import { logout } from '../login/logout';
import type { CliIO } from './cli-io';

export async function logoutCommand(
  io: CliIO,
  options: { codexHome: string; issuer: string; force: boolean },
): Promise<number> {
  // Without --force a failed revocation throws and removes nothing (exit 1).
  const result = await logout(options);
  const where =
    result.linkTarget != null
      ? `the credentials from ${result.linkTarget} (${result.authFile} links to it; the link and the file's other fields are kept)`
      : result.authFile;
  if (!result.removed) {
    io.stdout(
      result.linkTarget != null
        ? `Not signed in: ${result.linkTarget} (linked from ${result.authFile}) holds no credentials.\n`
        : `Not signed in: there is no ${result.authFile} to remove.\n`,
    );
  } else if (result.revoked === false) {
    io.stderr(
      `Removed ${where} (--force), but its refresh token was NOT revoked: ${result.revokeFailure} It stays valid until it expires.\n`,
    );
  } else {
    const revoked = result.revoked === true ? ' and revoked its refresh token' : '';
    io.stdout(`Signed out: removed ${where}${revoked}.\n`);
  }
  const mode = await readCredentialsStoreMode(options.codexHome);
  if (mode === 'keyring' || mode === 'auto') {
    io.stdout(
      `${join(options.codexHome, 'config.toml')} sets cli_auth_credentials_store = "${mode}": a \`codex login\` kept in the OS keyring is not touched; \`codex logout\` removes it.\n`,
    );
  } else if (!result.removed) {
    const hint = describeCredentialsStore(mode, join(options.codexHome, 'config.toml'));
    if (hint != null) io.stdout(`${hint}\n`);
  }
  return result.revoked === false ? 1 : 0;
}
