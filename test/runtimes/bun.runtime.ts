import { describeServerRuntime } from './support/server-runtime-suite';
import { runtimeBinary } from './support/runtime-app';

// Bun from its npm package (`bun` in devDependencies), running the app as it is.
describeServerRuntime({
  name: 'bun',
  command: async (_app, scriptArgs) => ({ command: await runtimeBinary('bun'), args: scriptArgs }),
});
