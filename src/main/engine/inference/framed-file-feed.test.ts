import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { readFramedFile, resolveFeeds } from './framed-file-feed';

describe('framed-file feeds', () => {
  const folder = fs.mkdtempSync(path.join(os.tmpdir(), 'reelsmith-framed-'));
  afterAll(() => fs.rmSync(folder, { recursive: true, force: true }));
  // Sample k is k + 1, so every element shows where it came from (0 is silence).
  const file = path.join(folder, 'samples.f32');
  fs.writeFileSync(file, Buffer.from(Float32Array.from({ length: 20 }, (_, k) => k + 1).buffer));

  it('frames each row with overlapping windows, silence before the start and past the end', () => {
    const frames = readFramedFile({ type: 'float32-frames-file', file, rowStarts: [-2, 3, 17], steps: 2, hop: 3, window: 4 });
    expect(Array.from(frames)).toEqual([
      ...[0, 0, 1, 2], ...[2, 3, 4, 5],
      ...[4, 5, 6, 7], ...[7, 8, 9, 10],
      ...[18, 19, 20, 0], ...[0, 0, 0, 0],
    ]);
  });

  it('gives the tensor the model sees, and passes plain tensors through', () => {
    const state = { type: 'float32' as const, data: new Float32Array(4), dims: [2, 1, 2] };
    const feeds = resolveFeeds({ input: { type: 'float32-frames-file', file, rowStarts: [0, 10], steps: 3, hop: 2, window: 3 }, state });
    expect(feeds['input']?.dims).toEqual([2, 3, 3]);
    expect(Array.from(feeds['input']!.data as Float32Array).slice(9, 12)).toEqual([11, 12, 13]);
    expect(feeds['state']).toBe(state);
  });

  it('fails clearly when the file is not there', () => {
    expect(() => readFramedFile({ type: 'float32-frames-file', file: path.join(folder, 'missing.f32'), rowStarts: [0], steps: 1, hop: 1, window: 1 })).toThrow(/ENOENT/);
  });
});
