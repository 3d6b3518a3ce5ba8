import { LoadAPIKeyError } from '@ai-sdk/provider';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { authFileNeedsNode } from './auth-file-needs-node';

// A runtime without Node's builtins, and without `process` either (a browser, workerd
// without nodejs_compat): the auth file's path is never worked out there, and the error
// says to pass `auth`, not "process is not defined".

vi.mock('./load-node-builtins', () => ({
  loadNodeBuiltins: () => Promise.reject(authFileNeedsNode()),
}));

afterEach(() => vi.unstubAllGlobals());

describe('defaultAuthFilePath off Node', () => {
  it('fails with the error that says to pass `auth`, before it reads `process`', async () => {
    const { defaultAuthFilePath } = await import('./auth-file-store');
    vi.stubGlobal('process', undefined);
    const failing = defaultAuthFilePath();
    vi.unstubAllGlobals();
    const error = await failing.catch((e: unknown) => e);
    expect(LoadAPIKeyError.isInstance(error)).toBe(true);
    expect((error as Error).message).toContain('pass the `auth` setting');
  });
});
