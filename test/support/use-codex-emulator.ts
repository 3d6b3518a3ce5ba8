import { afterAll, beforeAll, beforeEach } from 'vitest';
import {
  defaultCatalog,
  defaultUsagePayload,
  startCodexEmulator,
  type CodexEmulator,
} from './codex-emulator';

/**
 * One emulator per test file, reset before each test (recorded requests, injected
 * faults, compaction answers, tool calls per turn, accepted tokens, model catalog, usage
 * payload). The returned object always points at the live emulator.
 */
export function useCodexEmulator(
  options?: Parameters<typeof startCodexEmulator>[0],
): CodexEmulator {
  let current: CodexEmulator | undefined;
  beforeAll(async () => {
    current = await startCodexEmulator(options);
  });
  afterAll(() => current?.close());
  beforeEach(() => {
    current!.requests.length = 0;
    current!.preflights.length = 0;
    current!.inject = undefined;
    current!.compactionItems = 1;
    current!.callsPerTool = 1;
    current!.acceptToken = () => true;
    current!.usage = defaultUsagePayload();
    current!.catalog = defaultCatalog();
    current!.latencyMs = 0;
    current!.uplinkBytesPerSecond = 0;
    current!.websocket.rejectHandshake = undefined;
    current!.websocket.maxSocketAgeMs = 60 * 60_000;
    current!.websocket.handshakes.length = 0;
  });
  return new Proxy({} as CodexEmulator, {
    get: (_, key) => Reflect.get(current!, key),
    set: (_, key, value) => Reflect.set(current!, key, value),
  });
}
