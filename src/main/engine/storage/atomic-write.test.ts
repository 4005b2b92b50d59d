import fs from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { isAtomicWriteTemp, writeFileAtomic } from './atomic-write';

let dir: string;
beforeEach(async () => {
  dir = await fs.mkdtemp(path.join(os.tmpdir(), 'reelsmith-atomic-'));
});
afterEach(async () => {
  await fs.rm(dir, { recursive: true, force: true });
});

describe('writeFileAtomic', () => {
  it('replaces the content and leaves no temporary file', async () => {
    const file = path.join(dir, 'project.json');
    await writeFileAtomic(file, 'one');
    await writeFileAtomic(file, 'two');
    expect(await fs.readFile(file, 'utf8')).toBe('two');
    expect(await fs.readdir(dir)).toEqual(['project.json']);
  });

  it('keeps the old content and cleans up when the final rename fails', async () => {
    const target = path.join(dir, 'taken');
    await fs.mkdir(path.join(target, 'child'), { recursive: true });
    await expect(writeFileAtomic(target, 'new')).rejects.toThrow();
    expect((await fs.readdir(dir)).sort()).toEqual(['taken']);
    expect(await fs.readdir(target)).toEqual(['child']);
  });

  it('recognises its own temporaries by name', () => {
    expect(isAtomicWriteTemp('.project.json.1234.0badf00d.tmp')).toBe(true);
    expect(isAtomicWriteTemp('project.json')).toBe(false);
    expect(isAtomicWriteTemp('.project.json.tmp')).toBe(false);
  });
});
