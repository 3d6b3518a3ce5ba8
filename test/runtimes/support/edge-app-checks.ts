import { expect, it } from 'vitest';
import type { CodexEmulator } from '../../support/codex-emulator';
import type { EntryName } from './runtime-app';
import {
  CHAT_STREAM,
  expectAbortedEarly,
  once,
  readUIMessageStream,
  slowAnswer,
  WEBSOCKET_FALLBACK_RESULT,
} from './app-answers';

/** What a runtime's `fetch` dispatch answers (a `Response`, or miniflare's own). */
type RouteResponse = {
  status: number;
  headers: { get(name: string): string | null };
  text(): Promise<string>;
  json(): Promise<unknown>;
};

/**
 * The checks of a runtime without Node's features (workerd, the edge runtime), through
 * `fetchRoute` (one route of the fixture app; it starts the runtime on first use): every
 * entry starts and streams a chat; the root entry also falls back from the WebSocket
 * transport, stops on abort, makes an image, and has no auth file but an error that says to
 * pass `auth`.
 */
export function edgeAppChecks(
  emu: CodexEmulator,
  entry: EntryName,
  fetchRoute: (path: string) => Promise<RouteResponse>,
): void {
  it('starts, and streams a tool loop as a UI message stream', async () => {
    const response = await fetchRoute('/chat');
    expect(response.headers.get('content-type')).toBe('text/event-stream');
    expect(readUIMessageStream(await response.text())).toMatchObject(CHAT_STREAM);
    expect(emu.requests.map(r => r.headers.authorization)).toEqual([
      'Bearer at-SECRET-runtime',
      'Bearer at-SECRET-runtime',
    ]);
  });

  if (entry !== 'root') return;

  const get = async (path: string) => {
    const response = await fetchRoute(path);
    return { status: response.status, body: (await response.json()) as any };
  };

  it('falls back to HTTP SSE for the WebSocket transport, saying so once', async () => {
    const { body } = await get('/tool-loop?transport=websocket');
    expect(body).toEqual(WEBSOCKET_FALLBACK_RESULT);
    expect(emu.requests.map(r => r.method)).toEqual(['POST', 'POST']);
  });

  it('stops streaming at once on abort', async () => {
    emu.inject = once(slowAnswer());
    expectAbortedEarly((await get('/abort')).body);
  });

  it('generates an image', async () => {
    const { body } = await get('/image');
    expect(body).toEqual({ images: [{ mediaType: 'image/png', bytes: expect.any(Number) }] });
  });

  it('says that it needs `auth` when there is no auth file to read', async () => {
    const { status, body } = await get('/auth-file');
    expect(status).toBe(500);
    expect(body.thrown).toMatchObject({
      name: 'AI_LoadAPIKeyError',
      message: expect.stringMatching(/`auth`/),
    });
    expect(emu.requests).toEqual([]);
  });
}
