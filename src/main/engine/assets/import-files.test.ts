import fs from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ensureTestMedia, type TestMediaCorpus } from '../../../../test/media/corpus';
import type { Asset } from '../../../shared/assets';
import { locateTool } from '../ffmpeg/locate';
import { importFiles, type ImportSource } from './import-files';

let corpus: TestMediaCorpus;
let dir: string;

beforeAll(async () => {
  corpus = await ensureTestMedia();
  dir = await fs.mkdtemp(path.join(os.tmpdir(), 'reelsmith-import-'));
});
afterAll(() => fs.rm(dir, { recursive: true, force: true }));

function run(sources: ImportSource[], concurrency: number) {
  const committed: Asset[][] = [];
  let n = 0;
  const results = importFiles(sources, {
    ffprobe: locateTool('ffprobe').path,
    findByFingerprint: () => null,
    commit: async (assets) => {
      committed.push(assets);
    },
    newId: () => `id${(n += 1)}`,
    now: () => new Date('2026-01-01T00:00:00Z'),
    concurrency,
    batchDelayMs: 5,
  });
  return { results, committed };
}

const source = (file: string, name = path.basename(file)): ImportSource => ({ path: file, name, stored: false });

describe('importFiles', () => {
  it('imports the first of several copies and calls the later ones duplicates, whatever finishes first', async () => {
    const big = corpus.good['prores-422.mov'].path;
    const copies = [0, 1, 2, 3].map((i) => path.join(dir, `copy-${i}.mov`));
    for (const copy of copies) await fs.copyFile(big, copy);
    for (let attempt = 0; attempt < 3; attempt += 1) {
      const { results } = run(copies.map((c) => source(c)), 4);
      const outcomes = (await results).map((r) => r.outcome);
      expect(outcomes).toEqual(['imported', 'duplicate', 'duplicate', 'duplicate']);
    }
  });

  it('rejects bad files with the reason and keeps going, committing the good ones in batches', async () => {
    const { results, committed } = run(
      [
        source(corpus.bad['empty.mp4'].path),
        source(corpus.good['speech.wav'].path, 'talk/speech.wav'),
        source(path.join(dir, 'gone.mp4')),
        source(corpus.bad['random.mov'].path),
        source(corpus.good['photo.jpg'].path),
      ],
      2,
    );
    expect((await results).map((r) => [r.name, r.outcome, r.reason])).toEqual([
      ['empty.mp4', 'rejected', 'empty.mp4 is empty (0 bytes).'],
      ['talk/speech.wav', 'imported', null],
      ['gone.mp4', 'rejected', 'gone.mp4 does not exist.'],
      ['random.mov', 'rejected', expect.stringMatching(/^random\.mov is damaged or is not a media file/)],
      ['photo.jpg', 'imported', null],
    ]);
    const assets = committed.flat();
    expect(assets.map((a) => [a.name, a.kind])).toEqual([
      ['speech.wav', 'audio'],
      ['photo.jpg', 'image'],
    ]);
  });
});
