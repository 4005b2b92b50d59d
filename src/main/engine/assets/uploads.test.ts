import fs from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { Readable } from 'node:stream';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ApiError } from '../../../shared/errors';
import { safeRelativePath, Uploads } from './uploads';

describe('safeRelativePath', () => {
  it('keeps folders, drops climbing and absolute parts', () => {
    expect(safeRelativePath('trip/day 1/clip.mp4')).toBe('trip/day 1/clip.mp4');
    expect(safeRelativePath('../../etc/passwd')).toBe('etc/passwd');
    expect(safeRelativePath('/abs\\win\\clip.mov')).toBe('abs/win/clip.mov');
    expect(safeRelativePath('..')).toBe('upload');
  });

  it('replaces characters other systems cannot hold and trailing dots', () => {
    expect(safeRelativePath('it\'s "quoted": café.mp4')).toBe("it's _quoted__ café.mp4");
    expect(safeRelativePath('name. /x')).toBe('name/x');
  });
});

describe('Uploads', () => {
  let project: string;
  beforeAll(async () => {
    project = await fs.mkdtemp(path.join(os.tmpdir(), 'reelsmith-uploads-'));
  });
  afterAll(() => fs.rm(project, { recursive: true, force: true }));

  it('stores a streamed file and moves it under media/ with a free name', async () => {
    const uploads = new Uploads();
    await uploads.open(project);
    await fs.mkdir(path.join(project, 'media', 'trip'), { recursive: true });
    await fs.writeFile(path.join(project, 'media', 'trip', 'clip.mp4'), 'taken');
    const { uploadId } = await uploads.receive('trip/clip.mp4', Readable.from([Buffer.from('new bytes')]));
    const { sources, unknown } = await uploads.take([uploadId, 'nope']);
    expect(unknown).toEqual(['nope']);
    expect(sources).toEqual([{ path: path.join(project, 'media', 'trip', 'clip (2).mp4'), name: 'trip/clip.mp4', stored: true }]);
    expect(await fs.readFile(sources[0]!.path, 'utf8')).toBe('new bytes');
    expect((await uploads.take([uploadId])).unknown).toEqual([uploadId]);
  });

  it('removes what an interrupted upload wrote and needs an open project', async () => {
    const uploads = new Uploads();
    await uploads.open(project);
    const failing = new Readable({
      read() {
        this.push(Buffer.from('part'));
        this.destroy(new Error('connection reset'));
      },
    });
    await expect(uploads.receive('x.mp4', failing)).rejects.toThrow(/did not complete/);
    expect(await fs.readdir(path.join(project, 'media', '.uploads'))).toEqual([]);
    await uploads.open(null);
    await expect(uploads.receive('x.mp4', Readable.from(['x']))).rejects.toBeInstanceOf(ApiError);
  });
});
