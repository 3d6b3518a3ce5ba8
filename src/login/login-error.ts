import { LoadAPIKeyError } from '@ai-sdk/provider';

export type CodexLoginFailure =
  /** The user or the workspace refused the sign-in in the browser. */
  | 'denied'
  /** The callback port on localhost is taken. */
  | 'port_in_use'
  /** Not completed in time: a device code not approved, a browser sign-in past `timeoutMs`. */
  | 'expired'
  /** The issuer does not offer device-code sign-in. */
  | 'device_code_unavailable'
  /** The issuer answered something the flow cannot use. */
  | 'invalid_response';

/**
 * A sign-in that did not produce credentials. It is a `LoadAPIKeyError` (no credentials
 * could be obtained) with a `reason` for apps that react differently to each failure.
 * Token endpoint failures are `APICallError`s instead; cancelling rejects with the
 * abort signal's reason.
 */
export class CodexLoginError extends LoadAPIKeyError {
  readonly reason: CodexLoginFailure;

  constructor({ reason, message }: { reason: CodexLoginFailure; message: string }) {
    super({ message });
    this.reason = reason;
  }

  static isLoginError(error: unknown): error is CodexLoginError {
    return error instanceof CodexLoginError;
  }
}
