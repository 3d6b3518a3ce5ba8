/**
 * Child process for the proxy tests (the https fixture certificate is trusted only through
 * `NODE_EXTRA_CA_CERTS`, read at start-up): a model call with file auth whose token needs a
 * refresh, then the model catalog. Prints the answer and the catalog's first id.
 */
import { createCodex } from '../../src';

const ownFetch = process.env.OWN_FETCH === '1';
const codex = createCodex({
  baseURL: process.env.BASE_URL!,
  authFile: process.env.AUTH_FILE!,
  tokenURL: process.env.TOKEN_URL!,
  ...(ownFetch && { fetch: (input, init) => globalThis.fetch(input, init) }),
  ...(process.env.TRANSPORT === 'websocket' && { transport: 'websocket' as const }),
});
try {
  const result = await codex('gpt-5.3-codex').doGenerate({
    prompt: [{ role: 'user', content: [{ type: 'text', text: 'via proxy' }] }],
  });
  const text = result.content.find(part => part.type === 'text')?.text;
  const [model] = await codex.listModels();
  console.log(JSON.stringify({ text, model: model?.id }));
  // let the WebSocket go: the process ends once its sockets are closed
  process.exit();
} catch (error) {
  console.log(JSON.stringify({ error: (error as Error).message }));
  process.exitCode = 1;
}
