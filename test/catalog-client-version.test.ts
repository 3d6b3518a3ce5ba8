import { describe, expect, it } from 'vitest';
import { createCodex } from '../src';
import { useCodexEmulator } from './support/use-codex-emulator';

// The catalog lists only the models a client of the version asked for can use: by default
// the official client's version this package matches (docs/parity.md).

const emu = useCodexEmulator();

describe('listModels client_version', () => {
  it('is the official client version by default, and clientVersion when set', async () => {
    const asked: string[] = [];
    const fetch: typeof globalThis.fetch = (input, init) => {
      asked.push(new URL(String(input)).searchParams.get('client_version') ?? '(none)');
      return globalThis.fetch(input, init);
    };
    const settings = { baseURL: emu.baseURL, auth: { accessToken: 'at-SECRET-version' }, fetch };
    await createCodex(settings).listModels();
    await createCodex({ ...settings, clientVersion: '0.200.0' }).listModels();
    expect(asked).toEqual(['0.169.0', '0.200.0']);
  });
});
