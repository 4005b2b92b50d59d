import fs from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { LOCK_FILE } from './project-folder';
import { ProjectLock, readLock, STALE_AFTER_MS } from './project-lock';

let dir: string;
beforeEach(async () => {
  dir = await fs.mkdtemp(path.join(os.tmpdir(), 'reelsmith-lock-'));
});
afterEach(async () => {
  await fs.rm(dir, { recursive: true, force: true });
});

describe('ProjectLock', () => {
  it('lets one instance in and tells the second who holds the project', async () => {
    const first = await ProjectLock.acquire(dir);
    await expect(ProjectLock.acquire(dir)).rejects.toMatchObject({
      code: 'PROJECT_LOCKED',
      message: expect.stringContaining(`process ${process.pid}`),
    });
    await first.release();
    const second = await ProjectLock.acquire(dir);
    await second.release();
    await expect(fs.access(path.join(dir, LOCK_FILE))).rejects.toThrow();
  });

  it('takes over a lock whose process died on this host', async () => {
    const crashed = await ProjectLock.acquire(dir, { isProcessAlive: () => true });
    const next = await ProjectLock.acquire(dir, { isProcessAlive: (pid) => pid !== crashed.record.pid });
    expect((await readLock(dir))?.instanceId).toBe(next.record.instanceId);
    expect(await crashed.verify()).toBe(false);
    expect(crashed.isLost).toBe(true);
    await crashed.release();
    expect((await readLock(dir))?.instanceId).toBe(next.record.instanceId);
    await next.release();
  });

  it('takes over a lock from another host only once its heartbeat is older than the stale limit', async () => {
    const start = Date.parse('2026-01-01T00:00:00Z');
    const other = await ProjectLock.acquire(dir, { host: 'other-host', now: () => new Date(start) });
    const soon = { now: () => new Date(start + STALE_AFTER_MS - 1000) };
    await expect(ProjectLock.acquire(dir, soon)).rejects.toMatchObject({ code: 'PROJECT_LOCKED' });
    const later = await ProjectLock.acquire(dir, { now: () => new Date(start + STALE_AFTER_MS + 1000) });
    expect(await other.verify()).toBe(false);
    await later.release();
  });

  it('treats an unreadable lock file as stale', async () => {
    await fs.writeFile(path.join(dir, LOCK_FILE), '{"pid":');
    const lock = await ProjectLock.acquire(dir);
    expect(await lock.verify()).toBe(true);
    await lock.release();
  });

  it('refreshes its heartbeat while held', async () => {
    const lock = await ProjectLock.acquire(dir, { heartbeatMs: 20 });
    const before = (await readLock(dir))!.heartbeatAt;
    await new Promise((r) => setTimeout(r, 120));
    expect((await readLock(dir))!.heartbeatAt > before).toBe(true);
    await lock.release();
  });
});
