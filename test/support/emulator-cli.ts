/**
 * `npm run emulator`: runs the Codex emulator until interrupted, for pointing examples or
 * an app at it (`CODEX_BASE_URL=<printed URL>`). Loopback only.
 */
import { startCodexEmulator } from './codex-emulator';

const port = Number(process.env.PORT ?? 0);
const emulator = await startCodexEmulator({ port, log: line => console.log(line) });
console.log(`Codex emulator: ${emulator.baseURL}`);
const stop = () => void emulator.close().then(() => process.exit(0));
process.on('SIGINT', stop);
process.on('SIGTERM', stop);
