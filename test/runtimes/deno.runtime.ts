import { describeServerRuntime } from './support/server-runtime-suite';
import { runtimeBinary } from './support/runtime-app';

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
