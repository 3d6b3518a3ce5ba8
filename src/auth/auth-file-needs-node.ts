import { LoadAPIKeyError } from '@ai-sdk/provider';

/** Why there is no auth file to read here: the runtime has no `node:fs`. */
export function authFileNeedsNode(): LoadAPIKeyError {
  return new LoadAPIKeyError({
    message:
      'Reading the Codex sign-in from auth.json needs Node.js, Deno or Bun (node:fs): pass the `auth` setting to createCodex() instead (`{ accessToken, accountId }` or a function returning it).',
  });
}
