import { mkdtemp, rm, stat, utimes, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { withAuthFileLock } from './auth-file-store';

let dir: string;
beforeEach(async () => {
  dir = await mkdtemp(join(tmpdir(), 'codex-lock-'));
});
afterEach(async () => {
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

  it('takes over a lock older than a refresh can take (its holder died)', async () => {
    const path = join(dir, 'auth.json');
    await writeFile(`${path}.lock`, 'dead process\n');
    const old = new Date(Date.now() - 41_000);
    await utimes(`${path}.lock`, old, old);
    const started = Date.now();
    expect(await withAuthFileLock(path, async () => 'ran')).toBe('ran');
    expect(Date.now() - started).toBeLessThan(2_000);
  });

  it('does not take over a lock younger than that', async () => {
    const path = join(dir, 'auth.json');
    await writeFile(`${path}.lock`, 'slow refresh\n');
    const recent = new Date(Date.now() - 25_000);
    await utimes(`${path}.lock`, recent, recent);
    const controller = new AbortController();
    setTimeout(() => controller.abort(), 500);
    await expect(
      withAuthFileLock(path, async () => 'ran', controller.signal),
    ).rejects.toMatchObject({ name: 'AbortError' });
  });
});
