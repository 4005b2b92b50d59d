import fs from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { collectFiles } from './collect-files';

let dir: string;
const at = (...parts: string[]) => path.join(dir, ...parts);

beforeAll(async () => {
  dir = await fs.mkdtemp(path.join(os.tmpdir(), 'reelsmith-collect-'));
  await fs.mkdir(at('trip', 'day 2'), { recursive: true });
  await fs.mkdir(at('trip', 'day 10'), { recursive: true });
  await fs.mkdir(at('trip', '.hidden-folder'), { recursive: true });
  await fs.mkdir(at('trip', 'Old.reelsmith', 'cache'), { recursive: true });
  for (const file of ['trip/clip10.mp4', 'trip/clip2.mp4', 'trip/day 2/a.wav', 'trip/day 10/b.png', 'trip/.DS_Store', 'trip/.hidden-folder/x.mp4', 'trip/Old.reelsmith/cache/poster.jpg', 'trip/Thumbs.db', 'single.mov']) {
    await fs.writeFile(at(file), 'x');
  }
  await fs.symlink(at('trip'), at('trip', 'day 2', 'loop'));
});
afterAll(() => fs.rm(dir, { recursive: true, force: true }));

describe('collectFiles', () => {
  it('recurses folders in natural order, skipping hidden files, litter, project folders and link loops', async () => {
    const { files, unusable } = await collectFiles([at('trip'), at('single.mov')]);
    expect(files.map((f) => f.name)).toEqual([
      'trip/clip2.mp4',
      'trip/clip10.mp4',
      'trip/day 2/a.wav',
      'trip/day 10/b.png',
      'single.mov',
    ]);
    expect(files[0]!.path).toBe(at('trip', 'clip2.mp4'));
    expect(unusable).toEqual([]);
  });

  it('lists a file once however often it is named, and says which inputs do not exist', async () => {
    const { files, unusable } = await collectFiles([at('single.mov'), at('single.mov'), at('trip', 'clip2.mp4'), at('nope.mp4')]);
    expect(files.map((f) => f.name)).toEqual(['single.mov', 'clip2.mp4']);
    expect(unusable).toEqual([{ name: 'nope.mp4', reason: `${at('nope.mp4')} does not exist.` }]);
  });
});
