import { InvalidArgumentError } from '@ai-sdk/provider';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import { resolveCodexHome } from '../login/codex-home';
import { DEFAULT_ISSUER, normalizeIssuer } from '../login/normalize-issuer';
import { VERSION } from '../common/package-identity';
import { terminalIO, type CliIO } from './cli-io';
import { loginCommand } from './login-command';
import { logoutCommand } from './logout-command';
import { redisImportCommand, redisLogoutCommand, redisStatusCommand } from './redis-commands';
import { statusCommand } from './status-command';
import { openRedisSignIn } from '../redis/redis-auth';

const USAGE = `Usage: npx ai-sdk-provider-codex <command> [options]

Commands:
  login            Sign in with ChatGPT in the browser (writes auth.json as \`codex login\` does)
  login --device   Sign in from a machine without a browser, with a one-time code
  logout           Revoke the sign-in's refresh token, then remove the sign-in
  status           Who is signed in, when the token expires, and the quota left
  import --redis URL
                   Copy the sign-in of auth.json to Redis, for many machines to share

Options:
  --codex-home DIR  Where auth.json lives (default $CODEX_HOME, else ~/.codex)
  --issuer URL      The OpenAI sign-in server (default ${DEFAULT_ISSUER})
  --port N          login: the localhost callback port (default 1455, then 1457;
                    OpenAI only redirects to the ports registered for the Codex CLI)
  --no-browser      login: print the sign-in URL instead of opening a browser
  --force           logout: remove the sign-in even when its refresh token cannot be
                    revoked (it then stays valid until it expires; exit code 1)
  --json            status: machine-readable output
  --base-url URL    status: the Codex backend (default $CODEX_BASE_URL, else
                    https://chatgpt.com/backend-api/codex)
  --redis URL       login, logout, status, import: the sign-in in Redis instead of auth.json
                    (redis://[:password@]host[:port][/db], rediss:// for TLS)
  --key K           with --redis: the key holding the sign-in (default codex:auth)
  -h, --help        Show this help
  --version         Show the version
`;

/**
 * Which options each command takes, besides --codex-home and --issuer (--help is answered
 * before a command runs).
 */
const COMMAND_OPTIONS: Record<string, string[]> = {
  login: ['device', 'port', 'no-browser', 'redis', 'key'],
  logout: ['force', 'redis', 'key'],
  status: ['json', 'base-url', 'redis', 'key'],
  import: ['redis', 'key'],
};

class UsageError extends Error {}

/** Runs the command line `argv` (without `node` and the script); resolves with the exit code. */
export async function runCli(argv: string[], rawIO: CliIO): Promise<number> {
  const io = terminalIO(rawIO);
  let parsed;
  try {
    parsed = parseArgs({
      args: argv,
      allowPositionals: true,
      strict: true,
      options: {
        'codex-home': { type: 'string' },
        issuer: { type: 'string' },
        device: { type: 'boolean' },
        port: { type: 'string' },
        'no-browser': { type: 'boolean' },
        force: { type: 'boolean' },
        json: { type: 'boolean' },
        'base-url': { type: 'string' },
        redis: { type: 'string' },
        key: { type: 'string' },
        help: { type: 'boolean', short: 'h' },
        version: { type: 'boolean' },
      },
    });
  } catch (error) {
    return usageError(io, (error as Error).message);
  }
  const { values, positionals } = parsed;
  if (values.version) {
    io.stdout(`${VERSION}\n`);
    return 0;
  }
  const [command, ...extra] = positionals;
  if (values.help || command == null) {
    io.stdout(USAGE);
    return values.help ? 0 : 2;
  }
  try {
    const allowed = COMMAND_OPTIONS[command];
    if (allowed == null) throw new UsageError(`Unknown command "${command}".`);
    if (extra.length > 0) throw new UsageError(`Unexpected argument "${extra[0]}".`);
    for (const name of Object.keys(values)) {
      if (!['codex-home', 'issuer', ...allowed].includes(name)) {
        throw new UsageError(`--${name} does not apply to ${command}.`);
      }
    }
    if (values.key != null && values.redis == null) {
      throw new UsageError('--key names a Redis key: it goes with --redis URL.');
    }
    const options: CommandOptions = {
      codexHome: resolveCodexHome(values['codex-home'], io.env),
      issuer: parseIssuer(values.issuer),
      device: values.device === true,
      port: values.port != null ? parsePort(values.port) : undefined,
      openBrowser: values['no-browser'] !== true,
      force: values.force === true,
      // exact, and JSON escapes every C0 control character itself
      json: values.json === true ? rawIO.stdout : undefined,
      // the variable the examples and apps point at an emulator or a proxy with
      baseURL: values['base-url'] ?? (io.env.CODEX_BASE_URL || undefined),
    };
    if (values.redis != null || command === 'import') {
      return await runRedisCommand(io, command, values, options);
    }
    switch (command) {
      case 'login':
        return await loginCommand(io, options);
      case 'logout':
        return await logoutCommand(io, options);
      default:
        return await statusCommand(io, options);
    }
  } catch (error) {
    if (error instanceof UsageError) return usageError(io, error.message);
    // Only Ctrl-C is a cancel: an abort or timeout inside the command is an error to show
    if (io.signal?.aborted) {
      io.stderr('Cancelled; nothing was written.\n');
      return 130;
    }
    // Every message of ours is written to be shown as is, and none carries a token.
    const message = error instanceof Error ? error.message : String(error);
    io.stderr(`Error: ${message}\n`);
    return 1;
  }
}

/** What the commands take, read once from the command line. */
type CommandOptions = {
  codexHome: string;
  issuer: string;
  device: boolean;
  port: number | undefined;
  openBrowser: boolean;
  force: boolean;
  json: ((text: string) => void) | undefined;
  baseURL: string | undefined;
};

/** `login`, `logout`, `status` and `import` with `--redis`: the sign-in in a Redis key. */
async function runRedisCommand(
  io: CliIO,
  command: string,
  values: { redis?: string; key?: string },
  options: CommandOptions,
): Promise<number> {
  const url = values.redis;
  if (url == null) throw new UsageError(`${command} needs --redis URL.`);
  const redis = { url, key: values.key };
  switch (command) {
    case 'login': {
      const { auth } = openRedisSignIn(redis);
      try {
        return await loginCommand(io, { ...options, saveTo: auth });
      } finally {
        await auth.close();
      }
    }
    case 'logout':
      return redisLogoutCommand(io, { ...redis, ...options });
    case 'import':
      return redisImportCommand(io, { ...redis, authFile: join(options.codexHome, 'auth.json') });
    default:
      return redisStatusCommand(io, { ...redis, ...options });
  }
}

function parsePort(value: string): number {
  const port = Number(value);
  if (!Number.isInteger(port) || port < 0 || port > 65535) {
    throw new UsageError(`--port must be a port number (0–65535), not "${value}".`);
  }
  return port;
}

function parseIssuer(value: string | undefined): string {
  try {
    return normalizeIssuer(value, '--issuer');
  } catch (error) {
    if (InvalidArgumentError.isInstance(error)) throw new UsageError(error.message);
    throw error;
  }
}

function usageError(io: CliIO, message: string): number {
  io.stderr(`${message}\nRun \`npx ai-sdk-provider-codex --help\` for usage.\n`);
  return 2;
}
