import fs from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { isPartialFile, PartialFiles } from './partial-files';

let root: string;

beforeEach(async () => {
  root = await fs.mkdtemp(path.join(os.tmpdir(), 'reelsmith-partials-'));
});
afterEach(async () => {
  await fs.rm(root, { recursive: true, force: true });
});

const registry = () => path.join(root, 'config', 'partial-outputs');
const listing = async () => (await fs.readdir(root)).filter((name) => name !== 'config').sort();

describe('PartialFiles.writeThrough', () => {
  it('writes a registered temporary and moves it into place when the work succeeds', async () => {
    const partials = new PartialFiles(registry());
    const target = path.join(root, 'out.png');
    let seen: { partial: string; registered: string[] } | null = null;
    const result = await partials.writeThrough(target, async (partial) => {
      await fs.writeFile(partial, 'picture');
      const entries = await fs.readdir(registry());
      seen = { partial, registered: entries };
      return 42;
    });
    expect(result).toBe(42);
    expect(seen!.registered).toHaveLength(1);
    expect(isPartialFile(seen!.partial)).toBe(true);
    expect(path.extname(seen!.partial)).toBe('.png');
    expect(await fs.readFile(target, 'utf8')).toBe('picture');
    expect(await listing()).toEqual(['out.png']);
    expect(await fs.readdir(registry())).toEqual([]);
  });

  it('leaves nothing behind, and the old file untouched, when the work fails', async () => {
    const partials = new PartialFiles(registry());
    const target = path.join(root, 'out.mp4');
    await fs.writeFile(target, 'the user’s earlier export');
    const failing = partials.writeThrough(target, async (partial) => {
      await fs.writeFile(partial, 'half a video');
      throw new Error('the encoder stopped');
    });
    await expect(failing).rejects.toThrow('the encoder stopped');
    expect(await fs.readFile(target, 'utf8')).toBe('the user’s earlier export');
    expect(await listing()).toEqual(['out.mp4']);
    expect(await fs.readdir(registry())).toEqual([]);
  });

  it('lets the next start remove the temporary of a process that was killed', async () => {
    const dead = new PartialFiles(registry());
    const target = path.join(root, 'out.mp4');
    let partial = '';
    // The work never ends, as in a process killed half-way: nothing discards the temporary.
    void dead.writeThrough(target, async (file) => {
      partial = file;
      await fs.writeFile(file, 'half a video');
      await new Promise(() => undefined);
    });
    await expect.poll(async () => (partial ? fs.readFile(partial, 'utf8').catch(() => '') : '')).toBe('half a video');
    // A later start, which finds the writing process gone.
    const removed = await new PartialFiles(registry(), () => false).cleanStale();
    expect(removed).toEqual([partial]);
    expect(await listing()).toEqual([]);
  });
});
