import { describe, expect, it } from 'vitest';
import {
  countKinds,
  DEFAULT_QUERY,
  foldText,
  nameSortKey,
  queryAssets,
  sortAssets,
  tagCounts,
  type AssetQuery,
} from './asset-query';
import { asset } from './fixtures';

const ids = (list: { id: string }[]) => list.map((a) => a.id);
const query = (overrides: Partial<AssetQuery>): AssetQuery => ({ ...DEFAULT_QUERY, ...overrides });

const library = [
  asset('beach', { name: 'Plage à Nice.MP4', tags: ['Summer', 'sea'], favourite: true }),
  asset('song', { name: 'theme song.wav', kind: 'audio', tags: ['music'] }, { duration: 200 }),
  asset('logo', { name: 'Logo.png', kind: 'image', tags: ['brand'] }, { duration: null }),
  asset('cafe', { name: 'Café interview.mov', tags: ['talk', 'Summer'], sizeBytes: 5000 }, { duration: 65 }),
];

describe('foldText', () => {
  it('ignores case and accents', () => {
    expect(foldText('CAFÉ Ångström Ñu')).toBe('cafe angstrom nu');
  });
});

describe('queryAssets search', () => {
  it('finds names whatever the case and accents', () => {
    expect(ids(queryAssets(library, query({ search: 'cafe' })))).toEqual(['cafe']);
    expect(ids(queryAssets(library, query({ search: 'PLAGE a nice' })))).toEqual(['beach']);
  });

  it('finds assets by their tags too', () => {
    expect(ids(queryAssets(library, query({ search: 'summer' })))).toEqual(['beach', 'cafe']);
  });

  it('needs every word to appear somewhere in the name or tags', () => {
    expect(ids(queryAssets(library, query({ search: 'summer talk' })))).toEqual(['cafe']);
    expect(ids(queryAssets(library, query({ search: 'summer brand' })))).toEqual([]);
  });

  it('shows everything for blank search text', () => {
    expect(queryAssets(library, query({ search: '   ' }))).toHaveLength(4);
  });
});

describe('queryAssets filters', () => {
  it('keeps one kind', () => {
    expect(ids(queryAssets(library, query({ kind: 'audio' })))).toEqual(['song']);
  });

  it('keeps favourites only', () => {
    expect(ids(queryAssets(library, query({ favouritesOnly: true })))).toEqual(['beach']);
  });

  it('keeps assets carrying every chosen tag', () => {
    expect(ids(queryAssets(library, query({ tags: ['Summer'] })))).toEqual(['beach', 'cafe']);
    expect(ids(queryAssets(library, query({ tags: ['Summer', 'sea'] })))).toEqual(['beach']);
  });

  it('does not change the list it was given', () => {
    const before = ids(library);
    queryAssets(library, query({ sort: 'name', descending: true }));
    expect(ids(library)).toEqual(before);
  });
});

describe('sortAssets', () => {
  it('sorts by name naturally, ignoring case', () => {
    const clips = [asset('c', { name: 'clip 10' }), asset('a', { name: 'Clip 2' }), asset('b', { name: 'clip 1' })];
    expect(ids(sortAssets(clips, 'name', false))).toEqual(['b', 'a', 'c']);
    expect(ids(sortAssets(clips, 'name', true))).toEqual(['c', 'a', 'b']);
  });

  it('makes sort keys that order numbers by value and ignore case and accents', () => {
    expect(nameSortKey('Clip 2') < nameSortKey('clip 10')).toBe(true);
    expect(nameSortKey('Été')).toBe(nameSortKey('ete'));
  });

  it('sorts by when assets were added, oldest first unless reversed', () => {
    const list = [
      asset('new', { addedAt: '2026-03-01T00:00:00.000Z' }),
      asset('old', { addedAt: '2026-01-01T00:00:00.000Z' }),
    ];
    expect(ids(sortAssets(list, 'added', false))).toEqual(['old', 'new']);
    expect(ids(sortAssets(list, 'added', true))).toEqual(['new', 'old']);
  });

  it('sorts by duration with images last either way', () => {
    expect(ids(sortAssets(library, 'duration', false))).toEqual(['beach', 'cafe', 'song', 'logo']);
    expect(ids(sortAssets(library, 'duration', true))).toEqual(['song', 'cafe', 'beach', 'logo']);
  });

  it('sorts by file size', () => {
    expect(ids(sortAssets(library, 'size', true))[0]).toBe('cafe');
  });

  it('keeps the list order between equals', () => {
    const same = [asset('x'), asset('y'), asset('z')];
    expect(ids(sortAssets(same, 'size', false))).toEqual(['x', 'y', 'z']);
    expect(ids(sortAssets(same, 'size', true))).toEqual(['z', 'y', 'x']);
  });
});

describe('countKinds', () => {
  it('counts what each kind button would show under the other filters', () => {
    expect(countKinds(library, query({}))).toEqual({ all: 4, video: 2, audio: 1, image: 1 });
    expect(countKinds(library, query({ kind: 'audio', search: 'summer' }))).toEqual({
      all: 2,
      video: 2,
      audio: 0,
      image: 0,
    });
  });
});

describe('tagCounts', () => {
  it('lists every tag with its number of assets, alphabetically', () => {
    expect(tagCounts(library)).toEqual([
      { tag: 'brand', count: 1 },
      { tag: 'music', count: 1 },
      { tag: 'sea', count: 1 },
      { tag: 'Summer', count: 2 },
      { tag: 'talk', count: 1 },
    ]);
  });
});
