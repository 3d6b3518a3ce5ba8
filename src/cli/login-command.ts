import { loginWithBrowser } from '../login/browser-login';
import { loginWithDeviceCode } from '../login/device-code-login';
import type { CodexLoginResult } from '../login/save-sign-in';
import type { CodexSignInTarget } from '../auth/sign-in-target';
import { formatDuration, type CliIO } from './cli-io';

export async function loginCommand(
  io: CliIO,
  options: {
    codexHome: string;
    issuer: string;
    device: boolean;
    port?: number;
    openBrowser: boolean;
    /** Sign in straight into this store (a Redis key) instead of auth.json. */
    saveTo?: CodexSignInTarget;
  },
): Promise<number> {
  const common = {
    codexHome: options.codexHome,
    issuer: options.issuer,
    abortSignal: io.signal,
    saveTo: options.saveTo,
  };
  let result: CodexLoginResult;
  if (options.device) {
    result = await loginWithDeviceCode({
      ...common,
      onUserCode: ({ verificationUrl, userCode, expiresAt }) => {
        io.stdout(
          [
            'Sign in with ChatGPT from any device with a browser:',
            `  1. Open ${verificationUrl}`,
            `  2. Enter the code ${userCode} (it expires in ${formatDuration(expiresAt.getTime() - Date.now())})`,
            'Device codes are a common phishing target: never share this code.',
            'Waiting for approval… (Ctrl-C to cancel)',
            '',
          ].join('\n'),
        );
      },
    });
  } else {
    result = await loginWithBrowser({
      ...common,
      port: options.port,
      openBrowser: options.openBrowser,
      onAuthorizeUrl: url => {
        io.stdout(
          (options.openBrowser
            ? 'Opening your browser to sign in with ChatGPT. If it does not open, visit:\n'
            : 'Open this URL in a browser on this machine to sign in with ChatGPT:\n') +
            `  ${url}\nWaiting for the sign-in… (Ctrl-C to cancel)\n`,
        );
      },
      onWarning: message => io.stderr(`Warning: ${message}\n`),
    });
  }
  const who = [
    result.email ?? 'your ChatGPT account',
    result.planType && `(${result.planType} plan)`,
  ]
    .filter(Boolean)
    .join(' ');
  io.stdout(`Signed in as ${who}. Credentials saved to ${result.authFile}\n`);
  return 0;
}
