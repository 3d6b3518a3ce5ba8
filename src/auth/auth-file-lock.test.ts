import { mkdtemp, readFile, rm, stat, utimes, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { LoadAPIKeyError } from '@ai-sdk/provider';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { withAuthFileLock } from './auth-file-store';

let dir: string;
beforeEach(async () => {
  dir = await mkdtemp(join(tmpdir(), 'codex-lock-'));
});
afterEach(async () => {
  vi.restoreAllMocks();
  await rm(dir, { recursive: true, force: true });
});

describe('withAuthFileLock', () => {
  it('waits for a live holder and runs once it lets go', async () => {
    const path = join(dir, 'auth.json');
    await writeFile(`${path}.lock`, 'other process\n');
    let releasedAt = 0;
    setTimeout(() => {
      releasedAt = Date.now();
      void rm(`${path}.lock`, { force: true });
    }, 300);
    const ranAt = await withAuthFileLock(path, async () => Date.now());
    expect(releasedAt).toBeGreaterThan(0);
    expect(ranAt).toBeGreaterThanOrEqual(releasedAt);
    await expect(stat(`${path}.lock`)).rejects.toMatchObject({ code: 'ENOENT' });
  });

  it.each([
    ['older than a refresh can take (its holder died)', -41_000],
    ['dated in the future (written before the clock was stepped back)', 365 * 86_400_000],
  ])('takes over a lock %s', async (_, offsetMs) => {
    const path = join(dir, 'auth.json');
    await writeFile(`${path}.lock`, 'dead process\n');
    const dated = new Date(Date.now() + offsetMs);
    await utimes(`${path}.lock`, dated, dated);
    const started = Date.now();
    expect(await withAuthFileLock(path, async () => 'ran')).toBe('ran');
    expect(Date.now() - started).toBeLessThan(2_000);
  });

  it('does not take a lock dated a second or two ahead (clocks of a shared disk differ a little)', async () => {
    const path = join(dir, 'auth.json');
    await writeFile(`${path}.lock`, 'other machine\n');
    const ahead = new Date(Date.now() + 2_000);
    await utimes(`${path}.lock`, ahead, ahead);
    let releasedAt = 0;
    setTimeout(() => {
      releasedAt = Date.now();
      void rm(`${path}.lock`, { force: true });
    }, 300);
    const ranAt = await withAuthFileLock(path, async () => Date.now());
    expect(releasedAt).toBeGreaterThan(0);
    expect(ranAt).toBeGreaterThanOrEqual(releasedAt);
  });

  it('waits a bounded time, then fails with an error naming the lock file', async () => {
    const path = join(dir, 'auth.json');
    await writeFile(`${path}.lock`, 'a holder that never lets go\n');
    // a holder that keeps its lock fresh, so it never counts as stale
    const touch = setInterval(() => {
      const now = new Date();
      void utimes(`${path}.lock`, now, now).catch(() => {});
    }, 50);
    const started = Date.now();
    try {
      const error = await withAuthFileLock(path, async () => 'ran', { maxWaitMs: 400 }).catch(
        (e: unknown) => e,
      );
      expect(LoadAPIKeyError.isInstance(error)).toBe(true);
      expect((error as Error).message).toBe(
        `Gave up after 0.4 s waiting for the lock file ${path}.lock: another process (a sign-in, a logout or a token refresh of this auth file) held it all that time. If none is running, remove the lock file and try again.`,
      );
      expect(Date.now() - started).toBeGreaterThanOrEqual(400);
      expect(Date.now() - started).toBeLessThan(1_500);
    } finally {
      clearInterval(touch);
    }
    // not ours: it is left where it is
    expect(await readFile(`${path}.lock`, 'utf8')).toBe('a holder that never lets go\n');
  });

  it('does not take over a lock younger than that', async () => {
    const path = join(dir, 'auth.json');
    await writeFile(`${path}.lock`, 'slow refresh\n');
    const recent = new Date(Date.now() - 25_000);
    await utimes(`${path}.lock`, recent, recent);
    const controller = new AbortController();
    setTimeout(() => controller.abort(), 500);
    await expect(
      withAuthFileLock(path, async () => 'ran', { abortSignal: controller.signal }),
    ).rejects.toMatchObject({ name: 'AbortError' });
  });

  it('polls a held lock from 25 ms, doubling up to 200 ms: no busy loop, no long sleep after the release', async () => {
    const path = join(dir, 'auth.json');
    await writeFile(`${path}.lock`, 'other process\n');
    const realSetTimeout = globalThis.setTimeout;
    setTimeout(() => void rm(`${path}.lock`, { force: true }), 1_000);
    const waits: number[] = [];
    vi.spyOn(globalThis, 'setTimeout').mockImplementation(((callback: () => void, ms?: number) => {
      waits.push(ms ?? 0);
      return realSetTimeout(callback, ms);
    }) as typeof setTimeout);
    await withAuthFileLock(path, async () => undefined);
    expect(waits.slice(0, 5)).toEqual([25, 50, 100, 200, 200]);
    expect(Math.max(...waits)).toBe(200);
  });

  it('names its holder (process id and time) in the lock file while it runs', async () => {
    const path = join(dir, 'auth.json');
    const lock = await withAuthFileLock(path, () => readFile(`${path}.lock`, 'utf8'));
    const [pid, time] = lock.trimEnd().split(' ');
    expect(pid).toBe(String(process.pid));
    expect(Math.abs(Date.parse(time!) - Date.now())).toBeLessThan(60_000);
  });

  it('fails at once when the lock file cannot be created, instead of waiting for it', async () => {
    // `<name>.lock` is one character over the file name limit; `<name>` itself is not
    const path = join(dir, `${'a'.repeat(251)}`);
    await expect(withAuthFileLock(path, async () => 'ran')).rejects.toMatchObject({
      code: 'ENAMETOOLONG',
    });
  }, 5_000);

  it('returns what it ran even when the lock was removed meanwhile (taken over as stale)', async () => {
    const path = join(dir, 'auth.json');
    const result = await withAuthFileLock(path, async () => {
      await rm(`${path}.lock`);
      return 'saved';
    });
    expect(result).toBe('saved');
  });
});
