/**
 * Child process for the cross-process refresh test: one generate call with file auth.
 * Prints `ok <token marker>` or the error message; never a token.
 */
import { createCodex } from '../../src';

const codex = createCodex({
  baseURL: process.env.BASE_URL!,
  authFile: process.env.AUTH_FILE!,
  tokenURL: process.env.TOKEN_URL!,
});
try {
  const result = await codex('gpt-5.3-codex').doGenerate({
    prompt: [{ role: 'user', content: [{ type: 'text', text: `from ${process.pid}` }] }],
  });
  console.log(`ok ${result.finishReason}`);
} catch (error) {
  console.log(`error ${(error as Error).message}`);
  process.exitCode = 1;
}
