import { release } from 'node:os';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { getUserAgent, PACKAGE_NAME, VERSION } from './package-identity';

const OURS = `${PACKAGE_NAME}/${VERSION}`;

/** A runtime's `process` as `getUserAgent` sees it (or none, as on an edge runtime). */
function userAgentOn(proc: object | undefined, originator = PACKAGE_NAME): string {
  vi.stubGlobal('process', proc);
  try {
    return getUserAgent(originator);
  } finally {
    vi.unstubAllGlobals();
  }
}

const osModule = (version: string) => (id: string) =>
  id === 'os' ? { release: () => version } : undefined;

describe('getUserAgent', () => {
  afterEach(() => {
    vi.unstubAllGlobals();
  });

  it('names the package, the OS release and the arch of this Node runtime', () => {
    const escape = (text: string) => text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
    expect(getUserAgent(PACKAGE_NAME)).toMatch(
      new RegExp(`^${escape(OURS)} \\([^;]+ ${escape(release())}; ${process.arch}\\)$`),
    );
    expect(getUserAgent('my-app').startsWith(`my-app ${OURS} (`)).toBe(true);
  });

  it.each([
    ['darwin', 'Mac OS'],
    ['linux', 'Linux'],
    ['win32', 'Windows'],
    ['freebsd', 'freebsd'],
  ])('calls platform %s %s', (platform, os) => {
    const proc = { platform, arch: 'arm64', getBuiltinModule: osModule('24.1.0') };
    expect(userAgentOn(proc)).toBe(`${OURS} (${os} 24.1.0; arm64)`);
  });

  it('leaves out what the runtime cannot tell', () => {
    // an edge runtime or a browser: no process at all
    expect(userAgentOn(undefined)).toBe(OURS);
    expect(userAgentOn(undefined, 'my-app')).toBe(`my-app ${OURS}`);
    // Node before 20.16: no getBuiltinModule
    expect(userAgentOn({ platform: 'linux', arch: 'x64' })).toBe(`${OURS} (Linux; x64)`);
    // a runtime that refuses os.release (Deno without --allow-sys)
    const refusing = () => ({
      release: () => {
        throw new Error('Requires sys access');
      },
    });
    expect(userAgentOn({ platform: 'linux', arch: 'x64', getBuiltinModule: refusing })).toBe(
      `${OURS} (Linux; x64)`,
    );
    expect(userAgentOn({ platform: 'linux', getBuiltinModule: osModule('6.1') })).toBe(
      `${OURS} (Linux 6.1; unknown)`,
    );
  });
});
