import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startMockIssuer, type MockIssuer } from '../../support/mock-issuer';
import { useCodexEmulator } from '../../support/use-codex-emulator';
import { lastJson, packageVersion, runChild, runtimeApp, type ChildResult } from './runtime-app';
import {
  CHAT_STREAM,
  expectAbortedEarly,
  once,
  readUIMessageStream,
  slowAnswer,
  TOOL_LOOP_RESULT,
} from './app-answers';

/** How a server runtime runs `runtime-checks.mjs` in the app directory. */
export type ServerRuntime = {
  name: string;
  /** The command and its arguments that run the script with these arguments. */
  command: (
    app: string,
    scriptArgs: string[],
    codexHome: string,
  ) => Promise<{ command: string; args: string[] }>;
};

/**
 * The checks a runtime with a process (Bun, Deno) must pass with the packed package: both
 * transports through a tool loop, a UI message stream, an abort, an image, and a device
 * sign-in whose auth file the next call reads. Every check is its own process, which must
 * end by itself, print nothing on stderr and quote no token.
 */
export function describeServerRuntime(runtime: ServerRuntime): void {
  describe(`${runtime.name} with the packed package`, () => {
    const emu = useCodexEmulator();
    let app: string;
    let codexHome: string;
    let issuer: MockIssuer;

    beforeAll(async () => {
      app = await runtimeApp();
      codexHome = await mkdtemp(join(tmpdir(), `codex-home-${runtime.name}-`));
      issuer = await startMockIssuer();
    }, 300_000);
    afterAll(async () => {
      await issuer?.close();
      if (app) await rm(app, { recursive: true, force: true });
      if (codexHome) await rm(codexHome, { recursive: true, force: true });
    });

    async function run(route: string): Promise<ChildResult & { result: any }> {
      const { command, args } = await runtime.command(
        app,
        ['runtime-checks.mjs', route, emu.baseURL, issuer.issuer],
        codexHome,
      );
      const child = await runChild(command, args, {
        cwd: app,
        env: { CODEX_HOME: codexHome },
        timeoutMs: 20_000,
      });
      expect(`${child.stdout}${child.stderr}`).not.toContain('SECRET');
      return { ...child, result: lastJson(child.stdout) };
    }

    /** Ended by itself, having printed nothing but its answer. */
    function expectCleanExit(child: ChildResult) {
      expect({ code: child.code, stderr: child.stderr }).toEqual({ code: 0, stderr: '' });
    }

    it('streams a tool loop over HTTP SSE', async () => {
      const child = await run('/tool-loop?transport=sse');
      expect(child.result).toEqual(TOOL_LOOP_RESULT);
      expectCleanExit(child);
      const posts = emu.requests.filter(r => r.method === 'POST');
      expect(posts).toHaveLength(2);
      expect(posts[0]!.headers).toMatchObject({
        authorization: 'Bearer at-SECRET-runtime',
        'chatgpt-account-id': 'acct-runtime',
        originator: 'ai-sdk-provider-codex',
      });
      // the packed build (its version); the OS release only where the runtime may read it
      // (Deno: with --allow-sys)
      expect(posts[0]!.headers['user-agent']).toMatch(
        new RegExp(`^ai-sdk-provider-codex/${await packageVersion()} \\(Linux( \\S+)?; x64\\)$`),
      );
    });

    it('streams a tool loop over the WebSocket transport', async () => {
      const child = await run('/tool-loop?transport=websocket');
      expect(child.result).toEqual(TOOL_LOOP_RESULT);
      expectCleanExit(child);
      // both steps went over one socket, none over HTTP
      expect(emu.requests.map(r => [r.method, r.socket])).toEqual([
        ['WS', 1],
        ['WS', 1],
      ]);
      expect(emu.websocket.handshakes[0]!.headers).toMatchObject({
        authorization: 'Bearer at-SECRET-runtime',
        'chatgpt-account-id': 'acct-runtime',
        'openai-beta': 'responses_websockets=2026-02-06',
        originator: 'ai-sdk-provider-codex',
      });
    });

    it.each([
      [
        426,
        /^The Codex backend refused the WebSocket upgrade \(HTTP 426\); this provider uses HTTP \(SSE\) from now on\.$/,
      ],
      [
        502,
        /^The WebSocket upgrade failed \(HTTP 502\); this call went over HTTP \(SSE\), and a WebSocket is tried again in 60 s\.$/,
      ],
    ])('goes over HTTP when the upgrade is answered %i, saying so once', async (status, said) => {
      let refused = false;
      emu.websocket.rejectHandshake = () =>
        refused ? undefined : ((refused = true), { status, body: { detail: 'no' } });
      const child = await run('/tool-loop?transport=websocket');
      expectCleanExit(child);
      expect(child.result).toEqual({
        ...TOOL_LOOP_RESULT,
        warnings: [expect.stringMatching(said)],
      });
      expect(emu.websocket.handshakes.map(h => h.status)).toEqual([status]);
      expect(emu.requests.map(r => r.method)).toEqual(['POST', 'POST']);
    });

    it('streams a tool loop as a UI message stream response', async () => {
      const child = await run('/chat');
      expectCleanExit(child);
      expect(readUIMessageStream(child.stdout)).toMatchObject(CHAT_STREAM);
    });

    it.each(['sse', 'websocket'])('stops streaming at once on abort (%s)', async transport => {
      emu.inject = once(slowAnswer());
      const child = await run(`/abort?transport=${transport}`);
      expectCleanExit(child);
      expectAbortedEarly(child.result);
      // and the answer was not read to its end (5 s at 40 words a second)
      expect(child.ms).toBeLessThan(4000);
    });

    it('generates an image', async () => {
      const child = await run('/image');
      expectCleanExit(child);
      expect(child.result).toEqual({
        images: [{ mediaType: 'image/png', bytes: expect.any(Number) }],
      });
      expect(child.result.images[0].bytes).toBeGreaterThan(0);
    });

    it('signs in with a device code, then calls with the auth file it wrote', async () => {
      issuer.deviceInterval = '0.02';
      const child = await run('/login');
      expectCleanExit(child);
      expect(child.result).toEqual({
        email: 'ada@example.com',
        call: { text: 'Hello from the Codex emulator! You said: "hello"' },
      });
      const sent = emu.requests.find(r => r.method === 'POST')!.headers.authorization;
      expect(sent === `Bearer ${issuer.issued[0]!.access_token}`).toBe(true);
    });
  });
}
