import { readFile } from 'node:fs/promises';
import { getJwtExpiry } from '../auth/jwt';
import { validDate } from '../common/valid-date';
import { resolveAuthFile } from './codex-home';
import { readAccountClaims, type CodexAccountClaims } from './id-token-claims';

/** Who is signed in according to the auth file. Never contains a token. */
export type CodexSignIn = CodexAccountClaims & {
  authFile: string;
  /**
   * `chatgpt`: a ChatGPT sign-in this package can use; `api-key`: the file holds only an
   * OpenAI API key; `none`: no file, or no usable tokens in it.
   */
  kind: 'chatgpt' | 'api-key' | 'none';
  /** When the access token expires (it is refreshed on use before then). */
  accessTokenExpiresAt?: Date;
  /** When the tokens were last written by a sign-in or a refresh. */
  lastRefresh?: Date;
  /** Why `kind` is `none`, when it is. */
  problem?: string;
};

/** Reads `auth.json` (without refreshing anything) to say who is signed in. Node only. */
export async function readCodexSignIn(
  options: { codexHome?: string; authFile?: string } = {},
): Promise<CodexSignIn> {
  const authFile = resolveAuthFile(options);
  let content: Record<string, any>;
  try {
    content = JSON.parse(await readFile(authFile, 'utf8'));
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    const problem =
      code === 'ENOENT'
        ? 'no auth file'
        : code != null
          ? `the auth file cannot be read (${code})`
          : 'the auth file is not valid JSON';
    return { authFile, kind: 'none', problem };
  }
  return signInOf(content, authFile);
}

/**
 * Who `content` (in the `auth.json` layout) says is signed in; `authFile` names where it
 * was read, `container` how a problem refers to it.
 */
export function signInOf(
  content: Record<string, any> | null,
  authFile: string,
  container = 'the auth file',
): CodexSignIn {
  const tokens = content?.tokens;
  const access = typeof tokens?.access_token === 'string' ? tokens.access_token : undefined;
  if (!access) {
    const apiKey = typeof content?.OPENAI_API_KEY === 'string' && content.OPENAI_API_KEY !== '';
    return apiKey
      ? {
          authFile,
          kind: 'api-key',
          problem: `${container} holds an API key, not a ChatGPT sign-in`,
        }
      : { authFile, kind: 'none', problem: `${container} has no ChatGPT tokens` };
  }
  const claims = readAccountClaims(tokens.id_token, access);
  const accountId = typeof tokens.account_id === 'string' ? tokens.account_id : claims.accountId;
  const expiry = validDate(getJwtExpiry(access));
  const lastRefresh = validDate(
    typeof content?.last_refresh === 'string' ? Date.parse(content.last_refresh) : undefined,
  );
  return {
    authFile,
    kind: 'chatgpt',
    ...claims,
    ...(accountId != null && { accountId }),
    ...(expiry != null && { accessTokenExpiresAt: expiry }),
    ...(lastRefresh != null && { lastRefresh }),
  };
}
