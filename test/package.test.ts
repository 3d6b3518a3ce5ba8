import { mkdir, rm, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startCodexEmulator, type CodexEmulator } from './support/codex-emulator';
import { consumerProject, packPackage, run, runtimeDependencies } from './support/packed-package';
import { typeCheckProjects } from './support/type-check-projects';

// The published tarball, in a fresh project, used from ESM, CJS and TypeScript
// (moduleResolution bundler and node16), the way a user would.

let dir: string;
let emu: CodexEmulator;
let packed: string[] = [];

beforeAll(async () => {
  emu = await startCodexEmulator();
  packed = (await packPackage()).files;
  dir = await consumerProject({ zod: 'zod' });
}, 240_000);
afterAll(async () => {
  await emu.close();
  await rm(dir, { recursive: true, force: true });
});

const call = (url: string) => `
  const codex = createCodex({ baseURL: ${JSON.stringify(url)}, auth: { accessToken: 'at-SECRET-pack' } });
  const result = await codex('gpt-5.3-codex').doGenerate({ prompt: [{ role: 'user', content: [{ type: 'text', text: 'packed' }] }] });
  console.log(result.content.find(p => p.type === 'text').text);
  const fileAuth = createCodex({ baseURL: ${JSON.stringify(url)}, authFile: '/nonexistent/auth.json' });
  await fileAuth('gpt-5').doGenerate({ prompt: [] }).catch(e => console.log(e.name));
`;

describe('published package', () => {
  it('ships only dist, README, CHANGELOG and package.json', () => {
    expect(packed.every(f => /^(dist\/|README\.md$|CHANGELOG\.md$|package\.json$)/.test(f))).toBe(
      true,
    );
    expect(packed).toEqual(
      expect.arrayContaining([
        'dist/index.js',
        'dist/index.cjs',
        'dist/index.d.ts',
        'dist/index.d.cts',
      ]),
    );
  });

  it('works from ESM', async () => {
    await writeFile(
      join(dir, 'esm.mjs'),
      `import { createCodex } from 'ai-sdk-provider-codex';\n${call(emu.baseURL)}`,
    );
    const { stdout } = await run(process.execPath, ['esm.mjs'], { cwd: dir });
    expect(stdout).toBe('Hello from the Codex emulator! You said: "packed"\nAI_LoadAPIKeyError\n');
  });

  it('works from CJS, including the lazily loaded auth-file code', async () => {
    await writeFile(
      join(dir, 'cjs.cjs'),
      `const { createCodex } = require('ai-sdk-provider-codex');\n(async () => {${call(emu.baseURL)}})();`,
    );
    const { stdout } = await run(process.execPath, ['cjs.cjs'], { cwd: dir });
    expect(stdout).toBe('Hello from the Codex emulator! You said: "packed"\nAI_LoadAPIKeyError\n');
  });

  it('exposes the /v3 and /v4 entry points from ESM and CJS', async () => {
    await writeFile(
      join(dir, 'entries.mjs'),
      `import { createCodex as v3 } from 'ai-sdk-provider-codex/v3';
import { createCodex as v4 } from 'ai-sdk-provider-codex/v4';
console.log(v3()('gpt-5').specificationVersion, v4()('gpt-5').specificationVersion);`,
    );
    await writeFile(
      join(dir, 'entries.cjs'),
      `console.log(require('ai-sdk-provider-codex/v3').createCodex()('gpt-5').specificationVersion, require('ai-sdk-provider-codex/v4').createCodex()('gpt-5').specificationVersion);`,
    );
    for (const file of ['entries.mjs', 'entries.cjs']) {
      const { stdout } = await run(process.execPath, [file], { cwd: dir });
      expect(stdout).toBe('v3 v4\n');
    }
    // an AI SDK 5 app gets no newer @ai-sdk/provider runtime from us
    const providers = (await runtimeDependencies(dir, 'ai-sdk-provider-codex')).filter(d =>
      d.startsWith('@ai-sdk/provider@'),
    );
    expect(providers).not.toEqual([]);
    expect(providers.filter(p => !p.startsWith('@ai-sdk/provider@2.'))).toEqual([]);
  });

  it('installs the ai-sdk-provider-codex command and the /login entry', async () => {
    const bin = join(dir, 'node_modules/.bin/ai-sdk-provider-codex');
    const { stdout: help } = await run(bin, ['--help'], { cwd: dir });
    expect(help).toContain('Usage: npx ai-sdk-provider-codex <command>');
    const status = await run(bin, ['status', '--json', '--codex-home', join(dir, 'no-home')], {
      cwd: dir,
    }).catch(error => error);
    expect(status.code).toBe(1);
    expect(JSON.parse(status.stdout)).toMatchObject({ signedIn: false, problem: 'no auth file' });

    const names = 'loginWithBrowser, loginWithDeviceCode, logout, readCodexSignIn';
    await writeFile(
      join(dir, 'login.mjs'),
      `import { ${names} } from 'ai-sdk-provider-codex/login';\nconsole.log([${names}].map(f => typeof f).join());`,
    );
    await writeFile(
      join(dir, 'login.cjs'),
      `const { ${names} } = require('ai-sdk-provider-codex/login');\nconsole.log([${names}].map(f => typeof f).join());`,
    );
    for (const file of ['login.mjs', 'login.cjs']) {
      const { stdout } = await run(process.execPath, [file], { cwd: dir });
      expect(stdout).toBe('function,function,function,function\n');
    }
  });

  it('exposes the /redis entry from ESM and CJS, which loads without the redis package', async () => {
    // The consumer has no `redis` (an optional peer): the entry loads all the same, and the
    // first call says what to install.
    const use = (load: string) => `${load}
const auth = redisAuth({ url: 'redis://:pw-SECRET@127.0.0.1:1' });
console.log(typeof redisAuth);
auth.getCredentials().catch(e => console.log(e.name, e.message));`;
    await writeFile(
      join(dir, 'redis.mjs'),
      use(`import { redisAuth } from 'ai-sdk-provider-codex/redis';`),
    );
    await writeFile(
      join(dir, 'redis.cjs'),
      use(`const { redisAuth } = require('ai-sdk-provider-codex/redis');`),
    );
    for (const file of ['redis.mjs', 'redis.cjs']) {
      const { stdout } = await run(process.execPath, [file], { cwd: dir });
      expect(stdout).toBe(
        'function\nAI_InvalidArgumentError Using Redis needs the `redis` package (node-redis), which is not installed: run `npm install redis` (with npx: `npx -p ai-sdk-provider-codex -p redis ai-sdk-provider-codex …`).\n',
      );
    }
  });

  it.each(resolutions)('type-checks with moduleResolution %s', async resolution => {
    const errors = await typeCheck();
    expect(errors.get(join(dir, resolution, 'tsconfig.json'))).toEqual([]);
  });
});

