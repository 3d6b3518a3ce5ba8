import { execFile, fork, type ChildProcess } from 'node:child_process';
import { once } from 'node:events';
import { copyFile, readFile, rm } from 'node:fs/promises';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';
import { satisfies } from 'semver';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startCodexEmulator, type CodexEmulator } from './support/codex-emulator';
import { consumerProject } from './support/packed-package';
import { typeCheckProjects } from './support/type-check-projects';

// Every script example against the emulator, run with tsx as a user runs it
// (`tsx examples/<name>.ts`), though all in one process: see support/examples-child.ts.

const run = promisify(execFile);
const root = fileURLToPath(new URL('..', import.meta.url));
let emu: CodexEmulator;
const projects: string[] = [];

beforeAll(async () => {
  emu = await startCodexEmulator();
});
afterAll(async () => {
  child?.process.kill();
  await emu.close();
  await Promise.all(projects.map(dir => rm(dir, { recursive: true, force: true })));
});

type ExamplesChild = { process: ChildProcess; exit: Promise<[number | null, string | null]> };
let child: ExamplesChild | undefined;
let stderr = '';

function examplesChild(): ExamplesChild {
  if (child) return child;
  const runner = fork(join(root, 'test/support/examples-child.ts'), {
    cwd: root,
    execArgv: ['--import', 'tsx'],
    env: { ...process.env, CODEX_BASE_URL: emu.baseURL, CODEX_ACCESS_TOKEN: 'at-SECRET-examples' },
    stdio: ['ignore', 'ignore', 'pipe', 'ipc'],
  });
  runner.stderr!.on('data', chunk => void (stderr += chunk));
  const exit = once(runner, 'exit') as Promise<[number | null, string | null]>;
  return (child = { process: runner, exit });
}

/** What examples/<name>.ts printed, once it ran to its end. */
async function example(name: string): Promise<string> {
  const runner = examplesChild();
  runner.process.send(name);
  const reply = await Promise.race([
    once(runner.process, 'message').then(([message]) => message),
    runner.exit.then(([code]) => {
      throw new Error(`the examples process exited (${code}) during ${name}:\n${stderr}`);
    }),
  ]);
  expect(reply.name).toBe(name);
  if (reply.error !== undefined) throw new Error(`examples/${name}.ts failed:\n${reply.error}`);
  return reply.stdout;
}

describe('examples', () => {
  it('generate-text', async () => {
    const out = await example('generate-text');
    expect(out).toContain('Hello from the Codex emulator!');
    expect(out).toMatch(/finish: stop; tokens: \d+ in, 42 out \(12 reasoning\)/);
  });

  it('stream-text prints reasoning and text as they stream', async () => {
    const out = await example('stream-text');
    expect(out).toMatch(/\[reasoning\] \*\*Planning the answer\*\*/);
    expect(out).toContain('[answer] Hello from the Codex emulator!');
    expect(out).toContain('finish: stop');
  });

  it('tool-loop runs both tools, then answers', async () => {
    const out = await example('tool-loop');
    expect(out).toContain('step 1: getWeather({"city":"Paris"})');
    expect(out).toContain('step 2: getTime({"city":"Paris"})');
    expect(out).toContain('steps: 3');
  });

  it('screenshot-tool: the model sees the PNG the tool returns', async () => {
    const before = emu.requests.length;
    const out = await example('screenshot-tool');
    expect(out).toContain('step 1: screenshot()');
    expect(out).toContain('The screenshot tool returned Login page: a 64×40 PNG image.');
    expect(out).toContain('steps: 2');
    const output = emu.requests[before + 1]!.body.input.at(-1).output;
    expect(output).toEqual([
      { type: 'input_text', text: 'Login page:' },
      { type: 'input_image', image_url: expect.stringMatching(/^data:image\/png;base64,iVBOR/) },
    ]);
  });

  it('generate-object returns the schema shape', async () => {
    const out = await example('generate-object');
    expect(JSON.parse(out)).toEqual({
      city: 'Paris',
      temperature: 42,
      conditions: [expect.any(String)],
    });
  });

  it('the demo runs its tool loop over one WebSocket with --websocket', async () => {
    const { stdout } = await run(
      process.execPath,
      ['--import', 'tsx', 'examples/demo.ts', '--websocket'],
      { cwd: root, timeout: 60_000 },
    );
    expect(stdout).toContain('(WebSocket)');
    expect(stdout).toContain('[tool result] "18 °C and sunny in Paris"');
    expect(stdout).toMatch(/frame 1 on socket 1: full input, 1 item/);
    expect(stdout).toMatch(
      /frame 2 on socket 1: previous_response_id resp_[0-9a-f]{50} \+ 1 new item/,
    );
  });

  it('generate-image prints the image and the revised prompt', async () => {
    const out = await example('generate-image');
    expect(out).toMatch(/image 1: image\/png, \d+ bytes/);
    expect(out).toContain('revised prompt: A lighthouse at dawn, watercolor (revised)');
  });

  it('web-search prints the search, its result and the sources', async () => {
    const out = await example('web-search');
    expect(out).toContain('[web_search] searching…');
    expect(out).toContain('[web_search] {"action":{"type":"search"');
    expect(out).toContain('[source] AI SDK by Vercel https://ai-sdk.dev/docs/introduction');
    expect(out).toContain('finish: stop');
  });

  it('freeform-tool applies the patch and runs the query', async () => {
    const out = await example('freeform-tool');
    expect(out).toContain('step 1: apply_patch\n*** Begin Patch');
    expect(out).toContain('step 2: run_sql');
    expect(out).toContain('files: hello.txt');
    expect(out).toContain('The apply_patch tool returned Done!');
  });

  it('local-shell runs the allowed command and answers', async () => {
    const out = await example('local-shell');
    expect(out).toMatch(/^\$ ls -a {2}\(cwd: \S*codex-local-shell-\w+\)$/m);
    expect(out).toContain('notes.txt');
    expect(out).toContain('The local_shell tool returned');
    expect(out).toContain('steps: 2');
  });

  it('reasoning-options sends effort, summary and verbosity', async () => {
    const before = emu.requests.length;
    const out = await example('reasoning-options');
    expect(out).toContain('[reasoning summary]');
    expect(emu.requests[before]!.body).toMatchObject({
      reasoning: { effort: 'high', summary: 'detailed' },
      text: { verbosity: 'low' },
    });
    expect(emu.requests[before]!.headers.originator).toBe('ai-sdk-provider-codex-examples');
  });

  it('long-agent-loop runs 60 steps through a 4 000-token window, compacting on the way', async () => {
    const out = await example('long-agent-loop');
    const inputs = [...out.matchAll(/^step +\d+: +(\d+) input tokens/gm)].map(m => Number(m[1]));
    expect(inputs).toHaveLength(60);
    expect(Math.max(...inputs)).toBeLessThan(4_000);
    expect(out).toMatch(/\(compacted \d+ tokens first\)/);
    expect(out).toMatch(/^steps: 60, compactions: [1-9]\d*, peak input: \d+ tokens of 4000$/m);
  });

  it('leave nothing running: their process exits by itself once they are done', async () => {
    const runner = examplesChild();
    runner.process.disconnect();
    expect(await runner.exit).toEqual([0, null]);
  });
});

