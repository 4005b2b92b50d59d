import { describe, expect, it } from 'vitest';
import { assetMediaPath, describeImport, parseAssetMediaPath, summariseImport } from './assets';

describe('asset media paths', () => {
  it('round-trips an id and variant, with a cache-busting version', () => {
    expect(assetMediaPath('a1-b2', 'poster', 'v1:9:ab')).toBe('/media/asset/a1-b2/poster?v=v1%3A9%3Aab');
    expect(parseAssetMediaPath('/asset/a1-b2/poster')).toEqual({ id: 'a1-b2', variant: 'poster' });
  });

  it('refuses anything that is not an asset id and a known variant', () => {
    for (const bad of ['/asset/%/original', '/asset/../original', '/asset/a/thumbnail', '/asset/a/b/original', '/asset/a%2Fb/original', '/other/a/poster']) {
      expect(parseAssetMediaPath(bad), bad).toBeNull();
    }
  });
});

describe('import reports', () => {
  it('counts outcomes and says them in one line', () => {
    const report = summariseImport([
      { name: 'a.mp4', outcome: 'imported', assetId: 'a', reason: null },
      { name: 'b.mp4', outcome: 'duplicate', assetId: 'a', reason: 'Same content as a.mp4.' },
      { name: 'c.txt', outcome: 'rejected', assetId: null, reason: 'not media' },
      { name: 'd.txt', outcome: 'rejected', assetId: null, reason: 'not media' },
    ]);
    expect(report).toMatchObject({ imported: 1, duplicates: 1, rejected: 2 });
    expect(describeImport(report)).toBe('1 imported, 1 duplicate, 2 rejected');
  });
});
