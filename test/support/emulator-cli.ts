/**
 * `npm run emulator`: runs the Codex emulator until interrupted, for pointing examples or
 * an app at it (`CODEX_BASE_URL=<printed URL>`). Loopback only.
 */
import { startCodexEmulator } from './codex-emulator';

const PORT = process.env.PORT?.trim() || '0';
const port = Number(PORT);
if (!/^\d+$/.test(PORT) || port > 65_535) {
  fail(`PORT=${PORT} is not a port number (0 to 65535; 0 or unset picks a free port).`);
}
try {
  const emulator = await startCodexEmulator({ port, log: line => console.log(line) });
  console.log(`Codex emulator: ${emulator.baseURL}`);
  const stop = () => void emulator.close().then(() => process.exit(0));
  process.on('SIGINT', stop);
  process.on('SIGTERM', stop);
} catch (error) {
  const busy = error instanceof Error && 'code' in error && error.code === 'EADDRINUSE';
  const other = port < 65_535 ? port + 1 : port - 1;
  fail(
    busy
      ? `Port ${port} on 127.0.0.1 is already in use (another emulator?): pick another with PORT=${other} npm run emulator, or leave PORT unset for a free one.`
      : `The Codex emulator could not listen on 127.0.0.1:${port}: ${error instanceof Error ? error.message : String(error)}`,
  );
}

function fail(message: string): never {
  console.error(message);
  process.exit(1);
}
