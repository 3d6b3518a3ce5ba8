import { execFile } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { expect, it } from 'vitest';
import { useCodexEmulator } from './support/use-codex-emulator';

// An idle socket lets the process exit; a socket taken back from the pool for the next
// step must keep it alive again until that step's answer arrives.

const emu = useCodexEmulator();

it('keeps the process alive while a reused socket waits for its answer', async () => {
  const child = fileURLToPath(new URL('./support/websocket-tool-loop-child.ts', import.meta.url));
  // the answers take a while: a process with nothing holding it would be gone by then
  emu.latencyMs = 300;
  const { stdout, code } = await new Promise<{ stdout: string; code: number | null }>(
    (resolve, reject) => {
      const proc = execFile(
        process.execPath,
        ['--import', 'tsx', child],
        {
          env: { ...process.env, BASE_URL: emu.baseURL, STREAM_IDLE_TIMEOUT_MS: '0' },
          timeout: 30_000,
        },
        (error, stdout) => {
          if (error != null && proc.exitCode == null) reject(error);
          else resolve({ stdout, code: proc.exitCode });
        },
      );
    },
  );
  expect(stdout).toMatch(/^done \d+ 2$/m);
  expect(code).toBe(0);
  // the second step went out on the first step's socket
  expect(emu.websocket.handshakes).toHaveLength(1);
  expect(emu.requests).toHaveLength(2);
});
