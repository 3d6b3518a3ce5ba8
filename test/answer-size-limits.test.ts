// An answer is never held whole past a limit: an image body (128 MiB), an error body, a JSON
// document or a token endpoint answer (4 MiB each) that grows beyond it is cut off with an
// error naming the limit, instead of filling the process's memory. SSE bodies are streamed
// and not limited here.
import { APICallError } from '@ai-sdk/provider';
import type { ServerResponse } from 'node:http';
import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { createCodex } from '../src/v4';
import { loginWithDeviceCode } from '../src/login';
import { makeJwt, nowSeconds } from './support/jwt';
import { startRecordingServer, type RecordingServer } from './support/recording-server';
import { secretLeaks } from './support/secret-leaks';

const MiB = 1024 * 1024;
const auth = { accessToken: 'at-SECRET-limits', accountId: 'acct-limits' };

let server: RecordingServer;
let sent: number;
let finished: boolean;
let answer: (res: ServerResponse) => void;
beforeEach(async () => {
  sent = 0;
  finished = false;
  server = await startRecordingServer((_, res) => answer(res));
});
afterEach(async () => {
  await server.close();
});

/**
 * `status` with `total` bytes of `fill` in 1 MiB writes, as fast as the client reads them;
 * `declare` sends a content-length (then only the first MiB is written, the rest never).
 */
function huge(status: number, total: number, { declare = false, fill = 'x' } = {}) {
  return (res: ServerResponse) => {
    res.writeHead(status, {
      'content-type': 'application/json',
      ...(declare && { 'content-length': String(total) }),
    });
    const chunk = Buffer.alloc(MiB, fill);
    const write = () => {
      while (sent < total && !res.destroyed) {
        sent += chunk.length;
        if (declare && sent > MiB) return; // declared, never sent: the connection stays open
        if (!res.write(chunk)) return void res.once('drain', write);
      }
      if (sent >= total && !res.destroyed) {
        finished = true;
        res.end();
      }
    };
    res.on('error', () => {});
    write();
  };
}

const failure = (promise: PromiseLike<unknown>) =>
  Promise.resolve(promise).then(
    () => expect.unreachable('the call should fail'),
    (error: unknown) => error as APICallError,
  );

const provider = (extra: Parameters<typeof createCodex>[0] = {}) =>
  createCodex({ baseURL: `${server.url}/backend-api/codex`, auth, maxRetries: 0, ...extra });

describe('an image answer over 128 MiB', () => {
  it('is cut off as it streams in, with a non-retryable error naming the limit', async () => {
    answer = huge(200, 200 * MiB);
    const model = provider().image('gpt-image-1.5');
    const error = await failure(model.doGenerate({ prompt: 'a kite', n: 1 } as never));
    expect(APICallError.isInstance(error)).toBe(true);
    expect(error).toMatchObject({
      message: 'The Codex image response is larger than 128 MiB; it was not read.',
      statusCode: 200,
      isRetryable: false,
      url: `${server.url}/backend-api/codex/images/generations`,
    });
    expect(finished).toBe(false);
    expect(sent).toBeLessThan(200 * MiB);
  });

  it('is refused at once when its content-length says so', async () => {
    answer = huge(200, 1024 * MiB, { declare: true });
    const model = provider().image('gpt-image-1.5');
    const error = await failure(model.doGenerate({ prompt: 'a kite', n: 1 } as never));
    expect(error.message).toBe('The Codex image response is larger than 128 MiB; it was not read.');
  });
});

describe('an error answer over 4 MiB', () => {
  it('is not read, and says whether to retry by its status', async () => {
    for (const [status, retryable] of [
      [502, true],
      [400, false],
    ] as const) {
      sent = 0;
      answer = huge(status, 16 * MiB);
      const error = await failure(
        provider()('gpt-5.3-codex').doGenerate({
          prompt: [{ role: 'user', content: [{ type: 'text', text: 'hi' }] }],
        }),
      );
      expect(APICallError.isInstance(error)).toBe(true);
      expect(error).toMatchObject({
        message: `The Codex backend answered (HTTP ${status}) with more than 4 MiB; it was not read.`,
        statusCode: status,
        isRetryable: retryable,
      });
      expect(sent).toBeLessThan(16 * MiB);
    }
  });
});

describe('a JSON answer over 4 MiB', () => {
  it('getUsage() stops reading and names the limit', async () => {
    answer = huge(200, 16 * MiB);
    const error = await failure(provider().getUsage());
    expect(APICallError.isInstance(error)).toBe(true);
    expect(error).toMatchObject({
      message: 'The ChatGPT usage answer is larger than 4 MiB; it was not read.',
      url: `${server.url}/backend-api/wham/usage`,
      statusCode: 200,
      isRetryable: false,
    });
    expect(sent).toBeLessThan(16 * MiB);
  });

  it('a token refresh answer: the auth file is left as it was', async () => {
    const dir = await mkdtemp(join(tmpdir(), 'codex-limits-'));
    try {
      const authFile = join(dir, 'auth.json');
      const content = JSON.stringify({
        tokens: {
          access_token: makeJwt({ exp: nowSeconds() - 60, marker: 'expired' }),
          refresh_token: 'rt-SECRET-limits',
        },
      });
      await writeFile(authFile, content);
      answer = huge(200, 16 * MiB);
      const error = await failure(
        createCodex({
          baseURL: `${server.url}/backend-api/codex`,
          authFile,
          tokenURL: `${server.url}/oauth/token`,
          maxRetries: 0,
        })('gpt-5.3-codex').doGenerate({
          prompt: [{ role: 'user', content: [{ type: 'text', text: 'hi' }] }],
        }),
      );
      expect(APICallError.isInstance(error)).toBe(true);
      expect(error.message).toBe(
        'The ChatGPT token endpoint answered (HTTP 200) with more than 4 MiB; it was not read, and the auth file was left as it was. Try again shortly.',
      );
      expect(error.isRetryable).toBe(true);
      expect(secretLeaks(error)).toEqual([]);
      expect(await readFile(authFile, 'utf8')).toBe(content);
      expect(sent).toBeLessThan(16 * MiB);
    } finally {
      await rm(dir, { recursive: true, force: true });
    }
  });

  it('a sign-in server answer', async () => {
    answer = huge(503, 16 * MiB);
    const dir = await mkdtemp(join(tmpdir(), 'codex-limits-'));
    try {
      const error = await failure(
        loginWithDeviceCode({ codexHome: dir, issuer: server.url, onUserCode: () => {} }),
      );
      expect(APICallError.isInstance(error)).toBe(true);
      expect(error).toMatchObject({
        message: `The sign-in server at ${server.url}/api/accounts/deviceauth/usercode answered (HTTP 503) with more than 4 MiB; it was not read. Try again shortly.`,
        statusCode: 503,
        isRetryable: true,
      });
      expect(sent).toBeLessThan(16 * MiB);
    } finally {
      await rm(dir, { recursive: true, force: true });
    }
  });
});
