import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { BACKEND_PATH, CODEX_PATH } from './recorder-server';

/** Obviously fake sign-in values: the fixtures' sanitiser replaces them by name. */
export const FAKE_ACCOUNT_ID = 'account-parity';
export const FAKE_USER_ID = 'user-parity';
export const FAKE_EMAIL = 'parity@example.invalid';

export type CodexHome = {
  dir: string;
  /** Where the CLI's conversations run: an empty folder, the shell tool's cwd. */
  workdir: string;
  accessToken: string;
  dispose: () => void;
};

/**
 * A throwaway `CODEX_HOME` holding a fake ChatGPT sign-in and a `config.toml` that points
 * every endpoint the CLI may call at the recorder and turns off what reports elsewhere
 * (analytics, feedback, OTEL exporters, update checks).
 */
export function createCodexHome({
  origin,
  config = {},
}: {
  /** The recorder's https origin. */
  origin: string;
  /** More top-level keys (TOML values, already formatted). */
  config?: Record<string, string>;
}): CodexHome {
  const dir = mkdtempSync(join(tmpdir(), 'parity-codex-home-'));
  const workdir = join(dir, 'work');
  mkdirSync(workdir);
  const farFuture = Math.floor(Date.parse('2099-01-01T00:00:00Z') / 1000);
  const claims = {
    email: FAKE_EMAIL,
    exp: farFuture,
    iat: Math.floor(Date.now() / 1000),
    'https://api.openai.com/auth': {
      chatgpt_account_id: FAKE_ACCOUNT_ID,
      chatgpt_plan_type: 'plus',
      chatgpt_user_id: FAKE_USER_ID,
      user_id: FAKE_USER_ID,
    },
  };
  const accessToken = fakeJwt({ ...claims, scp: ['openid', 'profile', 'email', 'offline_access'] });
  writeFileSync(
    join(dir, 'auth.json'),
    JSON.stringify(
      {
        auth_mode: 'chatgpt',
        OPENAI_API_KEY: null,
        tokens: {
          id_token: fakeJwt(claims),
          access_token: accessToken,
          refresh_token: 'fake-parity-refresh-token',
          account_id: FAKE_ACCOUNT_ID,
        },
        last_refresh: new Date().toISOString(),
      },
      null,
      2,
    ),
    { mode: 0o600 },
  );
  const toml = [
    `chatgpt_base_url = "${origin}${BACKEND_PATH}/"`,
    `openai_base_url = "${origin}${CODEX_PATH}"`,
    'check_for_update_on_startup = false',
    'cli_auth_credentials_store = "file"',
    ...Object.entries(config).map(([key, value]) => `${key} = ${value}`),
    '',
    '[analytics]',
    'enabled = false',
    '',
    '[feedback]',
    'enabled = false',
    '',
    '[otel]',
    'exporter = "none"',
    'trace_exporter = "none"',
    'metrics_exporter = "none"',
    '',
    `[projects."${workdir}"]`,
    'trust_level = "trusted"',
    '',
  ].join('\n');
  writeFileSync(join(dir, 'config.toml'), toml);
  return {
    dir,
    workdir,
    accessToken,
    dispose: () => rmSync(dir, { recursive: true, force: true }),
  };
}

/** An unsigned JWT (the CLI reads its claims, never checks a signature). */
function fakeJwt(payload: Record<string, unknown>): string {
  const enc = (value: unknown) => Buffer.from(JSON.stringify(value)).toString('base64url');
  return `${enc({ alg: 'none', typ: 'JWT' })}.${enc(payload)}.fake-parity-signature`;
}
