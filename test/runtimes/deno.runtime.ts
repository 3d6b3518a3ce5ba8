import { describe, expect, it } from 'vitest';
import { useCodexEmulator } from '../support/use-codex-emulator';
import { TOOL_LOOP_RESULT } from './support/app-answers';
import { describeServerRuntime } from './support/server-runtime-suite';
import { lastJson, runChild, useRuntimeApp, runtimeBinary } from './support/runtime-app';

// Deno from its npm package (`deno` in devDependencies), on the project's node_modules
// (nothing fetched), with only the permissions the package needs: the network of the
// emulator and the mock issuer, environment variables (CODEX_HOME; undici reads some), and
// the Codex home for the auth file.
describeServerRuntime({
  name: 'deno',
  command: async (_app, scriptArgs, codexHome) => ({
    command: await runtimeBinary('deno'),
    args: [
      'run',
      '--node-modules-dir=manual',
      '--no-prompt',
      '--no-config',
      '--allow-net=127.0.0.1',
      '--allow-env',
      `--allow-read=${codexHome}`,
      `--allow-write=${codexHome}`,
      ...scriptArgs,
    ],
  }),
});

// Without --allow-env, Deno refuses undici the environment variables it reads when it
// connects: the WebSocket transport says so and uses HTTP, rather than retrying what would
// look like a network error.
describe('deno without --allow-env', () => {
  const emu = useCodexEmulator();
  const app = useRuntimeApp();

  it('streams the tool loop over HTTP, saying why the WebSocket cannot run', async () => {
    const child = await runChild(
      await runtimeBinary('deno'),
      [
        'run',
        '--node-modules-dir=manual',
        '--no-prompt',
        '--no-config',
        '--allow-net=127.0.0.1',
        'runtime-checks.mjs',
        '/tool-loop?transport=websocket',
        emu.baseURL,
      ],
      { cwd: app(), timeoutMs: 20_000 },
    );
    expect({ code: child.code, stderr: child.stderr }).toEqual({ code: 0, stderr: '' });
    expect(lastJson(child.stdout)).toEqual({
      ...TOOL_LOOP_RESULT,
      warnings: [
        expect.stringMatching(
          /^The WebSocket transport cannot run here \(Requires env access to .*--allow-env flag\); this provider uses HTTP \(SSE\) instead\.$/,
        ),
      ],
    });
    expect(emu.websocket.handshakes).toEqual([]);
    expect(emu.requests.map(r => r.method)).toEqual(['POST', 'POST']);
  });
});