const resolutions = ['bundler', 'node16'] as const;
let typeChecks: Promise<Map<string, string[]>> | undefined;

/** Both projects, checked by one `tsc` for whichever test asks first. */
function typeCheck(): Promise<Map<string, string[]>> {
  return (typeChecks ??= (async () => {
    const tsconfigs: string[] = [];
    for (const resolution of resolutions) tsconfigs.push(await typedProject(resolution));
    return typeCheckProjects(tsconfigs);
  })());
}

/** A project in a folder of its own that type-checks an app against the tarball's types. */
async function typedProject(resolution: (typeof resolutions)[number]): Promise<string> {
  const ext = resolution === 'node16' ? 'mts' : 'ts';
  const project = join(dir, resolution);
  await mkdir(project);
  await writeFile(
    join(project, `typed.${ext}`),
    `import { createCodex, type CodexProviderOptions, type CodexModelId, type CodexRateLimits } from 'ai-sdk-provider-codex';
const options: CodexProviderOptions = { reasoningEffort: 'high', textVerbosity: 'low' };
const id: CodexModelId = 'gpt-5.3-codex';
const codex = createCodex({ maxRetries: 2 });
export const model = codex(id, options);
export const limits: CodexRateLimits | undefined = undefined;
// an effort newer than this package, as a model's catalog entry may list it
export const newer: CodexProviderOptions = { reasoningEffort: 'max', serviceTier: 'fast' };
// @ts-expect-error: not a text verbosity
export const bad: CodexProviderOptions = { textVerbosity: 'extreme' };
import { createCodex as createV4, type CodexProviderV4 } from 'ai-sdk-provider-codex/v4';
import { createCodex as createV3 } from 'ai-sdk-provider-codex/v3';
import { loginWithDeviceCode, logout, type CodexLoginResult } from 'ai-sdk-provider-codex/login';
import type { CodexUsage } from 'ai-sdk-provider-codex';
import { redisAuth, type CodexRedisAuth } from 'ai-sdk-provider-codex/redis';
export const fleet = createCodex({ auth: redisAuth({ url: 'redis://localhost:6379' }) });
export const saveTo: CodexRedisAuth = redisAuth({ url: 'redis://localhost:6379', key: 'codex:auth' });
export const intoRedis: Promise<CodexLoginResult> = loginWithDeviceCode({ saveTo, onUserCode: c => void c.userCode });
export const signIn: Promise<CodexLoginResult> = loginWithDeviceCode({ onUserCode: c => void c.userCode });
export const signOut = logout;
export const usage: Promise<CodexUsage> = codex.getUsage();
const v4: CodexProviderV4 = createV4();
export const v4Version: 'v4' = v4('gpt-5.3-codex').specificationVersion;
export const v3Version: 'v3' = createV3()('gpt-5.3-codex').specificationVersion;
`,
  );
  await writeFile(
    join(project, 'tsconfig.json'),
    JSON.stringify({
      compilerOptions: {
        strict: true,
        noEmit: true,
        target: 'ES2022',
        module: resolution === 'node16' ? 'node16' : 'ESNext',
        moduleResolution: resolution,
        skipLibCheck: true,
        types: [],
        lib: ['ES2022', 'DOM'],
      },
      files: [`typed.${ext}`],
    }),
  );
  return join(project, 'tsconfig.json');
}
