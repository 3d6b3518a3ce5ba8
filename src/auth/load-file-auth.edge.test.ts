import { LoadAPIKeyError } from '@ai-sdk/provider';
import { describe, expect, it } from 'vitest';
import { loadFileAuth } from './load-file-auth.edge';

// The browser and edge build's auth file: none, and an error that says what to pass instead.

describe('loadFileAuth of the edge build', () => {
  it('refuses with a LoadAPIKeyError that names the `auth` setting', async () => {
    const error = await loadFileAuth({ tokenURL: 'https://auth.example/oauth/token' }).catch(
      (e: unknown) => e,
    );
    expect(LoadAPIKeyError.isInstance(error)).toBe(true);
    expect((error as Error).message).toBe(
      'Reading the Codex sign-in from auth.json needs Node.js, Deno or Bun (node:fs): pass the `auth` setting to createCodex() instead (`{ accessToken, accountId }` or a function returning it).',
    );
  });
});
