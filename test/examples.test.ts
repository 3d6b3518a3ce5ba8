import { execFile } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startCodexEmulator, type CodexEmulator } from './support/codex-emulator';

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
