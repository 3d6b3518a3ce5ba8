import { spawn } from 'node:child_process';

/**
 * Opens `url` in the default browser without a shell, so nothing in the URL is
 * interpreted. Best effort: the URL is also printed, so a failure only costs a click.
 */
export function openBrowser(url: string): void {
  const [command, args] =
    process.platform === 'darwin'
      ? ['open', [url]]
      : process.platform === 'win32'
        ? // `start` would go through cmd.exe, which splits the URL at every `&`
          ['rundll32', ['url.dll,FileProtocolHandler', url]]
        : ['xdg-open', [url]];
  try {
    const child = spawn(command, args, { stdio: 'ignore', detached: true });
    child.on('error', () => {});
    child.unref();
  } catch {
    // no opener on this machine: the printed URL still works
  }
}
