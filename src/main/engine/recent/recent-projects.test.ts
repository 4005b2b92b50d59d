import fs from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { RecentProjects } from './recent-projects';

let dir: string;
beforeEach(async () => {
  dir = await fs.mkdtemp(path.join(os.tmpdir(), 'reelsmith-recent-'));
});
afterEach(async () => {
  await fs.rm(dir, { recursive: true, force: true });
});

const at = (n: number) => new Date(Date.UTC(2026, 0, 1, 0, 0, n)).toISOString();

describe('RecentProjects', () => {
  it('lists the newest first, once per path, and marks projects that are gone', async () => {
    const recent = new RecentProjects(dir);
    const real = path.join(dir, 'Real.reelsmith');
    await fs.mkdir(real);
    await fs.writeFile(path.join(real, 'project.json'), '{}');
    await recent.touch({ path: real, name: 'Real', openedAt: at(1) });
    await recent.touch({ path: '/gone/Old.reelsmith', name: 'Old', openedAt: at(2) });
    await recent.touch({ path: real, name: 'Real renamed', openedAt: at(3) });
    expect(await recent.list()).toEqual([
      { path: real, name: 'Real renamed', openedAt: at(3), exists: true },
      { path: '/gone/Old.reelsmith', name: 'Old', openedAt: at(2), exists: false },
    ]);
    await recent.remove('/gone/Old.reelsmith');
    expect((await recent.list()).map((r) => r.name)).toEqual(['Real renamed']);
  });

  it('follows a rename without moving the project in the list', async () => {
    const recent = new RecentProjects(dir);
    await recent.touch({ path: '/p/a', name: 'A', openedAt: at(1) });
    await recent.touch({ path: '/p/b', name: 'B', openedAt: at(2) });
    expect(await recent.rename('/p/a', 'A final')).toBe(true);
    expect(await recent.rename('/p/a', 'A final')).toBe(false);
    expect(await recent.rename('/p/none', 'x')).toBe(false);
    expect((await recent.list()).map((r) => [r.name, r.openedAt])).toEqual([['B', at(2)], ['A final', at(1)]]);
  });

  it('keeps the twenty most recent', async () => {
    const recent = new RecentProjects(dir);
    for (let i = 0; i < 25; i += 1) await recent.touch({ path: `/p/${i}`, name: `P${i}`, openedAt: at(i) });
    const list = await recent.list();
    expect(list).toHaveLength(20);
    expect(list[0]!.name).toBe('P24');
  });

  it('starts over from an unreadable file instead of failing', async () => {
    await fs.writeFile(path.join(dir, 'recent-projects.json'), '{"version":1,"projects":[{"pa');
    const recent = new RecentProjects(dir);
    expect(await recent.list()).toEqual([]);
    await recent.touch({ path: '/p/x', name: 'X', openedAt: at(1) });
    expect(await recent.list()).toHaveLength(1);
  });
});
