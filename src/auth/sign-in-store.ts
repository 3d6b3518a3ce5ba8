import type { AuthFileContent } from './auth-file-store';

/** A sign-in as a store read it, and what the store needs to tell whether it changed since. */
export type StoredSignIn = {
  content: AuthFileContent;
  /** The stored text, for a store that writes only over what it read (Redis). */
  revision?: string;
};

/**
 * Where a sign-in in the `auth.json` layout lives (the auth file, a Redis key), as the
 * refresh sees it. Every store keeps fields it does not know and writes a sign-in whole.
 */
export type SignInStore = {
  /** How messages name it: the file's path, or `Redis key "codex:auth" (redis://host:6379)`. */
  name: string;
  /** `the file`, `the key`: the store, as a message refers back to it. */
  container: string;
  /** The command that writes a fresh sign-in into this store, quoted. */
  loginCommand: string;
  /** How to sign in to this store with ChatGPT, as the end of a sentence. */
  signIn: string;
  /** Refreshes with the same key share one flight within this process. */
  flightKey(): unknown;
  read(): Promise<StoredSignIn>;
  /**
   * Runs `refresh` holding the store's lock across processes. While another holder
   * refreshes, a store may ask `settled` whether its tokens arrived and take them instead.
   */
  withRefreshLock(
    refresh: () => Promise<AuthFileContent>,
    settled: () => Promise<AuthFileContent | undefined>,
  ): Promise<AuthFileContent>;
  /** Writes `next` in one piece over `read`; resolves with what the store holds then. */
  write(read: StoredSignIn, next: AuthFileContent): Promise<AuthFileContent>;
};
