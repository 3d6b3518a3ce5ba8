import { timingSafeEqual } from 'node:crypto';
import type { CallbackReply } from './callback-server';
import { CodexLoginError } from './login-error';
import { errorPage, successPage } from './login-pages';
import type { CodexLoginResult } from './save-sign-in';

// The browser sign-in's answer to the redirect back to us: which callback decides the
// sign-in, and what the browser tab is told.

export type SignInOutcome = {
  readonly promise: Promise<CodexLoginResult>;
  phase: 'waiting' | 'exchanging' | 'done';
  succeed: (result: CodexLoginResult) => void;
  fail: (error: unknown) => void;
};

/**
 * Settles once: whichever of success, failure or abort comes first wins (a promise ignores
 * any later resolve or reject).
 */
export function createSignInOutcome(): SignInOutcome {
  let settle!: { resolve: (r: CodexLoginResult) => void; reject: (e: unknown) => void };
  const outcome: SignInOutcome = {
    promise: new Promise<CodexLoginResult>((resolve, reject) => {
      settle = { resolve, reject };
    }),
    phase: 'waiting',
    succeed(result) {
      outcome.phase = 'done';
      settle.resolve(result);
    },
    fail(error) {
      outcome.phase = 'done';
      settle.reject(error);
    },
  };
  return outcome;
}

/** Answers the browser's redirect back to us; `complete` trades the code and saves the sign-in. */
export function callbackHandler({
  outcome,
  state,
  onWarning,
  complete,
}: {
  outcome: SignInOutcome;
  state: string;
  onWarning: ((message: string) => void) | undefined;
  complete: (code: string) => Promise<CodexLoginResult>;
}): (params: URLSearchParams) => Promise<CallbackReply> {
  return async params => {
    if (outcome.phase === 'done') {
      return reply(
        409,
        'Sign-in already finished',
        'This sign-in has already ended. You can close this tab.',
      );
    }
    // Once the code is being traded nothing else is heard: a denial or a second code
    // arriving now must not decide a sign-in that may already be saved.
    if (outcome.phase === 'exchanging') {
      return reply(409, 'Sign-in in progress', 'This sign-in is already being completed.');
    }
    if (!sameState(params.get('state'), state)) {
      // Not ours (a stale tab, or a forged link): refuse it but keep waiting for ours.
      onWarning?.(
        'Ignored a sign-in callback with a wrong `state` (a stale or foreign sign-in page). Still waiting for the sign-in started here.',
      );
      return reply(
        400,
        'Sign-in link does not match',
        'This page does not belong to the sign-in waiting in your terminal (state mismatch). Start the sign-in again from there.',
      );
    }
    const error = params.get('error');
    if (error != null) {
      const message = deniedMessage(error, params.get('error_description'));
      outcome.fail(new CodexLoginError({ reason: 'denied', message }));
      return reply(403, 'Sign-in was not completed', message);
    }
    const code = params.get('code');
    if (!code) {
      const message = 'The sign-in server sent no authorization code. Start the sign-in again.';
      outcome.fail(new CodexLoginError({ reason: 'invalid_response', message }));
      return reply(400, 'Sign-in was not completed', message);
    }
    outcome.phase = 'exchanging';
    try {
      const result = await complete(code);
      outcome.succeed(result);
      return { status: 200, html: successPage(result.email) };
    } catch (exchangeError) {
      outcome.fail(exchangeError);
      return reply(
        500,
        'Sign-in could not be completed',
        (exchangeError as Error)?.message ?? 'Unknown error',
      );
    }
  };
}

function deniedMessage(error: string, description: string | null): string {
  if (error === 'access_denied' && /missing_codex_entitlement/i.test(description ?? '')) {
    return 'Sign-in was denied: Codex is not enabled for this ChatGPT workspace. Ask the workspace admin for Codex access, or sign in with another account.';
  }
  const why = description?.trim() || error;
  return `Sign-in was denied (${why}). Start it again and approve the request, or sign in with another account.`;
}

/** Compares in constant time, so that response timing tells nothing of our `state`. */
function sameState(received: string | null, expected: string): boolean {
  if (received == null) return false;
  const a = Buffer.from(received);
  const b = Buffer.from(expected);
  return a.length === b.length && timingSafeEqual(a, b);
}

const reply = (status: number, title: string, message: string): CallbackReply => ({
  status,
  html: errorPage(title, message),
});
