import { execFile } from 'node:child_process';
import { copyFile, readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startCodexEmulator, type CodexEmulator } from './support/codex-emulator';
import { installConsumer } from './support/packed-package';

// Every script example, run as a user would (`tsx examples/<name>.ts`) against the emulator.

const run = promisify(execFile);
const root = fileURLToPath(new URL('..', import.meta.url));
let emu: CodexEmulator;

beforeAll(async () => {
  emu = await startCodexEmulator();
});
afterAll(() => emu.close());

async function example(name: string) {
  const { stdout } = await run(process.execPath, ['--import', 'tsx', `examples/${name}.ts`], {
    cwd: root,
    env: { ...process.env, CODEX_BASE_URL: emu.baseURL, CODEX_ACCESS_TOKEN: 'at-SECRET-examples' },
    timeout: 60_000,
  });
  return stdout;
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
    expect(stdout).toMatch(/frame 2 on socket 1: previous_response_id resp_emu_1 \+ 1 new item/);
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
    expect(out).toContain('$ ls -a  (cwd: /tmp)');
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
});

// The agent-framework examples are projects of their own (their frameworks want other AI SDK
// majors than this repository's dev tools): each runs from a fresh install of its
// package.json, with the packed tarball in place of `file:../..`.
async function projectExample(name: string) {
  const project = join(root, 'examples', name);
  const pkg = JSON.parse(await readFile(join(project, 'package.json'), 'utf8'));
  const dependencies = Object.entries({ ...pkg.dependencies, ...pkg.devDependencies })
    .filter(([dep]) => dep !== 'ai-sdk-provider-codex')
    .map(([dep, range]) => `${dep}@${range}`);
  const dir = await installConsumer(`example-${name}`, dependencies, { type: pkg.type });
  for (const file of ['index.ts', 'tsconfig.json']) {
    await copyFile(join(project, file), join(dir, file));
  }
  // `npm run typecheck`, then `npm start`
  await run(process.execPath, ['node_modules/typescript/bin/tsc', '--noEmit'], { cwd: dir }).catch(
    (error: { stdout: string }) => {
      throw new Error(`examples/${name} does not type-check:\n${error.stdout}`);
    },
  );
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
  }, 600_000);

  it('mastra: a Mastra agent calls its tool, then answers', async () => {
    const before = emu.requests.length;
    const out = await projectExample('mastra');
    expect(out).toContain('tool: getWeather({"city":"Paris"})');
    expect(out).toContain('The getWeather tool returned sunny, 18 °C in Paris.');
    const requests = emu.requests.slice(before).filter(r => r.path.endsWith('/responses'));
    expect(requests).toHaveLength(2);
    expect(requests[0]!.headers.originator).toBe('mastra-example');
  }, 600_000);
});
