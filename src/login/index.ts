/**
 * `ai-sdk-provider-codex/login`: sign in with ChatGPT and out again, for apps and for the
 * `ai-sdk-provider-codex` command. Node only (a loopback server, files, child processes);
 * the main entries never import it.
 */
export { loginWithBrowser, type LoginWithBrowserOptions } from './browser-login';
export {
  loginWithDeviceCode,
  type CodexDeviceCode,
  type LoginWithDeviceCodeOptions,
} from './device-code-login';
export { logout, type LogoutOptions, type LogoutResult } from './logout';
export { readCodexSignIn, type CodexSignIn } from './read-sign-in';
export { CodexLoginError, type CodexLoginFailure } from './login-error';
export type { CodexLoginResult } from './save-sign-in';
export type { CodexSignInTarget } from '../auth/sign-in-target';
export type { CodexAccountClaims } from './id-token-claims';