// The agent-framework examples are projects of their own (their frameworks want other AI SDK
// majors than this repository's dev tools): each runs in a fresh project made from its
// package.json, with the packed tarball in place of `file:../..` and the other packages
// from this repository's devDependencies.
const frameworks = ['agents-sdk', 'mastra'];
let prepared: Promise<{ dirs: Map<string, string>; errors: Map<string, string[]> }> | undefined;

/** Both projects, made and type-checked (`npm run typecheck`) by one `tsc` together. */
function frameworkProjects() {
  return (prepared ??= (async () => {
    const dirs = new Map<string, string>();
    for (const name of frameworks) dirs.set(name, await frameworkProject(name));
    const errors = await typeCheckProjects(
      [...dirs.values()].map(dir => join(dir, 'tsconfig.json')),
    );
    return { dirs, errors };
  })());
}

async function frameworkProject(name: string): Promise<string> {
  const project = join(root, 'examples', name);
  const pkg = JSON.parse(await readFile(join(project, 'package.json'), 'utf8'));
  const dependencies = Object.entries<string>({
    ...pkg.dependencies,
    ...pkg.devDependencies,
  }).filter(([dep]) => dep !== 'ai-sdk-provider-codex');
  // what runs is what a user who installs the example gets
  for (const [dep, range] of dependencies) {
    const installed = join(root, 'node_modules', dep, 'package.json');
    const { version } = JSON.parse(await readFile(installed, 'utf8'));
    if (!satisfies(version, range)) {
      throw new Error(`examples/${name} wants ${dep}@${range}; npm ci installed ${version}`);
    }
  }
  const dir = await consumerProject(Object.fromEntries(dependencies.map(([dep]) => [dep, dep])), {
    type: pkg.type,
  });
  projects.push(dir);
  for (const file of ['index.ts', 'tsconfig.json']) {
    await copyFile(join(project, file), join(dir, file));
  }
  return dir;
}

/** `npm run typecheck`, then what `npm start` prints. */
async function projectExample(name: string) {
  const { dirs, errors } = await frameworkProjects();
  const dir = dirs.get(name)!;
  expect(errors.get(join(dir, 'tsconfig.json')), `examples/${name} type-checks`).toEqual([]);
  const { stdout } = await run(process.execPath, ['node_modules/tsx/dist/cli.mjs', 'index.ts'], {
    cwd: dir,
    env: {
      ...process.env,
      CODEX_BASE_URL: emu.baseURL,
      CODEX_ACCESS_TOKEN: 'at-SECRET-examples',
      // no live network: the frameworks' telemetry and tracing stay off
      MASTRA_TELEMETRY_DISABLED: '1',
      OPENAI_AGENTS_DISABLE_TRACING: '1',
    },
    timeout: 120_000,
  });
  return stdout;
}

describe('agent framework examples', () => {
  it('agents-sdk: an OpenAI Agents SDK agent on aisdk() runs its tool loop', async () => {
    const before = emu.requests.length;
    const out = await projectExample('agents-sdk');
    expect(out).toContain('tool: getWeather({"city":"Paris"})');
    expect(out).toContain('The getWeather tool returned sunny, 18 °C in Paris.');
    const requests = emu.requests.slice(before).filter(r => r.path.endsWith('/responses'));
    expect(requests).toHaveLength(2);
    expect(requests[0]!.headers.originator).toBe('agents-sdk-example');
    // the adapter splits reasoning and tool call over two messages; the reasoning survives
    expect(requests[1]!.body.input.map((i: { type: string }) => i.type)).toEqual([
      'message',
      'reasoning',
      'function_call',
      'function_call_output',
    ]);
  }, 240_000);

  it('mastra: a Mastra agent calls its tool, then answers', async () => {
    const before = emu.requests.length;
    const out = await projectExample('mastra');
    expect(out).toContain('tool: getWeather({"city":"Paris"})');
    expect(out).toContain('The getWeather tool returned sunny, 18 °C in Paris.');
    const requests = emu.requests.slice(before).filter(r => r.path.endsWith('/responses'));
    expect(requests).toHaveLength(2);
    expect(requests[0]!.headers.originator).toBe('mastra-example');
  }, 240_000);
});
